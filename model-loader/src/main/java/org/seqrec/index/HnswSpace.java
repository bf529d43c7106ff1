package org.seqrec.index;

/**
 * How an HNSW graph turns maximum inner product search into something hnswlib searches.
 *
 * <ul>
 *   <li>{@link #INNER_PRODUCT}: hnswlib's inner-product space, distance {@code 1 - u . e}, over the
 *       raw item rows. Inner product is not a metric (an item is not its own nearest neighbour when
 *       others have larger norms), and graphs built with it lose recall on embeddings whose norms
 *       differ a lot, as trained ones do (docs/benchmarks.md).
 *   <li>{@link #REDUCED_L2}: the reduction of maximum inner product search to nearest-neighbour
 *       search in L2 (Bachrach et al., "Speeding up the Xbox recommender system using a Euclidean
 *       transformation for inner-product spaces", RecSys 2014): every item row e gets one extra
 *       coordinate {@code sqrt(maxNorm^2 - |e|^2)}, where maxNorm is the largest row norm, so all
 *       indexed vectors have norm maxNorm; the query gets 0 there. Then
 *       {@code |q - e'|^2 = |u|^2 + maxNorm^2 - 2 u . e}: the L2 order is the inner-product order,
 *       and hnswlib's L2 space (a metric) builds a good graph. Vectors are padded with zeros to a
 *       multiple of 4 dimensions so hnswlib keeps its SIMD distance.
 * </ul>
 */
public enum HnswSpace {
    INNER_PRODUCT("ip"),
    REDUCED_L2("reduced_l2");

    private final String id;

    HnswSpace(String id) {
        this.id = id;
    }

    /** The name used in settings and benchmark flags: {@code ip} or {@code reduced_l2}. */
    public String id() {
        return id;
    }

    /** @throws IllegalArgumentException naming the allowed values */
    public static HnswSpace parse(String value) {
        for (HnswSpace s : values()) {
            if (s.id.equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("HNSW space must be one of ip, reduced_l2, got [" + value + "]");
    }
}
