package org.seqrec.nn.cpu;

/**
 * A linear layer {@code y = W x + b} with W (out, in) stored transposed, as {@code in} rows of
 * {@code out} floats, so that the product runs as {@code in} scaled row additions
 * {@code y[j] += x[i] * W^T[i][j]}. That loop reads and writes the same index of two arrays, which
 * HotSpot's C2 compiles to SIMD instructions on any stock JVM; a dot-product form (a float sum) is
 * never vectorised automatically.
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

    private Dense(float[][] weightT, float[] bias) {
        this.in = weightT.length;
        this.out = bias.length;
        this.weightT = weightT;
        this.bias = bias;
    }

    /**
     * @param weight (out, in) row-major, PyTorch's linear layout
     * @param bias (out)
     */
    static Dense of(float[] weight, float[] bias, int in, int out) {
        return of(new float[][] {weight}, new float[][] {bias}, in, new int[] {out});
    }

    /**
     * Several layers reading the same input, concatenated along their outputs (e.g. Q, K and V):
     * output columns of part p start at the sum of the earlier parts' widths.
     */
    static Dense of(float[][] weights, float[][] biases, int in, int[] outs) {
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
        return new Dense(t, b);
    }

    int in() {
        return in;
    }

    int out() {
        return out;
    }

    /** {@code y[from..to) = (W x + b)[from..to)}, x read from {@code x[xOff .. xOff + in)}; y is not x. */
    void apply(float[] x, int xOff, float[] y, int from, int to) {
        System.arraycopy(bias, from, y, from, to - from);
        for (int i = 0; i < in; i++) {
            float a = x[xOff + i];
            if (a == 0f) {
                continue;
            }
            float[] w = weightT[i];
            for (int j = from; j < to; j++) {
                y[j] += a * w[j];
            }
        }
    }

    /** Every output column. */
    void apply(float[] x, float[] y) {
        apply(x, 0, y, 0, out);
    }
}
