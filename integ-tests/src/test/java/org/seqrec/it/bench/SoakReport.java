package org.seqrec.it.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a soak writes: {@code soak.md} (the run, the result, the first failures, one line per minute,
 * the uploads) and {@code soak.json} (the same, with every sample). Memory in MiB; unknown values
 * print as {@code -} (null in JSON). The node's resident memory is shown twice: {@code VmRSS}, which
 * climbs towards heap + the rest while G1 touches the heap's pages for the first time, and the part
 * outside the Java heap ({@code non-heap}), where a leak shows.
 *
 * @param facts how the run was set up, in words, as {@code name -> text}, in the order shown
 * @param settings the same as numbers and names, for programs (JSON only)
 * @param load what the clients did
 * @param summary the samples and what follows from them
 * @param uploads the replacements, in order
 * @param replacementsPlanned how many replacements the run was to make
 */
record SoakReport(
        Map<String, Object> facts,
        Map<String, Object> settings,
        SoakLoad.Result load,
        SoakSummary summary,
        List<ModelReplacer.Upload> uploads,
        int replacementsPlanned) {

    static final String MARKDOWN_FILE = "soak.md";
    static final String JSON_FILE = "soak.json";
    private static final String[] MINUTE_HEADER = {
        "minute",
        "requests",
        "requests/s",
        "failed",
        "encodes/req",
        "VmRSS MiB",
        "VmRSS max MiB",
        "non-heap MiB",
        "non-heap max MiB",
        "heap used MiB",
        "models MiB",
        "generation"
    };

    SoakReport {
        facts = new LinkedHashMap<>(facts);
        settings = new LinkedHashMap<>(settings);
        uploads = List.copyOf(uploads);
    }

    /** No search failed and every planned replacement was uploaded. */
    boolean passed() {
        return load.totalFailed() == 0 && failedUploads() == 0 && uploads.size() == replacementsPlanned;
    }

    long failedUploads() {
        return uploads.stream().filter(ModelReplacer.Upload::failed).count();
    }

    /** The result in a few lines: searches, rate, replacements, memory. */
    List<String> resultLines() {
        List<String> lines = new ArrayList<>();
        StringBuilder perKind = new StringBuilder();
        for (int k = 0; k < load.kinds().size(); k++) {
            perKind.append(k == 0 ? "" : "; ")
                    .append(load.kinds().get(k).cliName())
                    .append(' ')
                    .append(String.format(Locale.ROOT, "%,d sent, %,d failed", load.attempted()[k], load.failed()[k]));
        }
        lines.add(String.format(
                Locale.ROOT,
                "searches: %,d sent, %,d failed (%s)%s",
                load.totalAttempted(),
                load.totalFailed(),
                perKind,
                load.stoppedByCount() ? "; stopped by the request count bound" : ""));
        lines.add(String.format(
                Locale.ROOT,
                "requests/s: %s over %.0f s",
                ResultTable.rate(
                        load.wallSeconds() <= 0
                                ? 0
                                : (load.totalAttempted() - load.totalFailed()) / load.wallSeconds()),
                load.wallSeconds()));
        long ok = uploads.size() - failedUploads();
        long lastGeneration = uploads.stream()
                .filter(u -> !u.failed())
                .mapToLong(ModelReplacer.Upload::generation)
                .max()
                .orElse(-1);
        long late = uploads.stream()
                .filter(u -> u.startSeconds() - u.dueSeconds() > 1)
                .count();
        lines.add(String.format(
                Locale.ROOT,
                "model replacements: %d of %d planned uploaded%s, %d failed%s",
                ok,
                replacementsPlanned,
                lastGeneration < 0 ? "" : ", generation " + lastGeneration + " reached",
                failedUploads(),
                late > 0 ? " (" + late + " started late: the previous upload was still running)" : ""));
        lines.add("node resident memory (VmRSS): " + trend(summary.rss(), Unit.KB));
        lines.add("node resident memory outside the Java heap (VmRSS - the heap mapping's Rss): "
                + trend(summary.nonHeapRss(), Unit.KB));
        SoakSummary.Trend heap = summary.heapUsed();
        // a sampled heap is a sawtooth between collections: its growth and slope would say nothing
        lines.add(String.format(
                Locale.ROOT,
                "JVM heap used (between collections, so no trend): start %s MiB, peak %s, end %s",
                mib(heap.start(), Unit.BYTES),
                mib(heap.peak(), Unit.BYTES),
                mib(heap.end(), Unit.BYTES)));
        lines.add("seqrec loaded models (plugin's estimate): " + trend(summary.modelMemory(), Unit.BYTES)
                + "; versions loaded: " + versions());
        return lines;
    }

    /** One minute as a line, as printed while the soak runs. */
    static String minuteLine(SoakSummary.Minute m) {
        return String.format(
                Locale.ROOT,
                "minute %3d: %,8d requests, %7s requests/s, %d failed, %s encodes/req; VmRSS %s MiB"
                        + " (max %s), non-heap %s MiB (max %s), heap used %s MiB, models %s MiB, generation %d",
                m.minute(),
                m.succeeded(),
                ResultTable.rate(m.requestsPerSecond()),
                m.failed(),
                encodes(m),
                mib(m.rssKb(), Unit.KB),
                mib(m.rssMaxKb(), Unit.KB),
                mib(m.nonHeapRssKb(), Unit.KB),
                mib(m.nonHeapRssMaxKb(), Unit.KB),
                mib(m.heapUsedBytes(), Unit.BYTES),
                mib(m.modelBytes(), Unit.BYTES),
                m.generation());
    }

    private static String encodes(SoakSummary.Minute m) {
        return Double.isNaN(m.encodesPerRequest()) ? "-" : String.format(Locale.ROOT, "%.2f", m.encodesPerRequest());
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# seqrec serving soak\n\n");
        facts.forEach((name, value) ->
                md.append("- ").append(name).append(": ").append(value).append('\n'));
        md.append("\n## Result: ")
                .append(passed() ? "no failed search, every replacement uploaded" : "FAILED")
                .append("\n\n");
        resultLines().forEach(line -> md.append("- ").append(line).append('\n'));
        if (!load.firstFailures().isEmpty()) {
            md.append("\n## First failures\n\n");
            for (SoakLoad.Failure f : load.firstFailures()) {
                md.append(String.format(
                        Locale.ROOT,
                        "- t=%.1fs %s: `%s`%n",
                        f.seconds(),
                        f.kind().cliName(),
                        f.what().replace('`', '\'').replace('\n', ' ')));
            }
        }
        md.append("\n## Per minute\n\n").append(minuteTable()).append('\n');
        md.append("""
                requests: successful searches completed in the minute; requests/s: those over the minute's sampled length; \
                encodes/req: the plugin's `encodes` counter over the minute per successful search; VmRSS: the node \
                process's resident memory at the minute's end and the highest of its 10-second samples; non-heap: the \
                same less the resident part (`Rss`) of the Java heap's mapping in `/proc/<pid>/smaps`; heap used: \
                `_nodes/_local/stats/jvm` at the minute's end; models: the plugin's `loaded_models_memory_bytes`; \
                generation: the model's latest upload generation at the minute's end.

                Reading the two memory columns: the node's heap is committed up to `-Xmx` at the start (`-Xms` = \
                `-Xmx`), but G1 touches its pages for the first time only as it cycles through its regions, so VmRSS \
                rises towards heap + non-heap for many minutes even when nothing leaks. The leak signal is non-heap: memory outside \
                the Java heap (native memory, thread stacks, code, mapped files) that keeps growing.
                """);
        md.append("\n## Uploads\n\n");
        md.append(
                "| # | due s | started s | took s | artifact | generation | result |\n|--:|--:|--:|--:|---|--:|---|\n");
        for (ModelReplacer.Upload u : uploads) {
            md.append(String.format(
                    Locale.ROOT,
                    "| %d | %.0f | %.0f | %.1f | %s | %s | %s |%n",
                    u.number(),
                    u.dueSeconds(),
                    u.startSeconds(),
                    u.tookSeconds(),
                    u.artifact(),
                    u.failed() ? "-" : Long.toString(u.generation()),
                    u.result().replace('|', '/').replace('\n', ' ')));
        }
        return md.toString();
    }

    /** The per-minute table, aligned. */
    String minuteTable() {
        List<String[]> rows = new ArrayList<>();
        rows.add(MINUTE_HEADER);
        for (SoakSummary.Minute m : summary.minutes()) {
            rows.add(new String[] {
                m.seconds() < 55
                        ? m.minute() + String.format(Locale.ROOT, " (%.0f s)", m.seconds())
                        : Integer.toString(m.minute()),
                String.format(Locale.ROOT, "%,d", m.succeeded()),
                ResultTable.rate(m.requestsPerSecond()),
                Long.toString(m.failed()),
                encodes(m),
                mib(m.rssKb(), Unit.KB),
                mib(m.rssMaxKb(), Unit.KB),
                mib(m.nonHeapRssKb(), Unit.KB),
                mib(m.nonHeapRssMaxKb(), Unit.KB),
                mib(m.heapUsedBytes(), Unit.BYTES),
                mib(m.modelBytes(), Unit.BYTES),
                Long.toString(m.generation())
            });
        }
        int[] widths = new int[MINUTE_HEADER.length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < rows.size(); row++) {
            out.append('|');
            for (int i = 0; i < widths.length; i++) {
                out.append(' ')
                        .append(" ".repeat(widths[i] - rows.get(row)[i].length()))
                        .append(rows.get(row)[i])
                        .append(" |");
            }
            out.append('\n');
            if (row == 0) {
                out.append('|');
                for (int width : widths) {
                    out.append("-".repeat(width + 1)).append(":|");
                }
                out.append('\n');
            }
        }
        return out.toString();
    }

    String json() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("benchmark", "seqrec serving soak");
        doc.put("passed", passed());
        doc.put("run", facts);
        doc.put("settings", settings);
        Map<String, Object> searches = new LinkedHashMap<>();
        searches.put("sent", load.totalAttempted());
        searches.put("failed", load.totalFailed());
        searches.put("wall_seconds", round(load.wallSeconds()));
        searches.put("stopped_by_count", load.stoppedByCount());
        for (int k = 0; k < load.kinds().size(); k++) {
            searches.put(
                    load.kinds().get(k).cliName(), Map.of("sent", load.attempted()[k], "failed", load.failed()[k]));
        }
        searches.put(
                "first_failures",
                load.firstFailures().stream()
                        .map(f -> Map.of(
                                "seconds", round(f.seconds()), "kind", f.kind().cliName(), "what", f.what()))
                        .toList());
        doc.put("searches", searches);
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("rss_kb", trendJson(summary.rss()));
        memory.put("non_heap_rss_kb", trendJson(summary.nonHeapRss()));
        memory.put("heap_used_bytes", trendJson(summary.heapUsed()));
        memory.put("models_bytes", trendJson(summary.modelMemory()));
        doc.put("memory", memory);
        doc.put(
                "minutes",
                summary.minutes().stream()
                        .map(m -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("minute", m.minute());
                            row.put("seconds", round(m.seconds()));
                            row.put("succeeded", m.succeeded());
                            row.put("failed", m.failed());
                            row.put("requests_per_s", round(m.requestsPerSecond()));
                            row.put(
                                    "encodes_per_request",
                                    Double.isNaN(m.encodesPerRequest()) ? null : round(m.encodesPerRequest()));
                            row.put("rss_kb", known(m.rssKb()));
                            row.put("rss_max_kb", known(m.rssMaxKb()));
                            row.put("non_heap_rss_kb", known(m.nonHeapRssKb()));
                            row.put("non_heap_rss_max_kb", known(m.nonHeapRssMaxKb()));
                            row.put("heap_used_bytes", known(m.heapUsedBytes()));
                            row.put("models_bytes", known(m.modelBytes()));
                            row.put("generation", m.generation());
                            return row;
                        })
                        .toList());
        doc.put("replacements_planned", replacementsPlanned);
        doc.put(
                "uploads",
                uploads.stream()
                        .map(u -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("number", u.number());
                            row.put("due_seconds", round(u.dueSeconds()));
                            row.put("start_seconds", round(u.startSeconds()));
                            row.put("took_seconds", round(u.tookSeconds()));
                            row.put("artifact", u.artifact());
                            row.put("generation", u.failed() ? null : u.generation());
                            row.put("result", u.result());
                            return row;
                        })
                        .toList());
        doc.put(
                "samples",
                summary.samples().stream()
                        .map(s -> {
                            Map<String, Object> row = new LinkedHashMap<>();
                            row.put("slot", s.isEnd() ? "end" : s.slot());
                            row.put("seconds", round(s.seconds()));
                            row.put("succeeded", s.succeeded());
                            row.put("failed", s.failed());
                            row.put("rss_kb", known(s.rssKb()));
                            row.put("non_heap_rss_kb", known(s.nonHeapRssKb()));
                            row.put("heap_rss_kb", known(s.heapRssKb()));
                            row.put("heap_used_bytes", known(s.heapUsedBytes()));
                            row.put("models_bytes", known(s.modelBytes()));
                            row.put("loaded_versions", s.loadedVersions() < 0 ? null : s.loadedVersions());
                            row.put("encodes", known(s.encodes()));
                            row.put("generation", s.generation());
                            return row;
                        })
                        .toList());
        return ReportFiles.json(doc);
    }

    /** Writes both files into {@code folder}; returns the markdown file. */
    Path write(Path folder) {
        return ReportFiles.write(folder, JSON_FILE, json(), MARKDOWN_FILE, markdown());
    }

    /** The unit of a memory value: kB ({@code VmRSS}) or bytes (the node's stats). */
    enum Unit {
        KB(1024.0),
        BYTES(1024.0 * 1024.0);

        final double perMib;

        Unit(double perMib) {
            this.perMib = perMib;
        }
    }

    /** A memory value in MiB (no decimals from 100 MiB on, one below), or {@code -} when unknown (negative). */
    static String mib(long value, Unit unit) {
        if (value < 0) {
            return "-";
        }
        double mib = value / unit.perMib;
        return String.format(Locale.ROOT, mib >= 100 ? "%,.0f" : "%.1f", mib);
    }

    /** A trend in words: start, after minute 1, peak, end, growth since minute 1, slope. */
    static String trend(SoakSummary.Trend t, Unit unit) {
        String growth = t.growth() == Long.MIN_VALUE
                ? ""
                : String.format(
                        Locale.ROOT,
                        "; %s%s MiB from minute 1 to the end",
                        t.growth() >= 0 ? "+" : "-",
                        mib(Math.abs(t.growth()), unit));
        double slopeMib = t.slopePerTenMinutes() / unit.perMib;
        String slope =
                Double.isNaN(slopeMib) ? "" : String.format(Locale.ROOT, ", trend %+.1f MiB per 10 min", slopeMib);
        return String.format(
                Locale.ROOT,
                "start %s MiB, after minute 1 %s, peak %s, end %s%s%s",
                mib(t.start(), unit),
                mib(t.afterFirstMinute(), unit),
                mib(t.peak(), unit),
                mib(t.end(), unit),
                growth,
                slope);
    }

    private String versions() {
        int min = summary.samples().stream()
                .mapToInt(SoakSample::loadedVersions)
                .filter(v -> v >= 0)
                .min()
                .orElse(-1);
        int max = summary.samples().stream()
                .mapToInt(SoakSample::loadedVersions)
                .max()
                .orElse(-1);
        return min < 0 ? "-" : min == max ? Integer.toString(min) : min + " to " + max;
    }

    private static Map<String, Object> trendJson(SoakSummary.Trend t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("start", known(t.start()));
        m.put("after_first_minute", known(t.afterFirstMinute()));
        m.put("peak", known(t.peak()));
        m.put("end", known(t.end()));
        m.put("growth_from_first_minute", t.growth() == Long.MIN_VALUE ? null : t.growth());
        m.put("slope_per_10_minutes", Double.isFinite(t.slopePerTenMinutes()) ? round(t.slopePerTenMinutes()) : null);
        return m;
    }

    private static Long known(long value) {
        return value < 0 ? null : value;
    }

    private static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
