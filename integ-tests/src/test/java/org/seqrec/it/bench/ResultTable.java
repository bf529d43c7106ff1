package org.seqrec.it.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The benchmark's one table: a row per request kind and client count, rows grouped by kind in the
 * order measured, with requests/s, p50, p99, the ratio of the row's requests/s to that of the
 * plain {@code match} at the same client count in the same run, and for the {@code match} +
 * {@code seqrec} rescore rows ({@link RequestKind#isSeqRecRescoreOfMatch()}) the ratio to the
 * {@code match} + built-in {@code query} rescorer at the same client count (issue 10's target compares
 * those two), and what each request cost the node in CPU time, also as the plain match's over it. Formats it as an aligned markdown table and as JSON-ready maps. Immutable.
 */
final class ResultTable {
    private static final String[] HEADER = {
        "request",
        "clients",
        "requests",
        "requests/s",
        "p50 ms",
        "p99 ms",
        "x match",
        "x query rescorer",
        "encodes/req",
        "node CPU ms/req",
        "x match CPU",
        "errors"
    };

    private final List<CellResult> cells;

    ResultTable(List<CellResult> cells) {
        this.cells = List.copyOf(cells);
    }

    /** The rows in table order: by kind (first appearance), then as measured. */
    List<CellResult> rows() {
        List<CellResult> rows = new ArrayList<>(cells.size());
        cells.stream()
                .map(CellResult::kind)
                .distinct()
                .forEach(kind -> cells.stream().filter(c -> c.kind() == kind).forEach(rows::add));
        return rows;
    }

    /** The cell's requests/s over the plain match's at the same client count; NaN without that reference. */
    double ratioToMatch(CellResult cell) {
        return ratioTo(RequestKind.MATCH, cell);
    }

    /**
     * For a {@code match} + {@code seqrec} rescore cell (and the reference itself, 1), its requests/s
     * over the {@code match} + built-in {@code query} rescorer's at the same client count; NaN for other
     * kinds and without that reference.
     */
    double ratioToQueryRescorer(CellResult cell) {
        if (!cell.kind().isSeqRecRescoreOfMatch() && cell.kind() != RequestKind.MATCH_QUERY_RESCORE) {
            return Double.NaN;
        }
        return ratioTo(RequestKind.MATCH_QUERY_RESCORE, cell);
    }

    /**
     * The plain match's node CPU per request over the cell's, at the same client count: the share of
     * the plain search's rate the node could serve of this kind were it bound by CPU alone (1 for the
     * match itself, below 1 for a dearer request); NaN without that reference or CPU figures.
     */
    double cpuRatioToMatch(CellResult cell) {
        return cells.stream()
                .filter(c -> c.kind() == RequestKind.MATCH && c.clients() == cell.clients())
                .mapToDouble(c -> c.nodeCpuMillisPerRequest() / cell.nodeCpuMillisPerRequest())
                .filter(Double::isFinite)
                .findFirst()
                .orElse(Double.NaN);
    }

    private double ratioTo(RequestKind reference, CellResult cell) {
        return cells.stream()
                .filter(c -> c.kind() == reference && c.clients() == cell.clients() && c.requestsPerSecond() > 0)
                .mapToDouble(c -> cell.requestsPerSecond() / c.requestsPerSecond())
                .findFirst()
                .orElse(Double.NaN);
    }

    /** The table in markdown, columns padded so that it also reads as plain text. */
    String markdown() {
        List<String[]> lines = new ArrayList<>();
        lines.add(HEADER);
        for (CellResult c : rows()) {
            lines.add(new String[] {
                c.kind().label(),
                Integer.toString(c.clients()),
                c.succeeded() + (c.timedOut() ? " of " + c.requested() + " (time limit)" : ""),
                rate(c.requestsPerSecond()),
                millis(c.p50Millis()),
                millis(c.p99Millis()),
                ratio(ratioToMatch(c)),
                ratio(ratioToQueryRescorer(c)),
                Double.isNaN(c.encodesPerRequest()) ? "-" : String.format(Locale.ROOT, "%.2f", c.encodesPerRequest()),
                millis(c.nodeCpuMillisPerRequest()),
                ratio(cpuRatioToMatch(c)),
                Integer.toString(c.errors())
            });
        }
        int[] widths = new int[HEADER.length];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < lines.size(); row++) {
            out.append('|');
            for (int i = 0; i < HEADER.length; i++) {
                String cell = lines.get(row)[i];
                String pad = " ".repeat(widths[i] - cell.length());
                out.append(' ').append(i == 0 ? cell + pad : pad + cell).append(" |");
            }
            out.append('\n');
            if (row == 0) {
                out.append('|');
                for (int i = 0; i < HEADER.length; i++) {
                    out.append(i == 0 ? "-".repeat(widths[i] + 2) : "-".repeat(widths[i] + 1) + ":")
                            .append('|');
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    /** One map per row, in table order; unknown values (NaN) are null. */
    List<Map<String, Object>> json() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (CellResult c : rows()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("kind", c.kind().cliName());
            row.put("request", c.kind().label());
            row.put("clients", c.clients());
            row.put("requested", c.requested());
            row.put("succeeded", c.succeeded());
            row.put("errors", c.errors());
            row.put("time_limit_reached", c.timedOut());
            row.put("requests_per_s", finite(c.requestsPerSecond()));
            row.put("p50_ms", finite(c.p50Millis()));
            row.put("p99_ms", finite(c.p99Millis()));
            row.put("ratio_to_match", finite(ratioToMatch(c)));
            row.put("ratio_to_query_rescorer", finite(ratioToQueryRescorer(c)));
            row.put("encodes_per_request", finite(c.encodesPerRequest()));
            row.put("node_cpu_ms_per_request", finite(c.nodeCpuMillisPerRequest()));
            row.put("cpu_ratio_to_match", finite(cpuRatioToMatch(c)));
            row.put("first_error", c.firstError());
            rows.add(row);
        }
        return rows;
    }

    private static String ratio(double ratio) {
        return Double.isNaN(ratio) ? "-" : String.format(Locale.ROOT, "%.2fx", ratio);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f" : "%.1f", perSecond);
    }

    static String millis(double millis) {
        return Double.isNaN(millis)
                ? "-"
                : String.format(Locale.ROOT, millis >= 100 ? "%.0f" : millis >= 10 ? "%.1f" : "%.2f", millis);
    }

    private static Double finite(double value) {
        return Double.isFinite(value) ? Math.round(value * 1000) / 1000.0 : null;
    }
}
