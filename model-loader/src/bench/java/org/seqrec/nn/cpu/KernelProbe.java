package org.seqrec.nn.cpu;

import java.util.SplittableRandom;
import org.apache.lucene.util.VectorUtil;

/**
 * The kernel choice of this package, measured: one (L, D) x (D, 3D) product (the fused Q/K/V layer
 * of SASRec d 64, L 50) with the {@link VectorApiKernel} (when the JVM reads jdk.incubator.vector),
 * the {@link PortableKernel}, Lucene's {@link VectorUtil#dotProduct} per output (itself vectorised only
 * when the JVM reads the module) and a plain dot-product loop. Benchmark code, not used by the
 * forward passes.
 */
public final class KernelProbe {
    private KernelProbe() {}

    /**
     * Microseconds per product (median of 15 rounds) for: the Vector API kernel (NaN when the JVM lacks
     * the module), the portable kernel, Lucene dot products, a plain dot loop.
     */
    public static double[] microsPerProduct(int len, int dim, int out, double seconds) {
        SplittableRandom random = new SplittableRandom(1);
        float[] weight = new float[out * dim];
        for (int i = 0; i < weight.length; i++) {
            weight[i] = (float) random.nextDouble(-1, 1);
        }
        float[][] rowsOfW = new float[out][dim];
        for (int o = 0; o < out; o++) {
            System.arraycopy(weight, o * dim, rowsOfW[o], 0, dim);
        }
        float[] bias = new float[out];
        Dense portable = Dense.of(weight, bias, dim, out, MatMulKernel.portable());
        MatMulKernel vectorKernel = MatMulKernel.vectorApi();
        Dense vector = vectorKernel == null ? null : Dense.of(weight, bias, dim, out, vectorKernel);
        float[][] x = new float[len][dim];
        for (float[] row : x) {
            for (int j = 0; j < dim; j++) {
                row[j] = (float) random.nextDouble(-1, 1);
            }
        }
        float[][] y = new float[len][out];
        Runnable rowAdditions = () -> portable.applyRows(x, 0, y, 0, len, 0, out);
        Runnable lucene = () -> {
            for (int t = 0; t < len; t++) {
                for (int o = 0; o < out; o++) {
                    y[t][o] = bias[o] + VectorUtil.dotProduct(x[t], rowsOfW[o]);
                }
            }
        };
        Runnable loop = () -> {
            for (int t = 0; t < len; t++) {
                for (int o = 0; o < out; o++) {
                    float s = bias[o];
                    float[] w = rowsOfW[o];
                    float[] xt = x[t];
                    for (int i = 0; i < dim; i++) {
                        s += xt[i] * w[i];
                    }
                    y[t][o] = s;
                }
            }
        };
        double v = vector == null ? Double.NaN : median(() -> vector.applyRows(x, 0, y, 0, len, 0, out), seconds);
        return new double[] {v, median(rowAdditions, seconds), median(lucene, seconds), median(loop, seconds)};
    }

    private static double median(Runnable r, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9 / 3);
        while (System.nanoTime() < end) {
            r.run();
        }
        double[] rounds = new double[15];
        for (int k = 0; k < rounds.length; k++) {
            int calls = 0;
            long t0 = System.nanoTime();
            long stop = t0 + (long) (seconds * 1e9 * 2 / 3 / rounds.length);
            long now;
            do {
                r.run();
                calls++;
                now = System.nanoTime();
            } while (now < stop);
            rounds[k] = (now - t0) / 1e3 / calls;
        }
        java.util.Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }
}
