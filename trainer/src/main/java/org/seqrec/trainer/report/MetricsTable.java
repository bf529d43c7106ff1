package org.seqrec.trainer.report;

import java.util.Locale;
import java.util.Map;
import org.seqrec.trainer.eval.EvaluationResult;
import org.seqrec.trainer.eval.RankingMetrics;

/** Formats an {@link EvaluationResult} as a fixed-width text table, one row per variant. Stateless. */
public final class MetricsTable {
    private MetricsTable() {}

    public static String format(EvaluationResult result) {
        StringBuilder sb = new StringBuilder(String.format(
                Locale.ROOT,
                "%-16s %8s %8s %8s %8s %8s %8s %8s %8s%n",
                "variant",
                "HR@5",
                "HR@10",
                "HR@20",
                "NDCG@5",
                "NDCG@10",
                "NDCG@20",
                "MRR",
                "cases"));
        for (Map.Entry<String, RankingMetrics> e : result.variants().entrySet()) {
            RankingMetrics m = e.getValue();
            sb.append(String.format(
                    Locale.ROOT,
                    "%-16s %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8.4f %8d%n",
                    e.getKey(),
                    m.hr5(),
                    m.hr10(),
                    m.hr20(),
                    m.ndcg5(),
                    m.ndcg10(),
                    m.ndcg20(),
                    m.mrr(),
                    m.cases()));
        }
        return sb.toString();
    }
}
