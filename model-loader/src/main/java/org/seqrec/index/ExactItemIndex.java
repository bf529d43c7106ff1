package org.seqrec.index;

import java.util.List;
import java.util.function.IntPredicate;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.nn.cpu.InnerProductScan;

/**
 * Brute-force maximum inner product search: scores every item row, O(numItems * D) per query.
 * The reference that {@link HnswItemIndex} is measured against, and the right choice for small
 * catalogues, and the only one for identity embeddings (a counting model's), where the score of row r is
 * {@code query[r]}: O(numItems) per query. With the blocked scan (the default) it scores rows a
 * block at a time on the CPU forward pass's matrix kernel ({@link InnerProductScan}, several times
 * faster), from a copy of the embeddings in row panels that its first search builds (as many heap
 * bytes again: {@link #blockedScanBytes}), and once k items are held it hands the collector only the
 * scores above the worst of them (found a vector at a time); without it, row by row from the embeddings themselves (for a
 * catalogue searched exactly only until its HNSW graph is built). Both give the scores of {@link
 * ItemEmbeddings#dot}, bit for bit. Holds no native memory (close only marks it closed); thread-safe.
 */
public final class ExactItemIndex implements ItemIndex {
    private final ItemEmbeddings embeddings;
    private final boolean blockedScan;
    /** E, transposed in blocks, once the first search built it (blocked scan only). */
    private volatile InnerProductScan scan;

    private final int dim;
    private final int numRows;
    private volatile boolean closed;

    /** An index with the blocked scan. */
    public ExactItemIndex(ItemEmbeddings embeddings) {
        this(embeddings, true);
    }

    /**
     * @param blockedScan whether searches use the blocked scan (its copy built by the first search)
     *     or score row by row without a copy; ignored for identity embeddings
     */
    public ExactItemIndex(ItemEmbeddings embeddings, boolean blockedScan) {
        if (embeddings.numRows() < 1) {
            throw new IllegalArgumentException("item embeddings need at least the padding row, got 0 rows");
        }
        this.embeddings = embeddings;
        this.blockedScan = blockedScan && !embeddings.isIdentity();
        this.dim = embeddings.dim();
        this.numRows = embeddings.numRows();
    }

    /** The heap bytes the blocked scan's copy takes (or will, once built) for these embeddings; 0 for identity ones. */
    public static long blockedScanBytes(ItemEmbeddings embeddings) {
        return embeddings.isIdentity() ? 0 : InnerProductScan.bytesFor(embeddings.numRows(), embeddings.dim());
    }

    @Override
    public List<ScoredItem> search(float[] query, int k, IntPredicate excluded) {
        ensureOpen();
        ItemIndex.checkQuery(query, k, dim);
        TopK top = new TopK(k);
        if (embeddings.isIdentity() || blockedScan == false) {
            boolean identity = embeddings.isIdentity();
            for (int row = 1; row < numRows; row++) {
                offer(top, row, identity ? query[row] : embeddings.dot(query, row), excluded);
            }
            return top.bestFirst();
        }
        InnerProductScan scan = scan();
        float[] scores = new float[InnerProductScan.BLOCK];
        for (int b = 0; b < scan.numBlocks(); b++) {
            int first = b * InnerProductScan.BLOCK;
            int rows = scan.scoreBlock(b, query, scores);
            int j = first == 0 ? 1 : 0; // row 0 is padding
            while (j < rows && !top.isFull()) {
                offer(top, first + j, scores[j], excluded);
                j++;
            }
            // Once k are held, a score that does not beat the worst held one cannot enter: rows come
            // in ascending order, so an equal score loses its tie. The kernel skips those in vectors.
            while ((j = InnerProductScan.nextAbove(scores, j, rows, top.worstScore())) < rows) {
                offer(top, first + j, scores[j], excluded);
                j++;
            }
        }
        return top.bestFirst();
    }

    private static void offer(TopK top, int row, float score, IntPredicate excluded) {
        if (excluded == null || excluded.test(row) == false) {
            top.offer(row, score);
        }
    }

    private InnerProductScan scan() {
        InnerProductScan built = scan;
        if (built == null) {
            synchronized (this) {
                built = scan;
                if (built == null) {
                    built = new InnerProductScan(embeddings.asTensor().data(), numRows, dim);
                    scan = built;
                }
            }
        }
        return built;
    }

    /** Heap bytes this index holds beyond the embeddings it was built from: the blocked scan's copy once built. */
    public long bytes() {
        InnerProductScan built = scan;
        return built == null ? 0 : built.bytes();
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
