package org.seqrec.trainer.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqrec.trainer.split.EvalCase;

/**
 * Ranks held-out targets with a {@link BatchScorer} and averages {@link RankingMetrics}.
 *
 * <p>Rank of the target = number of candidates with a score <em>strictly greater</em> than the
 * target's, plus half of those with an <em>equal</em> score (rounded down): the middle of the tied
 * block, i.e. ties broken at random on average. Networks almost never tie; counting models do (the
 * Markov chain's items without a transition from the last item share its popularity fallback), and
 * an optimistic rank would flatter them (a scorer that gives every item the same score would get a
 * perfect rank). A NaN target score ranks last. Cases are scored in batches
 * of {@code batchSize} histories, so memory is about {@code batchSize * (numItems + 1)} floats.
 * Sampled negatives come from one random stream seeded per {@code evaluate} call and consumed in
 * case order, so results do not depend on the batch size.
 *
 * <p>Cases with time codes ({@link EvalCase#timeCodes()}, all of them or none) are scored with them.
 *
 * <p>Not thread-safe (reuses scratch arrays); use one instance per thread.
 */
public final class Evaluator {
    /** Default number of histories scored per call to the scorer. */
    public static final int DEFAULT_BATCH_SIZE = 512;

    private final BatchScorer scorer;
    /** Scores the sampled protocols' candidates, when not null; else they read {@link #scorer}'s scores. */
    private final CandidateScorer candidateScorer;

    private final int numItems;
    private final int batchSize;
    private final boolean[] marked;
    private final int[] candidates;

    /**
     * @param numItems items in the vocabulary; scores have {@code numItems + 1} entries
     * @param batchSize histories per scorer call, at least 1
     */
    public Evaluator(BatchScorer scorer, int numItems, int batchSize) {
        this(scorer, null, numItems, batchSize);
    }

    /**
     * An evaluator whose sampled protocols ask {@code candidateScorer} for the scores of exactly the
     * target and its drawn negatives (a ranking model scores candidates, not the catalogue).
     *
     * @param scorer scores every item, for the full protocol; null when only sampled protocols are run
     * @param candidateScorer scores the sampled candidates; null to read them from {@code scorer}
     */
    public Evaluator(BatchScorer scorer, CandidateScorer candidateScorer, int numItems, int batchSize) {
        if (scorer == null && candidateScorer == null) {
            throw new IllegalArgumentException("an evaluator needs a scorer");
        }
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems must be >= 1, got " + numItems);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.scorer = scorer;
        this.candidateScorer = candidateScorer;
        this.numItems = numItems;
        this.batchSize = batchSize;
        this.marked = new boolean[numItems + 1];
        this.candidates = new int[numItems];
    }

    /** Evaluates one protocol; see {@link #evaluate(List, List, long)}. */
    public EvaluationResult evaluate(List<EvalCase> cases, EvaluationProtocol protocol, long seed) {
        return evaluate(cases, List.of(protocol), seed);
    }

    /**
     * Scores every case once and ranks it under each protocol.
     *
     * @param seed seeds the sampled negatives (ignored by {@code full})
     * @return variants in protocol order: {@code full} gives {@code full} and {@code full_excl_seen},
     *     {@code sampled:N} gives {@code sampled_N}
     */
    public EvaluationResult evaluate(List<EvalCase> cases, List<EvaluationProtocol> protocols, long seed) {
        Map<String, RankingMetrics.Accumulator> acc = new LinkedHashMap<>();
        for (EvaluationProtocol p : protocols) {
            switch (p) {
                case EvaluationProtocol.Full f -> {
                    acc.put("full", new RankingMetrics.Accumulator());
                    acc.put("full_excl_seen", new RankingMetrics.Accumulator());
                }
                case EvaluationProtocol.Sampled s ->
                    acc.put("sampled_" + s.negatives(), new RankingMetrics.Accumulator());
            }
        }
        boolean full = protocols.stream().anyMatch(p -> p instanceof EvaluationProtocol.Full);
        if (full && scorer == null) {
            throw new IllegalArgumentException("the full protocol needs a scorer of every item");
        }
        List<EvaluationProtocol.Sampled> sampled = protocols.stream()
                .filter(p -> p instanceof EvaluationProtocol.Sampled)
                .map(p -> (EvaluationProtocol.Sampled) p)
                .toList();
        SplittableRandom random = new SplittableRandom(seed);
        for (int start = 0; start < cases.size(); start += batchSize) {
            List<EvalCase> batch = cases.subList(start, Math.min(cases.size(), start + batchSize));
            batch.forEach(this::checkTarget);
            float[][] scores = full || candidateScorer == null ? scoreBatch(batch) : null;
            // per case, per sampled protocol: the target first, then its negatives (drawn in case order)
            int[][][] drawn = new int[sampled.size()][batch.size()][];
            for (int i = 0; i < batch.size(); i++) {
                for (int p = 0; p < sampled.size(); p++) {
                    drawn[p][i] = draw(batch.get(i), sampled.get(p).negatives(), random);
                }
            }
            for (int p = 0; p < sampled.size(); p++) {
                float[][] candidateScores = candidateScorer == null ? null : scoreCandidates(batch, drawn[p]);
                RankingMetrics.Accumulator a =
                        acc.get("sampled_" + sampled.get(p).negatives());
                for (int i = 0; i < batch.size(); i++) {
                    a.add(
                            candidateScores == null
                                    ? rankAmong(scores[i], drawn[p][i])
                                    : rankFirst(candidateScores[i], drawn[p][i].length));
                }
            }
            if (full) {
                for (int i = 0; i < batch.size(); i++) {
                    EvalCase c = batch.get(i);
                    acc.get("full").add(fullRank(scores[i], c.target(), null));
                    acc.get("full_excl_seen").add(fullRank(scores[i], c.target(), c.history()));
                }
            }
        }
        Map<String, RankingMetrics> result = new LinkedHashMap<>();
        acc.forEach((k, v) -> result.put(k, v.result()));
        return new EvaluationResult(result);
    }

    private float[][] scoreBatch(List<EvalCase> batch) {
        int[][] histories = new int[batch.size()][];
        int[][] codes = batch.get(0).timeCodes() == null ? null : new int[batch.size()][];
        for (int i = 0; i < histories.length; i++) {
            histories[i] = batch.get(i).history();
            if (codes != null) {
                codes[i] = batch.get(i).timeCodes();
            }
        }
        float[][] scores = codes == null ? scorer.score(histories) : scorer.score(histories, codes);
        if (scores == null || scores.length != histories.length) {
            throw new IllegalStateException("scorer returned " + (scores == null ? "null" : scores.length + " rows")
                    + " for " + histories.length + " histories");
        }
        for (float[] row : scores) {
            if (row == null || row.length != numItems + 1) {
                throw new IllegalStateException("scorer returned " + (row == null ? "null" : row.length + " scores")
                        + " for a history, expected numItems + 1 = " + (numItems + 1));
            }
        }
        return scores;
    }

    private void checkTarget(EvalCase c) {
        if (c.target() < 1 || c.target() > numItems) {
            throw new IllegalArgumentException(
                    "target row " + c.target() + " of user " + c.user() + " is outside 1.." + numItems);
        }
    }

    /** Items 1..numItems other than the target (and, if given, the history's) scored above the target. */
    private long fullRank(float[] scores, int target, int[] excluded) {
        float t = scores[target];
        if (Float.isNaN(t)) {
            return numItems - 1;
        }
        if (excluded != null) {
            mark(excluded, true);
        }
        long above = 0;
        long tied = 0;
        for (int r = 1; r <= numItems; r++) {
            if (r != target && !marked[r]) {
                if (scores[r] > t) {
                    above++;
                } else if (scores[r] == t) {
                    tied++;
                }
            }
        }
        if (excluded != null) {
            mark(excluded, false);
        }
        return above + tied / 2;
    }

    /**
     * The target followed by up to {@code n} distinct rows the user never touched, drawn uniformly.
     */
    private int[] draw(EvalCase c, int n, SplittableRandom random) {
        mark(c.interacted(), true);
        marked[c.target()] = true;
        int free = 0;
        for (int r = 1; r <= numItems; r++) {
            if (!marked[r]) {
                free++;
            }
        }
        int take = Math.min(n, free);
        int taken = 0;
        if (take * 2L <= free) {
            // sparse: rejection sampling, marking each pick so it is not drawn twice
            while (taken < take) {
                int r = 1 + random.nextInt(numItems);
                if (!marked[r]) {
                    marked[r] = true;
                    candidates[taken++] = r;
                }
            }
            for (int i = 0; i < taken; i++) {
                marked[candidates[i]] = false;
            }
        } else {
            // dense: partial Fisher-Yates shuffle over all free rows
            for (int r = 1; r <= numItems; r++) {
                if (!marked[r]) {
                    candidates[taken++] = r;
                }
            }
            for (int i = 0; i < take; i++) {
                int j = i + random.nextInt(taken - i);
                int tmp = candidates[i];
                candidates[i] = candidates[j];
                candidates[j] = tmp;
            }
        }
        mark(c.interacted(), false);
        marked[c.target()] = false;
        int[] out = new int[take + 1];
        out[0] = c.target();
        System.arraycopy(candidates, 0, out, 1, take);
        return out;
    }

    /** The rank of {@code drawn[0]} (the target) among the drawn rows, by the catalogue's scores. */
    private static long rankAmong(float[] scores, int[] drawn) {
        float[] picked = new float[drawn.length];
        for (int i = 0; i < drawn.length; i++) {
            picked[i] = scores[drawn[i]];
        }
        return rankFirst(picked, drawn.length);
    }

    /** The rank of the first of {@code count} scores among the others (ties count half, NaN ranks last). */
    private static long rankFirst(float[] scores, int count) {
        float t = scores[0];
        if (Float.isNaN(t)) {
            return count - 1;
        }
        long above = 0;
        long tied = 0;
        for (int i = 1; i < count; i++) {
            if (scores[i] > t) {
                above++;
            } else if (scores[i] == t) {
                tied++;
            }
        }
        return above + tied / 2;
    }

    private float[][] scoreCandidates(List<EvalCase> batch, int[][] drawn) {
        int[][] histories = new int[batch.size()][];
        for (int i = 0; i < histories.length; i++) {
            histories[i] = batch.get(i).history();
        }
        float[][] scores = candidateScorer.scoreCandidates(histories, drawn);
        if (scores == null || scores.length != drawn.length) {
            throw new IllegalStateException("candidate scorer returned "
                    + (scores == null ? "null" : scores.length + " rows") + " for " + drawn.length + " histories");
        }
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] == null || scores[i].length != drawn[i].length) {
                throw new IllegalStateException(
                        "candidate scorer returned the wrong number of scores for history " + i);
            }
        }
        return scores;
    }

    private void mark(int[] rows, boolean value) {
        for (int r : rows) {
            if (r >= 1 && r <= numItems) {
                marked[r] = value;
            }
        }
    }
}
