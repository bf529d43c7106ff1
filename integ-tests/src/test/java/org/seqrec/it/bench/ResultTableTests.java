package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/** The benchmark's table: row order, ratios to the plain match at the same client count, markdown, JSON. */
public class ResultTableTests {

    private static CellResult cell(RequestKind kind, int clients, double rate, double p50, double encodes) {
        return new CellResult(kind, clients, 400, 400, 0, false, rate, p50, p50 * 3, encodes, p50 / 2, null);
    }

    private static final List<CellResult> MEASURED = List.of(
            cell(RequestKind.MATCH, 1, 100, 9.8, 0),
            cell(RequestKind.SEQREC_QUERY, 1, 50, 13.25, 1),
            cell(RequestKind.MATCH, 16, 749, 20, 0),
            cell(RequestKind.SEQREC_QUERY, 16, 147, 105, 1),
            new CellResult(
                    RequestKind.RECOMMEND, 16, 400, 312, 3, true, 308.4, 6.2, 48, Double.NaN, Double.NaN, "HTTP 429"));

    @Test
    public void rowsAreGroupedByKindInTheOrderMeasured() {
        List<CellResult> rows = new ResultTable(MEASURED).rows();
        assertEquals(
                List.of(
                        RequestKind.MATCH,
                        RequestKind.MATCH,
                        RequestKind.SEQREC_QUERY,
                        RequestKind.SEQREC_QUERY,
                        RequestKind.RECOMMEND),
                rows.stream().map(CellResult::kind).toList());
        assertEquals(
                List.of(1, 16, 1, 16, 16),
                rows.stream().map(CellResult::clients).toList());
    }

    @Test
    public void ratiosCompareWithTheMatchAtTheSameClientCount() {
        ResultTable table = new ResultTable(MEASURED);
        assertEquals(0.5, table.ratioToMatch(MEASURED.get(1)), 1e-12);
        assertEquals(147.0 / 749, table.ratioToMatch(MEASURED.get(3)), 1e-12);
        assertEquals(1.0, table.ratioToMatch(MEASURED.get(2)), 1e-12);
        ResultTable noReference = new ResultTable(List.of(MEASURED.get(1)));
        assertTrue(Double.isNaN(noReference.ratioToMatch(MEASURED.get(1))));
    }

    @Test
    public void seqrecRescoreRowsCompareWithTheBuiltInRescorerAtTheSameClientCount() {
        List<CellResult> measured = List.of(
                cell(RequestKind.MATCH, 1, 100, 9.8, 0),
                cell(RequestKind.MATCH_QUERY_RESCORE, 1, 80, 7.4, 0),
                cell(RequestKind.MATCH_SEQREC_RESCORE, 1, 40, 11.8, 1),
                cell(RequestKind.MATCH, 16, 749, 20, 0),
                cell(RequestKind.MATCH_QUERY_RESCORE, 16, 758, 21, 0),
                cell(RequestKind.MATCH_SEQREC_RESCORE, 16, 255, 60, 1),
                cell(RequestKind.MATCH_SEQREC_RESCORE_USER, 16, 190, 80, 1),
                cell(RequestKind.SEQREC_QUERY, 16, 147, 105, 1),
                cell(RequestKind.SEQREC_QUERY_RESCORE, 16, 120, 130, 2),
                cell(RequestKind.MATCH_SEQREC_RESCORE_USER, 4, 150, 25, 1));
        ResultTable table = new ResultTable(measured);
        assertEquals(0.5, table.ratioToQueryRescorer(measured.get(2)), 1e-12);
        assertEquals(0.4, table.ratioToMatch(measured.get(2)), 1e-12);
        assertEquals(255.0 / 758, table.ratioToQueryRescorer(measured.get(5)), 1e-12);
        assertEquals(190.0 / 758, table.ratioToQueryRescorer(measured.get(6)), 1e-12);
        assertEquals("the reference itself", 1.0, table.ratioToQueryRescorer(measured.get(4)), 1e-12);
        assertTrue("not a rescore of a match", Double.isNaN(table.ratioToQueryRescorer(measured.get(0))));
        assertTrue("not a rescore of a match", Double.isNaN(table.ratioToQueryRescorer(measured.get(7))));
        assertTrue("its first pass is the seqrec query", Double.isNaN(table.ratioToQueryRescorer(measured.get(8))));
        assertTrue("no reference at 4 clients", Double.isNaN(table.ratioToQueryRescorer(measured.get(9))));
        String md = table.markdown();
        assertTrue(md, md.lines().toList().getFirst().contains("| x match | x query rescorer | encodes/req |"));
        assertTrue(md, md.contains("|   0.34x |            0.34x |"));
        assertTrue(
                md,
                md.matches("(?s).*`seqrec` query \\(`history`\\), k 100 .*\\|   0\\.20x \\|                - \\|.*"));
        Map<String, Object> row = table.json().get(table.rows().indexOf(measured.get(5)));
        assertEquals(0.336, (Double) row.get("ratio_to_query_rescorer"), 0);
        assertEquals(0.34, (Double) row.get("ratio_to_match"), 0.001);
        assertNull(table.json().get(table.rows().indexOf(measured.get(7))).get("ratio_to_query_rescorer"));
    }

    @Test
    public void cpuRatiosCompareTheNodesCpuPerRequestWithTheMatchsAtTheSameClientCount() {
        ResultTable table = new ResultTable(MEASURED);
        assertEquals(4.9 / 6.625, table.cpuRatioToMatch(MEASURED.get(1)), 1e-12);
        assertEquals(10.0 / 52.5, table.cpuRatioToMatch(MEASURED.get(3)), 1e-12);
        assertEquals(1.0, table.cpuRatioToMatch(MEASURED.get(0)), 1e-12);
        assertTrue("no CPU figure", Double.isNaN(table.cpuRatioToMatch(MEASURED.get(4))));
        Map<String, Object> query16 = table.json().get(3);
        assertEquals(52.5, (Double) query16.get("node_cpu_ms_per_request"), 0);
        assertEquals(0.19, (Double) query16.get("cpu_ratio_to_match"), 0);
        assertNull(table.json().get(4).get("node_cpu_ms_per_request"));
    }

    @Test
    public void markdownIsAlignedWithOneLinePerRow() {
        String md = new ResultTable(MEASURED).markdown();
        List<String> lines = md.lines().toList();
        assertEquals(2 + MEASURED.size(), lines.size());
        for (String line : lines) {
            assertEquals(line, lines.getFirst().length(), line.length());
            assertTrue(line, line.startsWith("|") && line.endsWith("|"));
        }
        assertTrue(md, lines.get(0).startsWith("| request "));
        assertTrue(md, lines.get(1).matches("\\|-+\\|(-+:\\|)+"));
        assertTrue(
                md,
                lines.get(4)
                        .matches(
                                "\\| `seqrec` query \\(`history`\\), k 100 +\\| +1 \\| +400 \\| +50\\.0 \\|"
                                        + " +13\\.3 \\| +39\\.8 \\| +0\\.50x \\| +- \\| +1\\.00 \\| +6\\.63 \\| +0\\.74x \\| +0 \\|"));
        assertTrue(md, lines.get(6).contains("| 312 of 400 (time limit) |"));
        assertTrue(
                md,
                lines.get(6)
                        .matches(
                                ".*\\| +308 \\| +6\\.20 \\| +48\\.0 \\| +0\\.41x \\| +- \\| +- \\| +- \\| +- \\| +3 \\|"));
    }

    @Test
    public void numbersAreRoundedToWhatTheNoiseAllows() {
        assertEquals("749", ResultTable.rate(749.4));
        assertEquals("99.5", ResultTable.rate(99.46));
        assertEquals("2.46", ResultTable.millis(2.456));
        assertEquals("13.3", ResultTable.millis(13.26));
        assertEquals("105", ResultTable.millis(104.6));
        assertEquals("-", ResultTable.millis(Double.NaN));
    }

    @Test
    public void jsonRowsCarryTheRatioAndNullForUnknowns() {
        List<Map<String, Object>> rows = new ResultTable(MEASURED).json();
        Map<String, Object> query16 = rows.get(3);
        assertEquals("seqrec-query", query16.get("kind"));
        assertEquals(16, query16.get("clients"));
        assertEquals(0.196, (Double) query16.get("ratio_to_match"), 0);
        assertEquals(105.0, (Double) query16.get("p50_ms"), 0);
        Map<String, Object> recommend = rows.get(4);
        assertNull(recommend.get("encodes_per_request"));
        assertEquals(true, recommend.get("time_limit_reached"));
        assertEquals(312, recommend.get("succeeded"));
        assertEquals("HTTP 429", recommend.get("first_error"));
    }
}
