package org.seqrec.plugin.query;

/**
 * Maps an inner product {@code u . E[row]} (any real number) to a positive Lucene score, the way the
 * OpenSearch k-NN plugin maps inner-product similarities: {@code dot + 1} when {@code dot >= 0},
 * else {@code 1 / (1 - dot)}. The map is strictly increasing, so the order of items is kept, and
 * always positive (Lucene needs non-negative scores; 0 would read as "no match").
 */
public final class InnerProductScores {
    private InnerProductScores() {}

    /**
     * @param dot a finite inner product
     * @return a score in (0, +inf), strictly increasing in {@code dot}
     * @throws IllegalArgumentException when {@code dot} is not finite
     */
    public static float toLuceneScore(float dot) {
        if (Float.isFinite(dot) == false) {
            throw new IllegalArgumentException("inner product must be finite, got " + dot);
        }
        return dot >= 0 ? dot + 1f : 1f / (1f - dot);
    }
}
