package org.seqrec.nn.cpu;

/**
 * A linear layer {@code y = W x + b} with W (out, in) stored transposed, as {@code in} rows of
 * {@code out} floats, multiplied by a {@link MatMulKernel} (the Vector API one where the JVM reads
 * it, else row additions that C2 vectorises).
 *
 * <p>A column range {@code [from, to)} computes only those outputs, into the same indices of y: a
 * fused Q/K/V layer (out = 3D) can so produce K and V for every position and Q only for the last.
 *
 * <p>Immutable and thread-safe; the caller provides the output arrays.
 */
final class Dense {
    private final int in;
    private final int out;
    /** (in, out): row i holds column i of W. */
    private final float[][] weightT;

    private final float[] bias;
    private final MatMulKernel kernel;

    private Dense(float[][] weightT, float[] bias, MatMulKernel kernel) {
        this.in = weightT.length;
        this.out = bias.length;
        this.weightT = weightT;
        this.bias = bias;
        this.kernel = kernel;
    }

    /**
     * @param weight (out, in) row-major, PyTorch's linear layout
     * @param bias (out)
     */
    static Dense of(float[] weight, float[] bias, int in, int out, MatMulKernel kernel) {
        return of(new float[][] {weight}, new float[][] {bias}, in, new int[] {out}, kernel);
    }

    /**
     * Several layers reading the same input, concatenated along their outputs (e.g. Q, K and V):
     * output columns of part p start at the sum of the earlier parts' widths.
     */
    static Dense of(float[][] weights, float[][] biases, int in, int[] outs, MatMulKernel kernel) {
        int total = 0;
        for (int o : outs) {
            total += o;
        }
        float[][] t = new float[in][total];
        float[] b = new float[total];
        int base = 0;
        for (int p = 0; p < weights.length; p++) {
            int o = outs[p];
            for (int r = 0; r < o; r++) {
                for (int i = 0; i < in; i++) {
                    t[i][base + r] = weights[p][r * in + i];
                }
            }
            System.arraycopy(biases[p], 0, b, base, o);
            base += o;
        }
        return new Dense(t, b, kernel);
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** {@code y[from..to) = (W x + b)[from..to)}, x read from {@code x[xOff .. xOff + in)}; y is not x. */
    void apply(float[] x, int xOff, float[] y, int from, int to) {
        kernel.row(weightT, in, bias, x, xOff, y, from, to);
    }

    /** Every output column. */
    void apply(float[] x, float[] y) {
        apply(x, 0, y, 0, out);
    }

    /** {@link #apply(float[], int, float[], int, int)} for rows {@code x[r], y[r]}, r in {@code [rowFrom, rowTo)}. */
    void applyRows(float[][] x, int xOff, float[][] y, int rowFrom, int rowTo, int from, int to) {
        kernel.rows(weightT, in, bias, x, xOff, y, rowFrom, rowTo, from, to);
    }
}
