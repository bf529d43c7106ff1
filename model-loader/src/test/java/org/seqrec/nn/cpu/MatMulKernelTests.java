package org.seqrec.nn.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Both matrix kernels against a double-precision product, over shapes that hit every tile and tail. */
class MatMulKernelTests {
    @Test
    void everyKernelComputesTheProductOnEveryShape() {
        SplittableRandom random = new SplittableRandom(3);
        for (int trial = 0; trial < 300; trial++) {
            int in = 1 + random.nextInt(80);
            int out = 1 + random.nextInt(140);
            int rows = 1 + random.nextInt(11);
            int xOff = random.nextInt(3);
            int from = random.nextInt(out);
            int to = from + 1 + random.nextInt(out - from);
            int rowFrom = random.nextInt(rows);
            // weight rows past in exist but must not be read
            float[][] w = matrix(random, in + random.nextInt(3), out);
            float[] b = matrix(random, 1, out)[0];
            float[][] x = matrix(random, rows, in + xOff);
            float[][] portable = new float[rows][out];
            portable().rows(w, in, b, x, xOff, portable, rowFrom, rows, from, to);
            for (int r = rowFrom; r < rows; r++) {
                for (int j = from; j < to; j++) {
                    double expected = b[j];
                    for (int i = 0; i < in; i++) {
                        expected += (double) x[r][xOff + i] * w[i][j];
                    }
                    assertEquals(expected, portable[r][j], 1e-5 * (1 + Math.abs(expected)), "trial " + trial);
                }
            }
            for (MatMulKernel kernel : CpuNetworksTests.kernels()) {
                float[][] y = new float[rows][out];
                kernel.rows(w, in, b, x, xOff, y, rowFrom, rows, from, to);
                float[] single = new float[out];
                for (int r = rowFrom; r < rows; r++) {
                    kernel.row(w, in, b, x[r], xOff, single, from, to);
                    for (int j = from; j < to; j++) {
                        assertEquals(portable[r][j], y[r][j], 0f, kernel.description() + ", trial " + trial);
                        assertEquals(portable[r][j], single[j], 0f, kernel.description() + " one row, trial " + trial);
                    }
                }
            }
        }
    }

    @Test
    void everyKernelScoresAPanelAsAPlainDotProductLoopBitForBit() {
        SplittableRandom random = new SplittableRandom(5);
        for (int dim : new int[] {1, 3, 16, 37, 64}) {
            int base = 7; // a panel need not start at the array's start
            float[] panels = matrix(random, 1, base + dim * MatMulKernel.PANEL)[0];
            float[] query = matrix(random, 1, dim)[0];
            float[] expected = new float[MatMulKernel.PANEL];
            for (int j = 0; j < MatMulKernel.PANEL; j++) {
                float s = 0f;
                for (int i = 0; i < dim; i++) {
                    s += query[i] * panels[base + i * MatMulKernel.PANEL + j];
                }
                expected[j] = s;
            }
            for (MatMulKernel kernel : CpuNetworksTests.kernels()) {
                float[] out = new float[MatMulKernel.PANEL + 5];
                out[2] = 99f; // stale values are overwritten
                kernel.panel(panels, base, dim, query, out, 3);
                for (int j = 0; j < MatMulKernel.PANEL; j++) {
                    assertEquals(expected[j], out[3 + j], 0f, kernel.description() + ", dim " + dim + ", row " + j);
                }
            }
        }
    }

    @Test
    void everyKernelFindsTheFirstValueAboveAThreshold() {
        SplittableRandom random = new SplittableRandom(9);
        for (int trial = 0; trial < 500; trial++) {
            float[] values = new float[1 + random.nextInt(70)];
            for (int j = 0; j < values.length; j++) {
                values[j] = random.nextInt(12) == 0 ? Float.NaN : random.nextInt(20) / 4f;
            }
            int from = random.nextInt(values.length);
            int to = from + random.nextInt(values.length - from + 1);
            float threshold = random.nextInt(22) / 4f;
            int expected = from;
            while (expected < to && !(values[expected] > threshold)) {
                expected++;
            }
            for (MatMulKernel kernel : CpuNetworksTests.kernels()) {
                assertEquals(
                        expected,
                        kernel.nextAbove(values, from, to, threshold),
                        kernel.description() + ", trial " + trial);
            }
        }
    }

    private static MatMulKernel portable() {
        return MatMulKernel.portable();
    }

    private static float[][] matrix(SplittableRandom random, int rows, int cols) {
        float[][] m = new float[rows][cols];
        for (float[] row : m) {
            for (int j = 0; j < cols; j++) {
                // some exact zeros, which the portable kernel skips
                row[j] = random.nextInt(10) == 0 ? 0f : (float) random.nextDouble(-2, 2);
            }
        }
        return m;
    }
}
