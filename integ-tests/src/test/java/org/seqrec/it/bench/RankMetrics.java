package org.seqrec.it.bench;

import java.util.List;

/**
 * HR@K and NDCG@K of one target among a search's hits, and their means over cases. A target at
 * 1-based rank {@code r <= K} among the hits counts HR 1 and NDCG {@code 1 / log2(r + 1)} (one
 * relevant item, so the ideal DCG is 1); a target not among the first K hits counts 0 for both.
 * Stateless.
 */
final class RankMetrics {
    /** The cut-off of both metrics: the first page of a search. */
    static final int K = 10;

    private RankMetrics() {}

    /** The 1-based rank of {@code target} among {@code hitIds} (in order), 0 when absent. */
    static int rank(List<String> hitIds, String target) {
        int i = hitIds.indexOf(target);
        return i < 0 ? 0 : i + 1;
    }

    static double hr(int rank) {
        return rank >= 1 && rank <= K ? 1 : 0;
    }

    static double ndcg(int rank) {
        return rank >= 1 && rank <= K ? 1 / (Math.log(rank + 1) / Math.log(2)) : 0;
    }

    /** Means over cases; {@code ranks} holds one rank per case (0: not found). */
    record Mean(int cases, double hr, double ndcg) {
        static Mean of(int[] ranks) {
            double hr = 0;
            double ndcg = 0;
            for (int r : ranks) {
                hr += RankMetrics.hr(r);
                ndcg += RankMetrics.ndcg(r);
            }
            return ranks.length == 0
                    ? new Mean(0, 0, 0)
                    : new Mean(ranks.length, hr / ranks.length, ndcg / ranks.length);
        }
    }

    /**
     * The paired difference of NDCG@K between two searches of the same cases: the mean of
     * {@code ndcg(a[i]) - ndcg(b[i])} and its standard error ({@code sd / sqrt(n)}, sample standard
     * deviation; 0 for fewer than 2 cases).
     */
    record Difference(double mean, double standardError) {
        static Difference of(int[] a, int[] b) {
            if (a.length != b.length) {
                throw new IllegalArgumentException("different case counts: " + a.length + " and " + b.length);
            }
            int n = a.length;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += ndcg(a[i]) - ndcg(b[i]);
            }
            double mean = n == 0 ? 0 : sum / n;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double d = ndcg(a[i]) - ndcg(b[i]) - mean;
                squares += d * d;
            }
            return new Difference(mean, n < 2 ? 0 : Math.sqrt(squares / (n - 1)) / Math.sqrt(n));
        }
    }
}
