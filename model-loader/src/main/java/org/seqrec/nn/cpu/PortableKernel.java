package org.seqrec.nn.cpu;

import java.util.Arrays;

/**
 * The {@link MatMulKernel} for any JVM: the product as scaled row additions {@code y[j] += a * W^T[i][j]}.
 * That loop reads and writes the same index of two arrays, which HotSpot's C2 compiles to SIMD
 * instructions with a stock JVM's options (a float dot product, a sum, it never vectorises on its
 * own). Four rows share each pass over a weight row: one load of {@code W^T[i][j]} feeds four
 * additions, about twice as fast as one row at a time.
 */
final class PortableKernel extends MatMulKernel {
    static final PortableKernel INSTANCE = new PortableKernel();

    private PortableKernel() {}

    @Override
    String description() {
        return "portable (C2 auto-vectorised)";
    }

    @Override
    void panel(float[] panels, int base, int dim, float[] query, float[] out, int outOff) {
        Arrays.fill(out, outOff, outOff + PANEL, 0f);
        for (int i = 0, off = base; i < dim; i++, off += PANEL) {
            float a = query[i];
            for (int j = 0; j < PANEL; j++) {
                out[outOff + j] += a * panels[off + j];
            }
        }
    }

    @Override
    int nextAbove(float[] values, int from, int to, float threshold) {
        int j = from;
        while (j < to && !(values[j] > threshold)) {
            j++;
        }
        return j;
    }

    @Override
    void row(float[][] weightT, int in, float[] bias, float[] x, int xOff, float[] y, int from, int to) {
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

    @Override
    void rows(
            float[][] weightT,
            int in,
            float[] bias,
            float[][] x,
            int xOff,
            float[][] y,
            int rowFrom,
            int rowTo,
            int from,
            int to) {
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
            row(weightT, in, bias, x[r], xOff, y[r], from, to);
        }
    }
}
