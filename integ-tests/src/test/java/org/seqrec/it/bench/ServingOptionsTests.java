package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

/** Argument parsing of the serving benchmark: defaults, overrides, and errors that name the option. */
public class ServingOptionsTests {

    @Test
    public void noArgumentsGiveTheDefaults() {
        ServingOptions o = ServingOptions.parse();
        assertEquals(ServingOptions.defaults(), o);
        assertEquals(Optional.empty(), o.artifact());
        assertEquals(400, o.requests());
        assertEquals(List.of(1, 4, 16), o.clients());
        assertEquals(List.of(RequestKind.values()), o.kinds());
        assertEquals("2g", o.heap());
        assertEquals(16, o.maxClients());
        assertEquals(HistoryMode.DISTINCT, o.histories());
    }

    @Test
    public void optionsOverrideTheDefaults() {
        ServingOptions o = ServingOptions.parse(
                "--artifact",
                "/tmp/m.seqrec",
                "--requests",
                "50",
                "--clients",
                "4, 1,",
                "--kinds",
                "recommend,match",
                "--epochs",
                "2",
                "--out",
                "/tmp/o",
                "--heap",
                "1536m",
                "--warmup",
                "0",
                "--users",
                "7",
                "--cell-seconds",
                "30",
                "--seed",
                "-3",
                "--data",
                "x.txt",
                "--histories",
                "repeat");
        assertEquals(Optional.of(Path.of("/tmp/m.seqrec")), o.artifact());
        assertEquals(50, o.requests());
        assertEquals(List.of(4, 1), o.clients());
        assertEquals(4, o.maxClients());
        assertEquals(List.of(RequestKind.RECOMMEND, RequestKind.MATCH), o.kinds());
        assertEquals(2, o.epochs());
        assertEquals(Path.of("/tmp/o"), o.out());
        assertEquals("1536m", o.heap());
        assertEquals(0, o.warmup());
        assertEquals(7, o.users());
        assertEquals(30, o.cellSeconds());
        assertEquals(-3, o.seed());
        assertEquals(Path.of("x.txt"), o.data());
        assertEquals(HistoryMode.REPEAT, o.histories());
    }

    @Test
    public void theMatchReferenceIsAlwaysMeasuredFirstWhenNotNamed() {
        assertEquals(
                List.of(RequestKind.MATCH, RequestKind.SEQREC_QUERY, RequestKind.RECOMMEND),
                ServingOptions.parse("--kinds", "seqrec-query,recommend").kinds());
    }

    @Test
    public void theBuiltInRescorerIsMeasuredWithEverySeqRecRescoreOfAMatch() {
        assertEquals(
                List.of(RequestKind.MATCH, RequestKind.MATCH_QUERY_RESCORE, RequestKind.MATCH_SEQREC_RESCORE_USER),
                ServingOptions.parse("--kinds", "match-seqrec-rescore-user").kinds());
        assertEquals(
                List.of(
                        RequestKind.RECOMMEND,
                        RequestKind.MATCH,
                        RequestKind.MATCH_QUERY_RESCORE,
                        RequestKind.MATCH_SEQREC_RESCORE),
                ServingOptions.parse("--kinds", "recommend,match,match-seqrec-rescore")
                        .kinds());
        assertEquals(
                "named: kept where it was",
                List.of(RequestKind.MATCH, RequestKind.MATCH_SEQREC_RESCORE, RequestKind.MATCH_QUERY_RESCORE),
                ServingOptions.parse("--kinds", "match-seqrec-rescore,match-query-rescore")
                        .kinds());
        assertEquals(
                "the query and its rescore need no built-in reference",
                List.of(RequestKind.MATCH, RequestKind.SEQREC_QUERY_RESCORE),
                ServingOptions.parse("--kinds", "seqrec-query-rescore").kinds());
    }

    @Test
    public void theHistoriesARunNeedsCountEveryRequestWithAHistory() {
        // per kind with a history: 1 check + 1000 warm-up + (20 + 400) + (20 + 400) + (64 + 400) per cell; 5 such kinds
        // of 7
        assertEquals(5 * (1 + 1000 + 420 + 420 + 464), ServingOptions.defaults().historiesNeeded());
        ServingOptions smoke = ServingOptions.parse("--requests", "40", "--clients", "1,4");
        assertEquals(5 * (1 + 1000 + 60 + 60), smoke.historiesNeeded());
        ServingOptions noWarmup = ServingOptions.parse(
                "--requests", "10", "--clients", "16", "--warmup", "0", "--kinds", "match-query-rescore,recommend");
        assertEquals("the cell warm-up takes at most the one-input warm-up draw", 1, noWarmup.cellWarmup(16));
        assertEquals(1 + 0 + 1 + 10, noWarmup.historiesNeeded());
        assertEquals(0, ServingOptions.parse("--kinds", "match-query-rescore").historiesNeeded());
        assertEquals(64, ServingOptions.defaults().cellWarmup(16));
        assertEquals(20, ServingOptions.defaults().cellWarmup(4));
    }

    @Test
    public void badArgumentsNameTheOptionAndRange() {
        assertMessage("--requests must be in 10..100000, got 5", "--requests", "5");
        assertMessage("--clients must be in 1..256, got 0", "--clients", "1,0");
        assertMessage("--clients must not repeat a count, got 4,4", "--clients", "4,4");
        assertMessage("--clients needs a comma-separated list, got ','", "--clients", ",");
        assertMessage("--epochs must be in 1..50, got 0", "--epochs", "0");
        assertMessage("--requests must be a whole number, got 'many'", "--requests", "many");
        assertMessage("--heap must look like 2g or 1536m, got '2G'", "--heap", "2G");
        assertMessage("--kinds must not repeat a kind", "--kinds", "match,match");
        assertMessage("unknown option '--bogus'", "--bogus", "1");
        assertMessage("--histories must be one of distinct, repeat, got 'unique'", "--histories", "unique");
        assertMessage("--out needs a value", "--out");
        assertMessage("unexpected argument 'stray'", "stray");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> ServingOptions.parse("--kinds", "match,knn"));
        assertTrue(
                e.getMessage(),
                e.getMessage().startsWith("--kinds: unknown kind 'knn', allowed: match, match-query-rescore,"));
    }

    @Test
    public void helpIsRecognisedAnywhere() {
        assertTrue(ServingOptions.wantsHelp("--requests", "50", "--help"));
        assertTrue(ServingOptions.USAGE, ServingOptions.USAGE.contains("--clients LIST"));
    }

    private static void assertMessage(String expected, String... args) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ServingOptions.parse(args));
        assertEquals(expected, e.getMessage());
    }
}
