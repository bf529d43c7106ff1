package org.seqrec.index;

import java.util.BitSet;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Top-k maximum inner product search over the item embedding matrix E (shape numItems + 1, D; row 0
 * is padding and is never indexed or returned).
 *
 * <p>Implementations are thread-safe for concurrent {@link #search} calls. They may hold native
 * memory: the owner of an index must {@link #close()} it; close is idempotent and any other call
 * after close throws {@link IllegalStateException}.
 */
public interface ItemIndex extends AutoCloseable {

    /**
     * The k rows with the largest inner product {@code query . E[row]}, best first.
     *
     * @param query user vector of length {@link #dim()}, finite values only
     * @param k number of hits wanted, at least 1; fewer are returned only when fewer than k
     *     non-excluded items exist
     * @param excluded rows for which this returns true are skipped (e.g. items already seen);
     *     the index over-fetches so that k results still come back when enough items remain
     * @throws IllegalArgumentException on k &lt; 1, a query of the wrong length or non-finite values
     */
    List<ScoredItem> search(float[] query, int k, IntPredicate excluded);

    /**
     * {@link #search(float[], int, IntPredicate)} with the excluded rows as a set, which lets an
     * approximate index widen its one search by their number instead of searching again, and an
     * efSearch for this search (approximate indexes only; exact ones ignore it).
     *
     * @param excluded rows to skip, or {@code null}; not modified
     * @param efSearch the candidate list size of an HNSW search, 1..{@value HnswParams#MAX_EF}, or 0
     *     for the index's default
     */
    default List<ScoredItem> search(float[] query, int k, BitSet excluded, int efSearch) {
        return search(query, k, excluded == null || excluded.isEmpty() ? null : excluded::get);
    }

    /** Number of indexed items, padding excluded (numRows - 1). */
    int size();

    /** The embedding dimension D. */
    int dim();

    /** Frees the index's resources (native memory for HNSW). Idempotent. */
    @Override
    void close();

    /** Shared validation of search arguments; throws IllegalArgumentException naming the field. */
    static void checkQuery(float[] query, int k, int dim) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (query == null || query.length != dim) {
            throw new IllegalArgumentException("query must have " + dim + " dimensions, got "
                    + (query == null ? "null" : String.valueOf(query.length)));
        }
        for (int j = 0; j < query.length; j++) {
            if (!Float.isFinite(query[j])) {
                throw new IllegalArgumentException("query[" + j + "] must be finite, got " + query[j]);
            }
        }
    }
}
