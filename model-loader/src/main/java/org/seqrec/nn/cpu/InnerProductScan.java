package org.seqrec.nn.cpu;

/**
 * The inner products {@code u . E[r]} of a query with every row of an (N, D) matrix E, computed on
 * this JVM's {@link MatMulKernel} (the Vector API where the JVM reads it). E is held in row panels:
 * each {@value MatMulKernel#PANEL} consecutive rows are stored component by component (D runs of
 * {@value MatMulKernel#PANEL} floats, one per component), so that one kernel call scores a panel with
 * the query's D values broadcast over vectors of rows, and a block of {@link #BLOCK} rows is one
 * array read front to back. The products are added in the order
 * {@code org.seqrec.artifact.ItemEmbeddings#dot} adds them (component 0 first), so the scores are
 * bit-identical to it for finite values (docs/benchmarks.md, "Exact retrieval scan").
 *
 * <p>Holds a copy of E (4 N D bytes on the heap, the last panel padded with zero rows). Immutable and
 * thread-safe.
 */
public final class InnerProductScan {
    /** Rows per block: their scores (4 KiB) stay in the first-level cache while a caller reads them. */
    public static final int BLOCK = 1024;

    private static final int PANEL = MatMulKernel.PANEL;

    private final float[][] blocks; // [block][panel * dim * PANEL + component * PANEL + row in panel]
    private final int numRows;
    private final int dim;

    /**
     * @param rowMajor E, row r at {@code [r * dim, (r + 1) * dim)}
     */
    public InnerProductScan(float[] rowMajor, int numRows, int dim) {
        if (numRows < 0 || dim < 1 || (long) numRows * dim != rowMajor.length) {
            throw new IllegalArgumentException(
                    "need numRows x dim = " + rowMajor.length + " values, got " + numRows + " x " + dim);
        }
        this.numRows = numRows;
        this.dim = dim;
        this.blocks = new float[(numRows + BLOCK - 1) / BLOCK][];
        for (int b = 0; b < blocks.length; b++) {
            int first = b * BLOCK;
            int rows = Math.min(BLOCK, numRows - first);
            int panels = (rows + PANEL - 1) / PANEL;
            float[] block = new float[panels * dim * PANEL];
            for (int r = 0; r < rows; r++) {
                int src = (first + r) * dim;
                int dst = (r / PANEL) * dim * PANEL + r % PANEL;
                for (int i = 0; i < dim; i++) {
                    block[dst + i * PANEL] = rowMajor[src + i];
                }
            }
            blocks[b] = block;
        }
    }

    public int numRows() {
        return numRows;
    }

    public int dim() {
        return dim;
    }

    /** Blocks of scores: {@link #scoreBlock} fills one. */
    public int numBlocks() {
        return blocks.length;
    }

    /**
     * Scores rows {@code [b * BLOCK, b * BLOCK + n)} of block {@code b}: {@code out[j] = u . E[b * BLOCK + j]}.
     *
     * @param out at least {@link #BLOCK} floats (entries past n are overwritten with scores of padding)
     * @return n, the rows of the block (BLOCK except for the last)
     */
    public int scoreBlock(int b, float[] query, float[] out) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the rows have " + dim);
        }
        float[] block = blocks[b];
        int panelSize = dim * PANEL;
        for (int base = 0, o = 0; base < block.length; base += panelSize, o += PANEL) {
            MatMulKernel.DEFAULT.panel(block, base, dim, query, out, o);
        }
        return Math.min(BLOCK, numRows - b * BLOCK);
    }

    /**
     * The first index j in {@code [from, to)} with {@code values[j] > threshold}, or {@code to}, on the
     * same kernel: how a top-k collector skips the scores that cannot enter it.
     */
    public static int nextAbove(float[] values, int from, int to, float threshold) {
        return MatMulKernel.DEFAULT.nextAbove(values, from, to, threshold);
    }

    /** The heap bytes of the panel copy. */
    public long bytes() {
        return bytesFor(numRows, dim);
    }

    /** The heap bytes of the panel copy of an (N, D) matrix: its rows rounded up to whole panels. */
    public static long bytesFor(int numRows, int dim) {
        return 4L * ((numRows + PANEL - 1) / PANEL) * PANEL * dim;
    }
}
