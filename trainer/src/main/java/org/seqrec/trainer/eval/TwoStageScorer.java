package org.seqrec.trainer.eval;

import java.util.Arrays;

/**
 * A retrieval model followed by a ranking model, as a search system runs them: the retrieval
 * model scores the catalogue, its top {@code depth} items are reranked by the ranking model, and the
 * pipeline's ranking is those items in the ranker's order followed by every other item in the
 * retrieval model's order. The scores it returns encode exactly that ranking (the reranked items
 * above all others), so the full protocol measures the pipeline. As a {@link CandidateScorer} it is
 * the ranker alone: give it (or the ranker) to {@link Evaluator}'s candidate scorer so that the
 * sampled protocols measure the ranking model, the usual view of one (read from these scores
 * instead, a sampled protocol measures the pipeline, whose sampled items mostly lie outside the
 * reranked top).
 *
 * <p>The top {@code depth} are taken over all items (the history's included), as a search would
 * return them; {@code full_excl_seen} then drops the history's items from the pipeline's list.
 * Not thread-safe if the scorers are not.
 */
public final class TwoStageScorer implements BatchScorer, CandidateScorer {
    /** How many retrieved items the documented pipeline reranks. */
    public static final int DEFAULT_DEPTH = 100;

    /** How the reranked items are ordered. */
    public enum Order {
        /** By the ranking model's score alone. */
        RANKER,
        /**
         * By the sum of both models' scores, each min-max normalised over the reranked items: the
         * {@code seqrec} rescore's {@code score_mode: total} with {@code normalize: minmax} on a first
         * pass that is the retrieval model's own score.
         */
        BLEND
    }

    private final BatchScorer retrieval;
    private final CandidateScorer ranker;
    private final int depth;
    private final Order order;

    /** The ranker's order over the top {@code depth} ({@link Order#RANKER}). */
    public TwoStageScorer(BatchScorer retrieval, CandidateScorer ranker, int depth) {
        this(retrieval, ranker, depth, Order.RANKER);
    }

    /** @param depth items reranked per history, at least 1 */
    public TwoStageScorer(BatchScorer retrieval, CandidateScorer ranker, int depth, Order order) {
        if (depth < 1) {
            throw new IllegalArgumentException("rerank depth must be >= 1, got " + depth);
        }
        this.retrieval = retrieval;
        this.ranker = ranker;
        this.depth = depth;
        this.order = order;
    }

    @Override
    public float[][] score(int[][] histories) {
        return rerank(histories, retrieval.score(histories));
    }

    @Override
    public float[][] score(int[][] histories, int[][] timeCodes) {
        return rerank(histories, retrieval.score(histories, timeCodes));
    }

    @Override
    public float[][] scoreCandidates(int[][] histories, int[][] candidates) {
        return ranker.scoreCandidates(histories, candidates);
    }

    private float[][] rerank(int[][] histories, float[][] scores) {
        int[][] top = new int[histories.length][];
        for (int b = 0; b < histories.length; b++) {
            top[b] = top(scores[b], depth);
        }
        float[][] ranked = ranker.scoreCandidates(histories, top);
        for (int b = 0; b < histories.length; b++) {
            if (order == Order.BLEND) {
                ranked[b] = blend(scores[b], top[b], ranked[b]);
            }
            place(scores[b], top[b], ranked[b]);
        }
        return scores;
    }

    /** minmax(retrieval) + minmax(ranker) over the reranked rows. */
    private static float[] blend(float[] scores, int[] top, float[] ranked) {
        float[] first = new float[top.length];
        for (int i = 0; i < top.length; i++) {
            first[i] = scores[top[i]];
        }
        float[] a = minMax(first);
        float[] b = minMax(ranked);
        float[] out = new float[top.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    /** (x - min) / (max - min) over the finite values, 0 when all are equal; NaN stays NaN. */
    private static float[] minMax(float[] x) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (float v : x) {
            if (Float.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Float.isNaN(x[i]) ? Float.NaN : max > min ? (x[i] - min) / (max - min) : 0f;
        }
        return out;
    }

    /**
     * Rewrites the retrieval scores so that the reranked rows come first, in the ranker's order (equal
     * ranker scores stay equal), above every other row, whose scores and order are kept.
     */
    private static void place(float[] scores, int[] top, float[] ranked) {
        float floor = Float.NEGATIVE_INFINITY;
        for (int r = 1; r < scores.length; r++) {
            if (!Float.isNaN(scores[r])) {
                floor = Math.max(floor, scores[r]);
            }
        }
        Integer[] order = new Integer[top.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // NaN ranker scores last among the reranked
        Arrays.sort(order, (a, b) -> Float.compare(clean(ranked[b]), clean(ranked[a])));
        float base = Float.isInfinite(floor) ? 0 : floor;
        for (int i = 0; i < order.length; i++) {
            int mine = order[i];
            boolean tiedWithPrevious = i > 0 && clean(ranked[mine]) == clean(ranked[order[i - 1]]);
            float value = tiedWithPrevious ? scores[top[order[i - 1]]] : base + (order.length - i);
            scores[top[mine]] = value;
        }
    }

    private static float clean(float score) {
        return Float.isNaN(score) ? Float.NEGATIVE_INFINITY : score;
    }

    /** The rows 1..n of the {@code k} highest scores, best first (NaN lowest; ties keep the lower row). */
    public static int[] top(float[] scores, int k) {
        int n = scores.length - 1;
        k = Math.min(k, n);
        // ascending by score: the weakest kept row sits at 0
        int[] rows = new int[k];
        float[] kept = new float[k];
        int size = 0;
        for (int r = 1; r <= n; r++) {
            float s = clean(scores[r]);
            if (size == k && !(s > kept[0])) {
                continue;
            }
            int i;
            if (size < k) {
                i = size++;
            } else {
                i = 0;
                // drop the weakest, then sift the newcomer up to its place
                while (i + 1 < k && kept[i + 1] < s) {
                    rows[i] = rows[i + 1];
                    kept[i] = kept[i + 1];
                    i++;
                }
                rows[i] = r;
                kept[i] = s;
                continue;
            }
            while (i > 0 && kept[i - 1] >= s) {
                rows[i] = rows[i - 1];
                kept[i] = kept[i - 1];
                i--;
            }
            rows[i] = r;
            kept[i] = s;
        }
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = rows[size - 1 - i];
        }
        return out;
    }
}
