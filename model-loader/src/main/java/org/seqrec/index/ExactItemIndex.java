package org.seqrec.index;

import java.util.List;
import java.util.function.IntPredicate;
import org.seqrec.artifact.ItemEmbeddings;

/**
 * Brute-force maximum inner product search: scores every item row, O(numItems * D) per query.
 * The reference that {@link HnswItemIndex} is measured against, and the right choice for small
 * catalogues, and the only one for identity embeddings (a counting model's), where the score of row r is
 * {@code query[r]}: O(numItems) per query. Holds no native memory (close only marks it closed);
 * thread-safe.
 */
public final class ExactItemIndex implements ItemIndex {
    /** Row-major E; null for the identity. */
    private final float[] data;

    private final int dim;
    private final int numRows;
    private volatile boolean closed;

    public ExactItemIndex(ItemEmbeddings embeddings) {
        if (embeddings.numRows() < 1) {
            throw new IllegalArgumentException("item embeddings need at least the padding row, got 0 rows");
        }
        this.data = embeddings.isIdentity() ? null : embeddings.asTensor().data();
        this.dim = embeddings.dim();
        this.numRows = embeddings.numRows();
    }

    @Override
    public List<ScoredItem> search(float[] query, int k, IntPredicate excluded) {
        ensureOpen();
        ItemIndex.checkQuery(query, k, dim);
        TopK top = new TopK(k);
        for (int row = 1; row < numRows; row++) {
            if (excluded != null && excluded.test(row)) {
                continue;
            }
            top.offer(row, data == null ? query[row] : dot(query, row));
        }
        return top.bestFirst();
    }

    private float dot(float[] query, int row) {
        int base = row * dim;
        float s = 0f;
        for (int j = 0; j < dim; j++) {
            s += query[j] * data[base + j];
        }
        return s;
    }

    @Override
    public int size() {
        return numRows - 1;
    }

    @Override
    public int dim() {
        return dim;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ExactItemIndex is closed");
        }
    }
}
