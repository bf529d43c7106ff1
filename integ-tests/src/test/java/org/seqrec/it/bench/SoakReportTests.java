package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;

/** The soak's verdict, its lines and files: failed searches or uploads fail it; memory in MiB; JSON that parses. */
public class SoakReportTests {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static final List<RequestKind> KINDS = List.of(RequestKind.MATCH_SEQREC_RESCORE, RequestKind.SEQREC_QUERY);

    /** Two minutes: VmRSS 1,200 MiB + 1 per slot, the heap's mapping 900 + 1, so 300 MiB outside the heap, 302 at the end. */
    private static SoakSummary summary() {
        List<SoakSample> samples = new ArrayList<>();
        for (int slot = 0; slot <= 12; slot++) {
            samples.add(new SoakSample(
                    slot,
                    slot * 10,
                    slot * 2_000L,
                    0,
                    (1_200 + slot) * 1024L,
                    (900 + slot) * 1024L,
                    700L << 20,
                    6_291_456,
                    2,
                    slot * 2_000L,
                    1 + slot / 3));
        }
        samples.add(new SoakSample(
                SoakSample.END, 121, 24_100, 0, 1_210 * 1024L, 908 * 1024L, 650L << 20, 6_291_456, 2, 24_100, 4));
        return new SoakSummary(samples);
    }

    private static List<ModelReplacer.Upload> uploads(boolean oneFails) {
        return List.of(
                new ModelReplacer.Upload(1, 30, 30, 2.5, "second", 2, "updated"),
                new ModelReplacer.Upload(2, 60, 60, 2.1, "first", oneFails ? -1 : 3, oneFails ? "HTTP 500" : "updated"),
                new ModelReplacer.Upload(3, 90, 93, 1.9, "second", oneFails ? 3 : 4, "updated"));
    }

    private static SoakReport report(long failed, boolean uploadFails, int planned) {
        SoakLoad.Result load = new SoakLoad.Result(
                KINDS,
                new long[] {12_060, 12_050},
                new long[] {failed, 0},
                failed == 0
                        ? List.of()
                        : List.of(new SoakLoad.Failure(
                                42.2,
                                RequestKind.MATCH_SEQREC_RESCORE,
                                "POST /bench-catalogue/_search: HTTP 500 {\"error\":\"boom | `x`\"}")),
                120.4,
                false);
        return new SoakReport(
                Map.of("clients", "16"),
                Map.of("duration_seconds", 120),
                load,
                summary(),
                uploads(uploadFails),
                planned);
    }

    @Test
    public void anyFailedSearchOrUploadOrAMissingReplacementFailsTheSoak() {
        assertTrue(report(0, false, 3).passed());
        assertFalse("a failed search", report(1, false, 3).passed());
        assertFalse("a failed upload", report(0, true, 3).passed());
        assertFalse("a replacement not made", report(0, false, 4).passed());
    }

    @Test
    public void resultLinesCountSearchesRatesGenerationsAndMemory() {
        List<String> lines = report(1, false, 3).resultLines();
        assertEquals(
                "searches: 24,110 sent, 1 failed (match-seqrec-rescore 12,060 sent, 1 failed; seqrec-query 12,050 sent,"
                        + " 0 failed)",
                lines.get(0));
        assertEquals("requests/s: 200 over 120 s", lines.get(1));
        assertEquals(
                "model replacements: 3 of 3 planned uploaded, generation 4 reached, 0 failed (1 started late: the"
                        + " previous upload was still running)",
                lines.get(2));
        assertEquals(
                "node resident memory (VmRSS): start 1,200 MiB, after minute 1 1,206, peak 1,212, end 1,210;"
                        + " +4.0 MiB from minute 1 to the end, trend +50.6 MiB per 10 min",
                lines.get(3));
        assertEquals(
                "node resident memory outside the Java heap (VmRSS - the heap mapping's Rss): start 300 MiB, after"
                        + " minute 1 300, peak 302, end 302; +2.0 MiB from minute 1 to the end, trend +8.9 MiB per 10 min",
                lines.get(4));
        assertEquals(
                "JVM heap used (between collections, so no trend): start 700 MiB, peak 700, end 650", lines.get(5));
        assertEquals(
                "seqrec loaded models (plugin's estimate): start 6.0 MiB, after minute 1 6.0, peak 6.0, end 6.0;"
                        + " +0.0 MiB from minute 1 to the end, trend +0.0 MiB per 10 min; versions loaded: 2",
                lines.get(6));
    }

    @Test
    public void markdownHasTheVerdictFailuresMinutesAndUploads() {
        String md = report(1, true, 3).markdown();
        assertTrue(md, md.startsWith("# seqrec serving soak\n\n- clients: 16\n\n## Result: FAILED\n"));
        assertTrue(
                md,
                md.contains(
                        "## First failures\n\n- t=42.2s match-seqrec-rescore: `POST /bench-catalogue/_search: HTTP 500"
                                + " {\"error\":\"boom | 'x'\"}`\n"));
        assertTrue(
                md,
                md.contains("| minute | requests | requests/s | failed | encodes/req | VmRSS MiB | VmRSS max MiB |"
                        + " non-heap MiB | non-heap max MiB | heap used MiB |"));
        assertTrue(
                md,
                md.contains("|      1 |   12,000 |        200 |      0 |        1.00 |     1,206 |         1,206 |"
                        + "          300 |              300 |           700 |        6.0 |          3 |"));
        assertTrue(md, md.contains("The leak signal is non-heap"));
        assertTrue(md, md.contains("| 2 | 60 | 60 | 2.1 | first | - | HTTP 500 |"));
        assertTrue(
                report(0, false, 3).markdown().contains("## Result: no failed search, every replacement uploaded\n"));
        assertFalse(report(0, false, 3).markdown().contains("First failures"));
        assertEquals(
                "minute   1:   12,000 requests,     200 requests/s, 0 failed, 1.00 encodes/req; VmRSS 1,206 MiB (max 1,206),"
                        + " non-heap 300 MiB (max 300), heap used 700 MiB, models 6.0 MiB, generation 3",
                SoakReport.minuteLine(summary().minute(1)));
    }

    @Test
    public void bothFilesAreWrittenAndTheJsonParses() throws IOException {
        Path md = report(0, false, 3).write(folder.getRoot().toPath().resolve("out"));
        assertEquals(report(0, false, 3).markdown(), Files.readString(md));
        Map<String, Object> json;
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(
                NamedXContentRegistry.EMPTY,
                DeprecationHandler.IGNORE_DEPRECATIONS,
                Files.readString(md.resolveSibling(SoakReport.JSON_FILE)))) {
            json = parser.map();
        }
        assertEquals(true, json.get("passed"));
        Map<?, ?> searches = (Map<?, ?>) json.get("searches");
        assertEquals(24_110, searches.get("sent"));
        assertEquals(Map.of("sent", 12_050, "failed", 0), searches.get("seqrec-query"));
        Map<?, ?> rss = (Map<?, ?>) ((Map<?, ?>) json.get("memory")).get("rss_kb");
        assertEquals(1_200 * 1024, rss.get("start"));
        assertEquals(1_212 * 1024, rss.get("peak"));
        Map<?, ?> nonHeap = (Map<?, ?>) ((Map<?, ?>) json.get("memory")).get("non_heap_rss_kb");
        assertEquals(300 * 1024, nonHeap.get("start"));
        assertEquals(2 * 1024, nonHeap.get("growth_from_first_minute"));
        Map<?, ?> firstMinute = (Map<?, ?>) ((List<?>) json.get("minutes")).getFirst();
        assertEquals(300 * 1024, firstMinute.get("non_heap_rss_kb"));
        assertEquals(300 * 1024, firstMinute.get("non_heap_rss_max_kb"));
        Map<?, ?> last = (Map<?, ?>) ((List<?>) json.get("samples")).getLast();
        assertEquals(1_210 * 1024, last.get("rss_kb"));
        assertEquals(908 * 1024, last.get("heap_rss_kb"));
        assertEquals(302 * 1024, last.get("non_heap_rss_kb"));
        assertEquals(2, ((List<?>) json.get("minutes")).size());
        assertEquals(14, ((List<?>) json.get("samples")).size());
        assertEquals("end", ((Map<?, ?>) ((List<?>) json.get("samples")).getLast()).get("slot"));
        assertEquals(3, ((List<?>) json.get("uploads")).size());
    }

    @Test
    public void memoryPrintsInMebibytes() {
        assertEquals("1,206", SoakReport.mib(1_206 * 1024, SoakReport.Unit.KB));
        assertEquals("6.0", SoakReport.mib(6_291_456, SoakReport.Unit.BYTES));
        assertEquals("-", SoakReport.mib(-1, SoakReport.Unit.BYTES));
    }
}
