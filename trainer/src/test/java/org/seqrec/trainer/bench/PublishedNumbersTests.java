package org.seqrec.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqrec.trainer.eval.EvaluationProtocol;

/** PUBLISHED.json parsing, and the two files kept in docs/benchmarks. */
class PublishedNumbersTests {
    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> PublishedNumbers.parse(json, "p.json"))
                .getMessage();
    }

    @Test
    void parsesRowsWithTheirOwnSource() {
        PublishedNumbers p = PublishedNumbers.parse("""
                {"source": "paper", "protocol": "sampled:100",
                 "rows": [{"model": "A", "ndcg@10": 0.5, "hr@10": 0.7},
                          {"model": "B", "source": "re-run", "mrr": 0.25}]}""", "p.json");
        assertEquals("paper", p.source());
        assertEquals(new EvaluationProtocol.Sampled(100), p.protocol());
        assertEquals(
                List.of("hr@10", "ndcg@10"),
                List.copyOf(p.rows().get(0).metrics().keySet()));
        assertNull(p.rows().get(0).source());
        assertEquals("re-run", p.rows().get(1).source());
        assertEquals(List.of("hr@10", "ndcg@10", "mrr"), p.metricsPresent());
    }

    @Test
    void refusesWhatIsNotDocumented() {
        assertTrue(error("{\"protocol\": \"full\", \"rows\": []}").contains("key 'source' must be a non-empty string"));
        assertTrue(error("{\"source\": \"s\", \"protocol\": \"top\", \"rows\": [{\"model\": \"A\", \"mrr\": 0.1}]}")
                .contains("key 'protocol': protocol must be 'full' or 'sampled:N'"));
        assertTrue(error("{\"source\": \"s\", \"protocol\": \"full\", \"rows\": []}")
                .contains("key 'rows'"));
        String metric =
                error("{\"source\": \"s\", \"protocol\": \"full\", \"rows\": [{\"model\": \"A\", \"ndcg@50\": 0.1}]}");
        assertTrue(metric.contains("row #1 ('A'): unknown key 'ndcg@50'"), metric);
        String range =
                error("{\"source\": \"s\", \"protocol\": \"full\", \"rows\": [{\"model\": \"A\", \"hr@10\": 9.86}]}");
        assertTrue(range.contains("key 'hr@10' must be a number in [0, 1], got 9.86"), range);
        assertTrue(error("{\"source\": \"s\", \"protocol\": \"full\", \"rows\": [{\"model\": \"A\"}]}")
                .contains("has no metric"));
        assertTrue(error("{\"source\": \"s\", \"protocol\": \"full\", \"rows\": [], \"x\": 1}")
                .contains("unknown key 'x'"));
    }

    @Test
    void theDocumentedFilesParse() throws Exception {
        Path docs = Path.of("..", "docs", "benchmarks");
        PublishedNumbers beauty = PublishedNumbers.read(docs.resolve("beauty-published.json"));
        assertEquals(new EvaluationProtocol.Full(), beauty.protocol());
        assertTrue(beauty.rows().stream().anyMatch(r -> r.metrics().get("ndcg@10") == 0.0597), beauty.toString());
        PublishedNumbers games = PublishedNumbers.read(docs.resolve("games-published.json"));
        assertEquals(new EvaluationProtocol.Sampled(100), games.protocol());
        assertTrue(games.rows().stream().anyMatch(r -> r.metrics().get("ndcg@10") == 0.536), games.toString());
    }
}
