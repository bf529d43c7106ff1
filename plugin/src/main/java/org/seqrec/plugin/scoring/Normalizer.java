package org.seqrec.plugin.scoring;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Maps raw model scores (logits, any real number) onto a scale comparable with first-pass scores,
 * before {@code rescore_query_weight} is applied.
 *
 * <ul>
 *   <li>{@code none}: the logit as is.
 *   <li>{@code sigmoid}: {@code 1 / (1 + e^-x)}, in (0, 1); independent of the other hits.
 *   <li>{@code minmax}: {@code (x - min) / (max - min)} over the model scores of the window's hits
 *       that the model knows, in [0, 1]; when all of them are equal (or there is one), 0.5.
 * </ul>
 */
public enum Normalizer {
    NONE,
    SIGMOID,
    MINMAX;

    /** The value {@code minmax} gives when the window has no spread. */
    public static final float NO_SPREAD = 0.5f;

    /**
     * The bounds of one window: the smallest and largest model score among its known hits. Only
     * {@code minmax} reads them.
     */
    public record Bounds(float min, float max) {
        /** Bounds of the finite values in {@code scores} ({@code NaN} entries are skipped). */
        public static Bounds of(float[] scores) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float s : scores) {
                if (Float.isFinite(s)) {
                    min = Math.min(min, s);
                    max = Math.max(max, s);
                }
            }
            return new Bounds(min, max);
        }
    }

    /** The normalised value of one model score; {@code bounds} matters only for {@code minmax}. */
    public float apply(float score, Bounds bounds) {
        return switch (this) {
            case NONE -> score;
            case SIGMOID -> sigmoid(score);
            case MINMAX -> {
                float spread = bounds.max() - bounds.min();
                yield spread > 0f && Float.isFinite(spread) ? (score - bounds.min()) / spread : NO_SPREAD;
            }
        };
    }

    /** The name used in the search DSL. */
    public String dslName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a DSL name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the allowed values
     */
    public static Normalizer parse(String value) {
        if (value != null) {
            for (Normalizer n : values()) {
                if (n.name().equalsIgnoreCase(value)) {
                    return n;
                }
            }
        }
        String allowed = Arrays.stream(values()).map(Normalizer::dslName).collect(Collectors.joining(", "));
        throw new IllegalArgumentException("[normalize] must be one of " + allowed + ", got [" + value + "]");
    }

    private static float sigmoid(float x) {
        // Written per sign so that exp never overflows.
        if (x >= 0f) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }
}
