package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.Test;
import org.seqrec.it.bench.SearchCases.Case;
import org.seqrec.it.bench.SearchCases.Split;
import org.seqrec.it.node.NodeResponse;

/**
 * The search-quality benchmark's own logic: the leave-one-out cases, the seeded attribute choice,
 * the metrics and the request bodies (no node).
 */
public class SearchQualityTests {
    private static final Map<String, List<String>> ATTRIBUTES = SearchCases.parseAttributes(
            "{\"a\": [1], \"b\": [2], \"c\": [3], \"d\": [4, 5], \"e\": [6, 7, 8], \"x\": []}");

    @Test
    public void casesFollowTheTrainersLeaveOneOutSplit() {
        List<String> items = List.of("a", "b", "c", "d", "e");
        Case validation = SearchCases.of(Split.VALIDATION, "u1", items, ATTRIBUTES, 42);
        assertEquals("d", validation.target());
        assertEquals(List.of("a", "b", "c"), validation.history());
        assertTrue(List.of("4", "5").contains(validation.attribute()));
        Case test = SearchCases.of(Split.TEST, "u1", items, ATTRIBUTES, 42);
        assertEquals("e", test.target());
        assertEquals(List.of("a", "b", "c", "d"), test.history());
        assertTrue(List.of("6", "7", "8").contains(test.attribute()));
        assertNull(SearchCases.of(Split.TEST, "u2", List.of("a", "b", "x"), ATTRIBUTES, 42));
    }

    @Test
    public void historyKeepsTheLatestItemsBeforeTheTarget() {
        List<String> items =
                new ArrayList<>(IntStream.range(0, 60).mapToObj(i -> "i" + i).toList());
        items.add("e");
        Case test = SearchCases.of(Split.TEST, "u", items, ATTRIBUTES, 1);
        assertEquals(SearchCases.HISTORY_LENGTH, test.history().size());
        assertEquals("i10", test.history().getFirst());
        assertEquals("i59", test.history().getLast());
    }

    @Test
    public void attributeIsReproducibleAndUniform() {
        List<String> attributes = List.of("6", "7", "8");
        Map<String, Integer> counts = new HashMap<>();
        for (int u = 0; u < 3000; u++) {
            String picked = SearchCases.pickAttribute(attributes, 42, "user" + u, Split.TEST);
            assertEquals(picked, SearchCases.pickAttribute(attributes, 42, "user" + u, Split.TEST));
            counts.merge(picked, 1, Integer::sum);
        }
        assertEquals(Set.of("6", "7", "8"), counts.keySet());
        counts.values().forEach(n -> assertTrue("counts " + counts, n > 900 && n < 1100));
    }

    @Test
    public void validationAndTestUsersAreDisjointSamples() {
        Map<String, List<String>> users = new LinkedHashMap<>();
        for (int u = 0; u < 100; u++) {
            users.put("u" + u, List.of("a", "b", "c", "d", "e"));
        }
        users.put("short", List.of("d", "e"));
        List<Case> cases = SearchCases.sample(users, ATTRIBUTES, 30, 7);
        Set<String> validation = new HashSet<>();
        Set<String> test = new HashSet<>();
        cases.forEach(c -> (c.split() == Split.VALIDATION ? validation : test).add(c.userId()));
        assertEquals(30, validation.size());
        assertEquals(30, test.size());
        assertTrue(validation.stream().noneMatch(test::contains));
        assertTrue(!validation.contains("short") && !test.contains("short"));
        assertEquals(cases, SearchCases.sample(users, ATTRIBUTES, 30, 7));
    }

    @Test
    public void metricsOfOneTargetAmongTheHits() {
        assertEquals(2, RankMetrics.rank(List.of("x", "t", "y"), "t"));
        assertEquals(0, RankMetrics.rank(List.of("x", "y"), "t"));
        assertEquals(1.0, RankMetrics.ndcg(1), 1e-12);
        assertEquals(0.5, RankMetrics.ndcg(3), 1e-12);
        assertEquals(1 / (Math.log(11) / Math.log(2)), RankMetrics.ndcg(10), 1e-12);
        assertEquals(0.0, RankMetrics.ndcg(11), 0);
        assertEquals(0.0, RankMetrics.ndcg(0), 0);
        assertEquals(1.0, RankMetrics.hr(10), 0);
        assertEquals(0.0, RankMetrics.hr(11), 0);
        RankMetrics.Mean mean = RankMetrics.Mean.of(new int[] {1, 3, 0, 12});
        assertEquals(0.5, mean.hr(), 1e-12);
        assertEquals(0.375, mean.ndcg(), 1e-12);
        // paired differences 0.5 and 1: mean 0.75, sample sd sqrt(0.125), standard error sd / sqrt(2) = 0.25
        RankMetrics.Difference d = RankMetrics.Difference.of(new int[] {1, 1}, new int[] {3, 0});
        assertEquals(0.75, d.mean(), 1e-12);
        assertEquals(0.25, d.standardError(), 1e-12);
    }

    @Test
    public void requestBodiesCarryTheClauseSettings() {
        Case c = new Case(Split.TEST, "u", List.of("a", "b"), "e", "7");
        Map<String, Object> rescore = json(
                SearchVariant.rescore(false, "multiply", "minmax", 1, 3, 500).body(c, "m", 10));
        assertEquals(Map.of("match", Map.of(SearchVariant.TEXT_FIELD, "7")), rescore.get("query"));
        Map<?, ?> window = (Map<?, ?>) rescore.get("rescore");
        assertEquals(500, window.get("window_size"));
        Map<?, ?> seqrec = (Map<?, ?>) window.get("seqrec");
        assertEquals(List.of("a", "b"), seqrec.get("history"));
        assertEquals("multiply", seqrec.get("score_mode"));
        assertEquals("minmax", seqrec.get("normalize"));
        assertEquals(3.0, ((Number) seqrec.get("rescore_query_weight")).doubleValue(), 0);
        Map<String, Object> bool = json(SearchVariant.bool(100, 0.5).body(c, "m", 10));
        Map<?, ?> should = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) bool.get("query")).get("bool")).get("should");
        assertEquals(100, ((Map<?, ?>) should.get("seqrec")).get("k"));
        Map<String, Object> term = json(SearchVariant.plain(true).body(c, "m", 1000));
        assertEquals(1000, term.get("size"));
        assertEquals(Map.of("term", Map.of(SearchVariant.KEYWORD_FIELD, "7")), term.get("query"));
    }

    @Test
    public void chooseTakesTheBestNdcgAmongTheCandidatesFirstListedOnTies() {
        List<SearchVariant> variants = List.of(
                SearchVariant.plain(false),
                SearchVariant.rescore(false, "total", "none", 1, 1, 100),
                SearchVariant.rescore(false, "max", "none", 1, 1, 100),
                SearchVariant.rescore(false, "min", "none", 1, 1, 100),
                SearchVariant.bool(100, 1));
        List<int[]> ranks =
                List.of(new int[] {1, 1}, new int[] {2, 0}, new int[] {1, 3}, new int[] {3, 1}, new int[] {1, 1});
        assertEquals(2, SearchQualityReport.choose(variants, ranks, v -> v.kind() == SearchVariant.Kind.RESCORE));
        assertEquals(0, SearchQualityReport.choose(variants, ranks, v -> true));
        assertEquals(-1, SearchQualityReport.choose(variants, ranks, v -> false));
    }

    @Test
    public void attributesDefaultToTheFileBesideTheData() {
        SearchQualityOptions o = SearchQualityOptions.parse("--data", "/d/Beauty.txt", "--users", "100");
        assertEquals(Path.of("/d/Beauty_item2attributes.json"), o.attributes());
        assertEquals(100, o.users());
        assertThrows(IllegalArgumentException.class, () -> SearchQualityOptions.parse("--users", "5"));
        assertThrows(IllegalArgumentException.class, () -> SearchQualityOptions.parse("--window"));
    }

    private static Map<String, Object> json(String body) {
        return new NodeResponse(200, body).json();
    }
}
