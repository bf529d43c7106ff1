package org.seqrec.index;

import java.util.Objects;

/**
 * HNSW parameters, named as in Malkov and Yashunin, "Efficient and robust approximate nearest
 * neighbor search using Hierarchical Navigable Small World graphs" (2016/2018):
 *
 * <ul>
 *   <li>{@code m} is the paper's M (Lucene's maxConn): links kept per node on upper layers; layer 0
 *       keeps 2 * M. Larger M raises recall and memory (about M * 2 * 4 bytes per item on layer 0)
 *       and build time. Allowed 2..100.
 *   <li>{@code efConstruction} is the paper's efConstruction (Lucene's beamWidth): the candidate
 *       list size while inserting. Larger gives a better graph and a slower build. Allowed m..10000.
 *   <li>{@code efSearch} is the paper's ef at query time: the candidate list size while searching
 *       (the index uses max(efSearch, k)). The recall/speed knob. Allowed 1..10000.
 * </ul>
 *
 * <p>Space: {@link HnswSpace#INNER_PRODUCT}. With user vectors from real histories the reduction to
 * L2 recalled more of the top 100 at the same efSearch on trained SASRec embeddings (Games 0.997 vs
 * 0.961 at efSearch 200), but on a catalogue where a few high-norm items sit among many lower-norm
 * variants of trained rows its graph never reached some of the true top items (3 of 16 planted
 * next items missed even at efSearch 800), a failure a larger ef does not fix; the inner-product
 * graph found all 16 and reaches recall@100 0.95 with a larger efSearch (docs/benchmarks.md).
 *
 * <p>efSearch 400: on the 1M-item catalogue around the Games rows with user vectors from real
 * histories (docs/benchmarks.md, 2026-12-02) efSearch 200 gave recall@10 0.980 but recall@100 0.939;
 * 400 gave 0.985 / 0.959 at about 27x the exact scan's rate on a quiet core.
 *
 * <p>Earlier ({@link #defaults()} was M 16, efConstruction 200, efSearch 200), from the benchmark in
 * docs/benchmarks.md (1,000,000 synthetic items x 64 dims, inner product, one core): efSearch 100
 * gave recall@10 0.87, efSearch 200 gave 0.95 at about 57x the exact scan's query rate, 400 gave
 * 0.98 at 33x. M 16 is in hnswlib's recommended 12..48 range and keeps the graph at about
 * 2 * 16 * 4 bytes per item on layer 0; efConstruction 200 builds 1M items in about 3 minutes on
 * two busy cores. Callers retrieving 100 candidates need a larger efSearch (see the benchmark).
 */
public record HnswParams(int m, int efConstruction, int efSearch, HnswSpace space) {

    public static final int MAX_M = 100;
    public static final int MAX_EF = 10_000;

    public HnswParams {
        if (m < 2 || m > MAX_M) {
            throw new IllegalArgumentException("m must be in 2.." + MAX_M + ", got " + m);
        }
        if (efConstruction < m || efConstruction > MAX_EF) {
            throw new IllegalArgumentException(
                    "efConstruction must be in m.." + MAX_EF + " (m = " + m + "), got " + efConstruction);
        }
        checkEfSearch(efSearch);
        Objects.requireNonNull(space, "space");
    }

    /** Parameters in the {@link HnswSpace#INNER_PRODUCT} space (the default's). */
    public HnswParams(int m, int efConstruction, int efSearch) {
        this(m, efConstruction, efSearch, HnswSpace.INNER_PRODUCT);
    }

    /** M 16, efConstruction 200, efSearch 400, inner-product space (see the class javadoc for why). */
    public static HnswParams defaults() {
        return new HnswParams(16, 200, 400);
    }

    /** A copy with another efSearch. */
    public HnswParams withEfSearch(int ef) {
        return new HnswParams(m, efConstruction, ef, space);
    }

    /** A copy in another space. */
    public HnswParams withSpace(HnswSpace newSpace) {
        return new HnswParams(m, efConstruction, efSearch, newSpace);
    }

    /** @throws IllegalArgumentException unless {@code 1 <= efSearch <= MAX_EF} */
    public static int checkEfSearch(int efSearch) {
        if (efSearch < 1 || efSearch > MAX_EF) {
            throw new IllegalArgumentException("efSearch must be in 1.." + MAX_EF + ", got " + efSearch);
        }
        return efSearch;
    }
}
