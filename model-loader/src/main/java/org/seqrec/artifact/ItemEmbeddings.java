package org.seqrec.artifact;

/**
 * The item embedding matrix E, shape (numItems + 1, D), row 0 for padding. The model's score
 * (logit) of item row i for a user vector u is the inner product u . E[i]. Immutable and
 * thread-safe; the data lives on the Java heap.
 */
public final class ItemEmbeddings {
    private final int numRows;
    private final int dim;
    private final float[] data;

    public ItemEmbeddings(FloatTensor tensor) {
        if (tensor.rank() != 2) {
            throw new IllegalArgumentException("item embeddings must be 2-D, got shape " + tensor.shapeString());
        }
        this.numRows = Math.toIntExact(tensor.shape()[0]);
        this.dim = Math.toIntExact(tensor.shape()[1]);
        this.data = tensor.data();
    }

    public int numRows() {
        return numRows;
    }

    public int dim() {
        return dim;
    }

    /** A copy of one row. */
    public float[] row(int row) {
        float[] out = new float[dim];
        System.arraycopy(data, checkRow(row) * dim, out, 0, dim);
        return out;
    }

    /** u . E[row]. */
    public float dot(float[] user, int row) {
        if (user.length != dim) {
            throw new IllegalArgumentException("user vector has " + user.length + " dimensions, the model has " + dim);
        }
        int base = checkRow(row) * dim;
        float s = 0f;
        for (int j = 0; j < dim; j++) {
            s += user[j] * data[base + j];
        }
        return s;
    }

    /** u . E[r] for every row r; index 0 (padding) is included and should be ignored by callers. */
    public float[] dotAll(float[] user) {
        float[] out = new float[numRows];
        for (int r = 0; r < numRows; r++) {
            out[r] = dot(user, r);
        }
        return out;
    }

    /** The matrix as a tensor (shares the data array; do not modify). */
    public FloatTensor asTensor() {
        return new FloatTensor(new long[] {numRows, dim}, data);
    }

    private int checkRow(int row) {
        if (row < 0 || row >= numRows) {
            throw new IndexOutOfBoundsException("row " + row + " outside 0.." + (numRows - 1));
        }
        return row;
    }
}
