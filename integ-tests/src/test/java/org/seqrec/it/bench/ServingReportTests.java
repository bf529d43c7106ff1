package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;

/** The files a run writes: the markdown page with facts, table and stats, and the same as JSON. */
public class ServingReportTests {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private static final ResultTable TABLE = new ResultTable(List.of(
            new CellResult(RequestKind.MATCH, 1, 50, 50, 0, false, 188, 4.6, 10.8, 0, 3.1, null),
            new CellResult(RequestKind.RECOMMEND, 1, 50, 49, 1, false, 94, 4.0, 11.3, 1, Double.NaN, "HTTP 429")));

    private static ServingReport report() {
        return new ServingReport(
                Map.of("model", "m.seqrec: sasrec"),
                Map.of("requests_per_cell", 50),
                HistoryMode.DISTINCT,
                TABLE,
                List.of("node-1 encode_latency_ms: count=2 p50=1.10"),
                Map.of("cluster_name", "bench"));
    }

    @Test
    public void markdownHasTheFactsTheTableAndTheStats() {
        String md = report().markdown();
        assertTrue(
                md,
                md.startsWith(
                        "# seqrec serving benchmark\n\n- model: m.seqrec: sasrec\n\nHistories: `distinct` (no history"));
        assertTrue(md, md.contains(")\n\n| request "));
        assertTrue(new ServingReport(Map.of(), Map.of(), HistoryMode.REPEAT, TABLE, List.of(), Map.of())
                .markdown()
                .contains("\nHistories: `repeat` (the same histories in every cell"));
        assertTrue(md, md.contains(TABLE.markdown()));
        assertTrue(
                md,
                md.contains("| `_recommend`, k 10 |       1 |       49 |       94.0 |   4.00 |   11.3 |   0.50x |"));
        assertTrue(md, md.endsWith("- node-1 encode_latency_ms: count=2 p50=1.10\n"));
    }

    @Test
    public void bothFilesAreWrittenAndTheJsonParses() throws IOException {
        Path md = report().write(folder.getRoot().toPath().resolve("out"));
        assertEquals(report().markdown(), Files.readString(md));
        Map<String, Object> json;
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(
                NamedXContentRegistry.EMPTY,
                DeprecationHandler.IGNORE_DEPRECATIONS,
                Files.readString(md.resolveSibling(ServingReport.JSON_FILE)))) {
            json = parser.map();
        }
        assertEquals(Map.of("requests_per_cell", 50), json.get("settings"));
        assertEquals("distinct", json.get("histories"));
        assertEquals(Map.of("cluster_name", "bench"), json.get("node_stats"));
        List<?> rows = (List<?>) json.get("rows");
        assertEquals(2, rows.size());
        assertEquals(0.5, (Double) ((Map<?, ?>) rows.get(1)).get("ratio_to_match"), 0);
    }
}
