package org.seqrec.nn.cpu;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The {@link MatMulKernel} on the JDK's incubating Vector API, loaded only when the JVM reads
 * {@code jdk.incubator.vector}. Four rows times two vectors of outputs (8 vector accumulators) stay
 * in registers for the whole sum over the inputs: per input, two weight vectors are loaded and
 * multiplied by four broadcast input values into the accumulators, and nothing is stored until the
 * end. Columns past the last whole vector are summed in scalar code. Multiply and add stay separate
 * operations (no FMA, which not every AVX machine has), in the portable kernel's order, so both
 * kernels give bit-identical results. About 5x the portable kernel's speed on AVX-512
 * (docs/benchmarks.md, "Encode microbenchmark").
 */
final class VectorApiKernel extends MatMulKernel {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    VectorApiKernel() {
        if (SPECIES.length() < 4) {
            throw new UnsupportedOperationException("preferred float vectors hold " + SPECIES.length() + " lanes");
        }
    }

    @Override
    String description() {
        return "Vector API (" + SPECIES.vectorBitSize() + "-bit)";
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
            four(
                    weightT, in, bias, x[r], x[r + 1], x[r + 2], x[r + 3], xOff, y[r], y[r + 1], y[r + 2], y[r + 3],
                    from, to);
        }
        for (; r < rowTo; r++) {
            row(weightT, in, bias, x[r], xOff, y[r], from, to);
        }
    }

    private static void four(
            float[][] weightT,
            int in,
            float[] bias,
            float[] x0,
            float[] x1,
            float[] x2,
            float[] x3,
            int xOff,
            float[] y0,
            float[] y1,
            float[] y2,
            float[] y3,
            int from,
            int to) {
        int n = SPECIES.length();
        int j = from;
        for (; j + 2 * n <= to; j += 2 * n) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bias, j);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bias, j + n);
            FloatVector a00 = b0;
            FloatVector a01 = b1;
            FloatVector a10 = b0;
            FloatVector a11 = b1;
            FloatVector a20 = b0;
            FloatVector a21 = b1;
            FloatVector a30 = b0;
            FloatVector a31 = b1;
            for (int i = 0; i < in; i++) {
                float[] w = weightT[i];
                FloatVector w0 = FloatVector.fromArray(SPECIES, w, j);
                FloatVector w1 = FloatVector.fromArray(SPECIES, w, j + n);
                FloatVector c0 = FloatVector.broadcast(SPECIES, x0[xOff + i]);
                FloatVector c1 = FloatVector.broadcast(SPECIES, x1[xOff + i]);
                FloatVector c2 = FloatVector.broadcast(SPECIES, x2[xOff + i]);
                FloatVector c3 = FloatVector.broadcast(SPECIES, x3[xOff + i]);
                a00 = a00.add(w0.mul(c0));
                a01 = a01.add(w1.mul(c0));
                a10 = a10.add(w0.mul(c1));
                a11 = a11.add(w1.mul(c1));
                a20 = a20.add(w0.mul(c2));
                a21 = a21.add(w1.mul(c2));
                a30 = a30.add(w0.mul(c3));
                a31 = a31.add(w1.mul(c3));
            }
            a00.intoArray(y0, j);
            a01.intoArray(y0, j + n);
            a10.intoArray(y1, j);
            a11.intoArray(y1, j + n);
            a20.intoArray(y2, j);
            a21.intoArray(y2, j + n);
            a30.intoArray(y3, j);
            a31.intoArray(y3, j + n);
        }
        for (; j + n <= to; j += n) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, bias, j);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int i = 0; i < in; i++) {
                FloatVector w = FloatVector.fromArray(SPECIES, weightT[i], j);
                a0 = a0.add(w.mul(x0[xOff + i]));
                a1 = a1.add(w.mul(x1[xOff + i]));
                a2 = a2.add(w.mul(x2[xOff + i]));
                a3 = a3.add(w.mul(x3[xOff + i]));
            }
            a0.intoArray(y0, j);
            a1.intoArray(y1, j);
            a2.intoArray(y2, j);
            a3.intoArray(y3, j);
        }
        if (j < to) {
            tail(weightT, in, bias, x0, xOff, y0, j, to);
            tail(weightT, in, bias, x1, xOff, y1, j, to);
            tail(weightT, in, bias, x2, xOff, y2, j, to);
            tail(weightT, in, bias, x3, xOff, y3, j, to);
        }
    }

    @Override
    void row(float[][] weightT, int in, float[] bias, float[] x, int xOff, float[] y, int from, int to) {
        int n = SPECIES.length();
        int j = from;
        for (; j + 4 * n <= to; j += 4 * n) {
            FloatVector a0 = FloatVector.fromArray(SPECIES, bias, j);
            FloatVector a1 = FloatVector.fromArray(SPECIES, bias, j + n);
            FloatVector a2 = FloatVector.fromArray(SPECIES, bias, j + 2 * n);
            FloatVector a3 = FloatVector.fromArray(SPECIES, bias, j + 3 * n);
            for (int i = 0; i < in; i++) {
                float[] w = weightT[i];
                FloatVector c = FloatVector.broadcast(SPECIES, x[xOff + i]);
                a0 = a0.add(FloatVector.fromArray(SPECIES, w, j).mul(c));
                a1 = a1.add(FloatVector.fromArray(SPECIES, w, j + n).mul(c));
                a2 = a2.add(FloatVector.fromArray(SPECIES, w, j + 2 * n).mul(c));
                a3 = a3.add(FloatVector.fromArray(SPECIES, w, j + 3 * n).mul(c));
            }
            a0.intoArray(y, j);
            a1.intoArray(y, j + n);
            a2.intoArray(y, j + 2 * n);
            a3.intoArray(y, j + 3 * n);
        }
        for (; j + n <= to; j += n) {
            FloatVector a = FloatVector.fromArray(SPECIES, bias, j);
            for (int i = 0; i < in; i++) {
                a = a.add(FloatVector.fromArray(SPECIES, weightT[i], j).mul(x[xOff + i]));
            }
            a.intoArray(y, j);
        }
        if (j < to) {
            tail(weightT, in, bias, x, xOff, y, j, to);
        }
    }

    /**
     * Four (or, for 512-bit vectors, two) vector accumulators over the panel's {@value #PANEL} rows,
     * one pass over its components; the portable kernel where the vectors do not tile a panel.
     */
    @Override
    void panel(float[] panels, int base, int dim, float[] query, float[] out, int outOff) {
        int n = SPECIES.length();
        if (PANEL % (2 * n) != 0) {
            PortableKernel.INSTANCE.panel(panels, base, dim, query, out, outOff);
            return;
        }
        int step = PANEL % (4 * n) == 0 ? 4 * n : 2 * n;
        for (int c = 0; c < PANEL; c += step) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0;
            if (step == 4 * n) {
                FloatVector a2 = a0;
                FloatVector a3 = a0;
                for (int i = 0, off = base + c; i < dim; i++, off += PANEL) {
                    FloatVector q = FloatVector.broadcast(SPECIES, query[i]);
                    a0 = a0.add(FloatVector.fromArray(SPECIES, panels, off).mul(q));
                    a1 = a1.add(FloatVector.fromArray(SPECIES, panels, off + n).mul(q));
                    a2 = a2.add(
                            FloatVector.fromArray(SPECIES, panels, off + 2 * n).mul(q));
                    a3 = a3.add(
                            FloatVector.fromArray(SPECIES, panels, off + 3 * n).mul(q));
                }
                a2.intoArray(out, outOff + c + 2 * n);
                a3.intoArray(out, outOff + c + 3 * n);
            } else {
                for (int i = 0, off = base + c; i < dim; i++, off += PANEL) {
                    FloatVector q = FloatVector.broadcast(SPECIES, query[i]);
                    a0 = a0.add(FloatVector.fromArray(SPECIES, panels, off).mul(q));
                    a1 = a1.add(FloatVector.fromArray(SPECIES, panels, off + n).mul(q));
                }
            }
            a0.intoArray(out, outOff + c);
            a1.intoArray(out, outOff + c + n);
        }
    }

    @Override
    int nextAbove(float[] values, int from, int to, float threshold) {
        int n = SPECIES.length();
        int j = from;
        for (; j + n <= to; j += n) {
            VectorMask<Float> above = FloatVector.fromArray(SPECIES, values, j).compare(VectorOperators.GT, threshold);
            if (above.anyTrue()) {
                return j + above.firstTrue();
            }
        }
        return PortableKernel.INSTANCE.nextAbove(values, j, to, threshold);
    }

    /** Columns {@code [from, to)} of one row in scalar code (fewer than one vector of them). */
    private static void tail(
            float[][] weightT, int in, float[] bias, float[] x, int xOff, float[] y, int from, int to) {
        for (int j = from; j < to; j++) {
            float s = bias[j];
            for (int i = 0; i < in; i++) {
                s += x[xOff + i] * weightT[i][j];
            }
            y[j] = s;
        }
    }
}
