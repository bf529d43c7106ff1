package org.seqrec.artifact;

/**
 * The item embedding matrix E, shape (numItems + 1, D), row 0 for padding. The model's score
 * (logit) of item row i for a user vector u is the inner product u . E[i]. Immutable and
 * thread-safe; the data lives on the Java heap.
 *
 * <p>Two forms: a dense matrix ({@link #ItemEmbeddings(FloatTensor)}), or the identity
 * ({@link #identity(int)}): D = numRows and E[i] is the i-th unit vector, so u . E[i] = u[i]. The
 * identity serves models whose user vector already holds one score per item row (the Markov chain
 * baseline); it is never materialised (12k items would take 580 MB), so {@link #asTensor()} refuses it.
 */
public final class ItemEmbeddings {
    private final int numRows;
    private final int dim;
    /** Row-major (numRows, dim); null for the identity. */
    private final float[] data;

    public ItemEmbeddings(FloatTensor tensor) {
        if (tensor.rank() != 2) {
            throw new IllegalArgumentException("item embeddings must be 2-D, got shape " + tensor.shapeString());
        }
        this.numRows = Math.toIntExact(tensor.shape()[0]);
        this.dim = Math.toIntExact(tensor.shape()[1]);
        this.data = tensor.data();
    }

    private ItemEmbeddings(int numRows) {
        this.numRows = numRows;
        this.dim = numRows;
        this.data = null;
    }

    /**
     * The identity embeddings of {@code numRows} rows (numItems + 1): D = numRows, u . E[i] = u[i].
     *
     * @throws IllegalArgumentException when numRows is below 1
     */
    public static ItemEmbeddings identity(int numRows) {
        if (numRows < 1) {
            throw new IllegalArgumentException(
                    "identity item embeddings need at least the padding row, got " + numRows);
        }
        return new ItemEmbeddings(numRows);
    }

    /** Whether E is the identity (no matrix stored). */
    public boolean isIdentity() {
        return data == null;
    }

    public int numRows() {
        return numRows;
    }

    public int dim() {
        return dim;
    }

    /** Floats held in memory: numRows * D for a matrix, 0 for the identity. */
    public long storedValues() {
        return data == null ? 0L : data.length;
    }

    /** A copy of one row (for the identity: a unit vector of numRows floats). */
    public float[] row(int row) {
        float[] out = new float[dim];
        if (data == null) {
            out[checkRow(row)] = 1f;
        } else {
            System.arraycopy(data, checkRow(row) * dim, out, 0, dim);
        }
        return out;
    }

    /** u . E[row]. */
    public float dot(float[] user, int row) {
        checkUser(user);
        if (data == null) {
            return user[checkRow(row)];
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
        if (data == null) {
            checkUser(user);
            return user.clone();
        }
        float[] out = new float[numRows];
        for (int r = 0; r < numRows; r++) {
            out[r] = dot(user, r);
        }
        return out;
    }

    /**
     * The matrix as a tensor (shares the data array; do not modify).
     *
     * @throws IllegalStateException for the identity, which is never materialised
     */
    public FloatTensor asTensor() {
        if (data == null) {
            throw new IllegalStateException(
                    "identity item embeddings (" + numRows + " rows) are not stored as a matrix");
        }
        return new FloatTensor(new long[] {numRows, dim}, data);
    }

    private void checkUser(float[] user) {
        if (user.length != dim) {
            throw new IllegalArgumentException("user vector has " + user.length + " dimensions, the model has " + dim);
        }
    }

    private int checkRow(int row) {
        if (row < 0 || row >= numRows) {
            throw new IndexOutOfBoundsException("row " + row + " outside 0.." + (numRows - 1));
        }
        return row;
    }
}
