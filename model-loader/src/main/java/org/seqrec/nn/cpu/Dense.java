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

    /**
     * {@link #apply(float[], int, float[], int, int)} for rows {@code x[r], y[r]}, r in
     * {@code [rowFrom, rowTo)}. Four rows share each pass over a weight row: one load of W^T[i][j]
     * feeds four additions, which about halves the memory traffic of the product.
     */
    void applyRows(float[][] x, int xOff, float[][] y, int rowFrom, int rowTo, int from, int to) {
        int r = rowFrom;
        for (; r + 4 <= rowTo; r += 4) {
            float[] x0 = x[r];
            float[] x1 = x[r + 1];
            float[] x2 = x[r + 2];
            float[] x3 = x[r + 3];
            float[] y0 = y[r];
            float[] y1 = y[r + 1];
            float[] y2 = y[r + 2];
            float[] y3 = y[r + 3];
            System.arraycopy(bias, from, y0, from, to - from);
            System.arraycopy(bias, from, y1, from, to - from);
            System.arraycopy(bias, from, y2, from, to - from);
            System.arraycopy(bias, from, y3, from, to - from);
            for (int i = 0; i < in; i++) {
                float a0 = x0[xOff + i];
                float a1 = x1[xOff + i];
                float a2 = x2[xOff + i];
                float a3 = x3[xOff + i];
                float[] w = weightT[i];
                for (int j = from; j < to; j++) {
                    float v = w[j];
                    y0[j] += a0 * v;
                    y1[j] += a1 * v;
                    y2[j] += a2 * v;
                    y3[j] += a3 * v;
                }
            }
        }
        for (; r < rowTo; r++) {
            apply(x[r], xOff, y[r], from, to);
        }
    }
}
