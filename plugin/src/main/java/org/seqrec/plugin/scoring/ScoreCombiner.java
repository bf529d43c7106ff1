package org.seqrec.plugin.scoring;

import java.util.Objects;

/**
 * The rescore formula for the hits of one window, as pure math.
 *
 * <p>For a hit with first-pass score {@code s} and model score {@code m} (the model's logit for
 * the hit's item given the history):
 * {@code score = mode.combine(s * queryWeight, normalizer(m) * rescoreQueryWeight)}. A hit without
 * a model score (its item is unknown to the model, it has no item, or the logit is not finite) is
 * treated like a hit the query rescorer's query does not match: {@code score = s * queryWeight},
 * which is its first-pass score when {@code queryWeight} is 1 (the default).
 *
 * <p>Model scores are passed as a {@code float[]} where {@code NaN} marks "no model score".
 * Immutable and thread-safe.
 *
 * @param queryWeight weight of the first-pass score, finite
 * @param rescoreQueryWeight weight of the (normalised) model score, finite
 */
public record ScoreCombiner(float queryWeight, float rescoreQueryWeight, ScoreMode mode, Normalizer normalizer) {

    public ScoreCombiner {
        if (Float.isFinite(queryWeight) == false) {
            throw new IllegalArgumentException("[query_weight] must be a finite number, got [" + queryWeight + "]");
        }
        if (Float.isFinite(rescoreQueryWeight) == false) {
            throw new IllegalArgumentException(
                    "[rescore_query_weight] must be a finite number, got [" + rescoreQueryWeight + "]");
        }
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(normalizer, "normalizer");
    }

    /** The bounds {@code minmax} uses for this window. */
    public Normalizer.Bounds bounds(float[] modelScores) {
        return Normalizer.Bounds.of(modelScores);
    }

    /**
     * New scores for a window.
     *
     * @param firstPass first-pass scores, one per hit
     * @param modelScores model scores in the same order, {@code NaN} where there is none
     * @return combined scores in the same order
     */
    public float[] combine(float[] firstPass, float[] modelScores) {
        if (firstPass.length != modelScores.length) {
            throw new IllegalArgumentException(
                    "got " + firstPass.length + " first-pass scores but " + modelScores.length + " model scores");
        }
        Normalizer.Bounds bounds = bounds(modelScores);
        float[] out = new float[firstPass.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = combineOne(firstPass[i], modelScores[i], bounds);
        }
        return out;
    }

    /** The combined score of one hit; {@code modelScore} is {@code NaN} when there is none. */
    public float combineOne(float firstPass, float modelScore, Normalizer.Bounds bounds) {
        float primary = firstPass * queryWeight;
        if (Float.isFinite(modelScore) == false) {
            return primary;
        }
        return mode.combine(primary, weightedModelScore(modelScore, bounds));
    }

    /** {@code normalizer(modelScore) * rescoreQueryWeight}. */
    public float weightedModelScore(float modelScore, Normalizer.Bounds bounds) {
        return normalizer.apply(modelScore, bounds) * rescoreQueryWeight;
    }
}
