package org.seqrec.trainer.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqrec.trainer.eval.RankingMetrics;
import org.seqrec.trainer.report.Durations;
import org.seqrec.trainer.report.ProtocolLegend;
import org.seqrec.trainer.train.Training;

/**
 * The content of {@code results.md}, ready to paste into docs/benchmarks.md: the data and protocol,
 * one table row per configuration (model, loss, epochs run / best, training time, test HR@10 and
 * NDCG@10 under the headline protocol, NDCG@10 under the others), the published numbers next to
 * ours under their protocol, and the environment. No headings, so it fits under any section.
 * Stateless.
 */
public final class ResultsMarkdown {
    private ResultsMarkdown() {}

    public static String render(BenchmarkReport r) {
        StringBuilder sb = new StringBuilder();
        Map<String, Object> data = r.data();
        sb.append(String.format(
                Locale.ROOT,
                "Data: `%s` (`--format %s`): %s users, %s items, %s interactions; %d users"
                        + " evaluated (leave-one-out: last item = test target, second-to-last = validation target).%n%n",
                r.input(),
                r.format(),
                data.get("users"),
                data.get("items"),
                data.get("interactions"),
                r.evaluatedUsers()));
        String headline = r.headlineVariant();
        List<String> others =
                r.variants().stream().filter(v -> !v.equals(headline)).toList();
        sb.append("| configuration | model | loss | epochs run / best | train time | HR@10 `")
                .append(headline)
                .append("` | NDCG@10 `")
                .append(headline)
                .append('`');
        others.forEach(v -> sb.append(" | NDCG@10 `").append(v).append('`'));
        sb.append(" |\n|---|---|---|---:|---:|---:|---:")
                .append("|---:".repeat(others.size()))
                .append("|\n");
        List<String> failures = new ArrayList<>();
        for (ConfigResult c : r.results()) {
            sb.append("| ")
                    .append(c.name())
                    .append(" | ")
                    .append(c.config().config().model().name())
                    .append(" | ")
                    .append(c.config().lossLabel())
                    .append(" | ")
                    .append(epochs(c))
                    .append(" | ")
                    .append(Durations.format(c.trainSeconds()));
            sb.append(" | ").append(metric(c, headline, "hr@10")).append(" | ").append(metric(c, headline, "ndcg@10"));
            others.forEach(v -> sb.append(" | ").append(metric(c, v, "ndcg@10")));
            sb.append(" |\n");
            if (c.failed()) {
                failures.add(c.name() + ": " + c.error());
            }
        }
        sb.append('\n');
        failures.forEach(f -> sb.append("Failed: ").append(f).append("\n\n"));
        sb.append(String.format(
                Locale.ROOT,
                "The epoch kept is the one with the best `%s` (validation targets);"
                        + " training time is wall clock, validation after every epoch included. Test protocols (seed %d):%n%n",
                Training.SELECTION_METRIC,
                r.seed()));
        for (String line :
                ProtocolLegend.text(r.variants(), data.get("items"), r.seed()).split("\n")) {
            String t = line.trim();
            int space = t.indexOf(' ');
            if (space > 0) {
                sb.append("- `")
                        .append(t, 0, space)
                        .append("`: ")
                        .append(t.substring(space).trim())
                        .append('\n');
            }
        }
        if (r.published() != null) {
            published(sb, r);
        }
        environment(sb, r.environment());
        return sb.toString();
    }

    private static void published(StringBuilder sb, BenchmarkReport r) {
        PublishedNumbers p = r.published();
        String variant = BenchmarkRunner.variant(p.protocol());
        List<String> metrics = p.metricsPresent();
        sb.append(String.format(
                Locale.ROOT,
                "%nPublished numbers (%s), protocol `%s`, next to this run's `%s`:%n%n",
                p.source(),
                p.protocol().spec(),
                variant));
        sb.append("| model | source");
        metrics.forEach(m -> sb.append(" | ").append(label(m)));
        sb.append(" |\n|---|---").append("|---:".repeat(metrics.size())).append("|\n");
        for (PublishedNumbers.Row row : p.rows()) {
            sb.append("| ").append(row.model()).append(" | ").append(row.source() == null ? "(above)" : row.source());
            metrics.forEach(m -> sb.append(" | ")
                    .append(row.metrics().containsKey(m) ? fmt(row.metrics().get(m)) : ""));
            sb.append(" |\n");
        }
        for (ConfigResult c : r.results()) {
            sb.append("| **seqrec ").append(c.name()).append("** | this run");
            metrics.forEach(m -> sb.append(" | ").append(metric(c, variant, m)));
            sb.append(" |\n");
        }
    }

    private static void environment(StringBuilder sb, Environment e) {
        sb.append(String.format(
                Locale.ROOT,
                "%nEnvironment: %s, %d cores, `--threads %d`, device %s; %s; %s;" + " DJL %s, PyTorch %s, %s; %s.%n",
                e.cpu(),
                e.cores(),
                e.threads(),
                e.device(),
                e.os(),
                e.jvm(),
                e.djl(),
                e.pytorch(),
                e.trainer(),
                e.date()));
    }

    private static String epochs(ConfigResult c) {
        if (c.epochs().isEmpty()) {
            return "failed";
        }
        return c.epochs().size() + " / " + c.bestEpoch() + (c.stoppedEarly() ? " (early stop)" : "");
    }

    private static String metric(ConfigResult c, String variant, String metric) {
        if (c.test() == null || !c.test().variants().containsKey(variant)) {
            return "";
        }
        RankingMetrics m = c.test().get(variant);
        return fmt(m.asMap().get(metric));
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String label(String metric) {
        return metric.equals("mrr") ? "MRR" : metric.toUpperCase(Locale.ROOT);
    }
}
