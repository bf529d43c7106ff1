package org.seqrec.trainer.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Top-K ranking metrics averaged over cases, each computed from the 0-based rank of the target
 * (the number of candidates scored strictly higher than it):
 * HR@K = 1 if rank &lt; K; NDCG@K = 1 / log2(rank + 2) if rank &lt; K (one relevant item, so the
 * ideal DCG is 1); MRR = 1 / (rank + 1). K is 5, 10 and 20.
 *
 * @param cases number of ranked cases (0 gives all-zero metrics)
 */
public record RankingMetrics(
        long cases, double hr5, double hr10, double hr20, double ndcg5, double ndcg10, double ndcg20, double mrr) {
    /** The cut-offs K reported. */
    public static final int[] CUTOFFS = {5, 10, 20};

    /** 1 if the target at {@code rank} is in the top {@code k}, else 0. */
    public static double hitAt(long rank, int k) {
        return rank < k ? 1.0 : 0.0;
    }

    /** The NDCG@k of one case with the target at 0-based {@code rank}. */
    public static double ndcgAt(long rank, int k) {
        return rank < k ? 1.0 / (Math.log(rank + 2.0) / Math.log(2.0)) : 0.0;
    }

    /** Metric name to value: {@code hr@5 ... ndcg@20, mrr}, plus {@code cases}. */
    public Map<String, Double> asMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("hr@5", hr5);
        m.put("hr@10", hr10);
        m.put("hr@20", hr20);
        m.put("ndcg@5", ndcg5);
        m.put("ndcg@10", ndcg10);
        m.put("ndcg@20", ndcg20);
        m.put("mrr", mrr);
        m.put("cases", (double) cases);
        return m;
    }

    /** Sums per-case metrics; {@link #result()} averages them. Not thread-safe. */
    public static final class Accumulator {
        private long cases;
        private final double[] hr = new double[CUTOFFS.length];
        private final double[] ndcg = new double[CUTOFFS.length];
        private double reciprocalRanks;

        /** Adds one case whose target has 0-based {@code rank}. */
        public void add(long rank) {
            if (rank < 0) {
                throw new IllegalArgumentException("rank must be >= 0, got " + rank);
            }
            cases++;
            for (int i = 0; i < CUTOFFS.length; i++) {
                hr[i] += hitAt(rank, CUTOFFS[i]);
                ndcg[i] += ndcgAt(rank, CUTOFFS[i]);
            }
            reciprocalRanks += 1.0 / (rank + 1.0);
        }

        public RankingMetrics result() {
            double n = Math.max(cases, 1);
            return new RankingMetrics(
                    cases, hr[0] / n, hr[1] / n, hr[2] / n, ndcg[0] / n, ndcg[1] / n, ndcg[2] / n, reciprocalRanks / n);
        }
    }
}
