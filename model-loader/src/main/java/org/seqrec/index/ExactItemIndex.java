package org.seqrec.index;

import java.util.List;
import java.util.function.IntPredicate;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.nn.cpu.InnerProductScan;

/**
 * Brute-force maximum inner product search: scores every item row, O(numItems * D) per query.
 * The reference that {@link HnswItemIndex} is measured against, and the right choice for small
 * catalogues, and the only one for identity embeddings (a counting model's), where the score of row r is
 * {@code query[r]}: O(numItems) per query. Scores rows a block at a time on the CPU forward pass's
 * matrix kernel ({@link InnerProductScan}, bit-identical to {@link ItemEmbeddings#dot}), from a
 * transposed copy of the embeddings (as many heap bytes again). Holds no native memory (close only
 * marks it closed); thread-safe.
 */
public final class ExactItemIndex implements ItemIndex {
    /** E, transposed in blocks; null for the identity. */
    private final InnerProductScan scan;

    private final int dim;
    private final int numRows;
    private volatile boolean closed;

    public ExactItemIndex(ItemEmbeddings embeddings) {
        if (embeddings.numRows() < 1) {
            throw new IllegalArgumentException("item embeddings need at least the padding row, got 0 rows");
        }
        this.scan = embeddings.isIdentity()
                ? null
                : new InnerProductScan(embeddings.asTensor().data(), embeddings.numRows(), embeddings.dim());
        this.dim = embeddings.dim();
        this.numRows = embeddings.numRows();
    }

    @Override
    public List<ScoredItem> search(float[] query, int k, IntPredicate excluded) {
        ensureOpen();
        ItemIndex.checkQuery(query, k, dim);
        TopK top = new TopK(k);
        if (scan == null) {
            for (int row = 1; row < numRows; row++) {
                offer(top, row, query[row], excluded);
            }
            return top.bestFirst();
        }
        float[] scores = new float[InnerProductScan.BLOCK];
        for (int b = 0; b < scan.numBlocks(); b++) {
            int first = b * InnerProductScan.BLOCK;
            int rows = scan.scoreBlock(b, query, scores);
            for (int j = first == 0 ? 1 : 0; j < rows; j++) { // row 0 is padding
                offer(top, first + j, scores[j], excluded);
            }
        }
        return top.bestFirst();
    }

    private static void offer(TopK top, int row, float score, IntPredicate excluded) {
        if (excluded == null || excluded.test(row) == false) {
            top.offer(row, score);
        }
    }

    /** Heap bytes this index holds beyond the embeddings it was built from (their transposed copy). */
    public long bytes() {
        return scan == null ? 0 : scan.bytes();
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
