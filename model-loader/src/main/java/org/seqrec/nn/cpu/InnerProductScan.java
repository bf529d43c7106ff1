package org.seqrec.nn.cpu;

/**
 * The inner products {@code u . E[r]} of a query with every row of an (N, D) matrix E, computed on
 * this JVM's {@link MatMulKernel} (the Vector API where the JVM reads it): E is held transposed in
 * blocks of {@link #BLOCK} rows, each block a (D, BLOCK) matrix, so that one kernel call scores a
 * whole block with the query's D values broadcast over vectors of rows. The products are added in
 * the order {@code org.seqrec.artifact.ItemEmbeddings#dot} adds them (component 0 first), so the
 * scores are bit-identical to it for finite values. About 5x a plain loop of dot products
 * (docs/benchmarks.md, "Exact retrieval scan").
 *
 * <p>Holds a copy of E (4 N D bytes on the heap). Immutable and thread-safe.
 */
public final class InnerProductScan {
    /** Rows per block: their scores (4 KiB) stay in the first-level cache while a block is summed. */
    public static final int BLOCK = 1024;

    private final float[][][] blocks; // [block][component][row in block]
    private final float[] zeros = new float[BLOCK];
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
        this.blocks = new float[(numRows + BLOCK - 1) / BLOCK][][];
        for (int b = 0; b < blocks.length; b++) {
            int first = b * BLOCK;
            int rows = Math.min(BLOCK, numRows - first);
            float[][] block = new float[dim][rows];
            for (int r = 0; r < rows; r++) {
                int base = (first + r) * dim;
                for (int i = 0; i < dim; i++) {
                    block[i][r] = rowMajor[base + i];
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
     * @param out at least {@link #BLOCK} floats
     * @return n, the rows of the block (BLOCK except for the last)
     */
    public int scoreBlock(int b, float[] query, float[] out) {
        if (query.length != dim) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions, the rows have " + dim);
        }
        float[][] block = blocks[b];
        int rows = block[0].length;
        MatMulKernel.DEFAULT.row(block, dim, zeros, query, 0, out, 0, rows);
        return rows;
    }

    /** The heap bytes of the transposed copy. */
    public long bytes() {
        return 4L * numRows * dim;
    }
}
