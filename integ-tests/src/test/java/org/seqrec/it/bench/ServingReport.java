package org.seqrec.it.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a benchmark run writes: {@code serving.md} (a description of the run, the table, the node's
 * latency stats) and {@code serving.json} (the same facts, one object per row, and the raw stats).
 *
 * @param facts how the run was set up, in words, as {@code name -> text}, in the order shown
 * @param settings the same as numbers and names, for programs (JSON only)
 * @param histories how the run's requests got their histories, named above the table
 * @param table the measurements
 * @param statsLines the node's latency sections at the end of the run
 * @param stats the raw stats answer
 */
record ServingReport(
        Map<String, Object> facts,
        Map<String, Object> settings,
        HistoryMode histories,
        ResultTable table,
        List<String> statsLines,
        Map<String, Object> stats) {

    static final String MARKDOWN_FILE = "serving.md";
    static final String JSON_FILE = "serving.json";

    ServingReport {
        facts = new LinkedHashMap<>(facts);
        settings = new LinkedHashMap<>(settings);
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# seqrec serving benchmark\n\n");
        facts.forEach((name, value) ->
                md.append("- ").append(name).append(": ").append(value).append('\n'));
        md.append('\n')
                .append(tableHeading())
                .append("\n\n")
                .append(table.markdown())
                .append('\n');
        md.append("""
                requests: successful requests measured; requests/s: successful requests over the cell's wall time; p50, p99: \
                client latency of the whole request (nearest rank); x match: requests/s over the plain `match`'s at the same \
                client count; x query rescorer: for the `match` + `seqrec` rescore rows, requests/s over the `match` + built-in \
                `query` rescorer's at the same client count; encodes/req: the node's `encodes` counter per request during the cell.
                """);
        md.append(
                "\nNode stats at the end (`GET /_plugins/_seqrec/stats`; latencies over the node's latest encodes):\n\n");
        if (statsLines.isEmpty()) {
            md.append("- (no latency section in the answer)\n");
        }
        statsLines.forEach(line -> md.append("- ").append(line).append('\n'));
        return md.toString();
    }

    /** The line above the table: which history mode ran. */
    String tableHeading() {
        return "Histories: `" + histories.cliName() + "`"
                + (histories == HistoryMode.DISTINCT
                        ? " (no history repeats unless the run needs more than exist; see histories above)"
                        : " (the same histories in every cell, each sent several times)");
    }

    String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "seqrec serving");
        doc.put("run", facts);
        doc.put("histories", histories.cliName());
        doc.put("settings", settings);
        doc.put("rows", table.json());
        doc.put("node_stats", stats);
        return ReportFiles.json(doc);
    }

    /** Writes both files into {@code folder}; returns the markdown file. */
    Path write(Path folder) {
        return ReportFiles.write(folder, JSON_FILE, json(), MARKDOWN_FILE, markdown());
    }
}
