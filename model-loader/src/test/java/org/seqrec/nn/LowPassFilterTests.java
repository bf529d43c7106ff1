package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LowPassFilterTests {
    /**
     * BSARec's filter, written out: the real DFT of L positions, frequencies c / 2 + 1 and up zeroed
     * (with their mirrors), transformed back. On a history right-aligned in the L positions with zeros
     * before it, its last position must be the causal kernel's sum over the history.
     */
    @Test
    void theLastPositionOfTheFftLowPassIsTheCausalKernelsSum() {
        SplittableRandom random = new SplittableRandom(3);
        for (int len : new int[] {1, 2, 7, 50}) {
            for (int c : new int[] {1, 3, 5, len}) {
                if (c > len) {
                    continue;
                }
                float[] kernel = LowPassFilter.causalKernel(c, len);
                for (int n = 1; n <= len; n++) {
                    double[] x = new double[len];
                    for (int i = len - n; i < len; i++) {
                        x[i] = random.nextDouble() * 2 - 1;
                    }
                    double expected = fftLowPass(x, c)[len - 1];
                    double actual = 0;
                    for (int k = 0; k < n; k++) {
                        actual += kernel[k] * x[len - 1 - k];
                    }
                    assertEquals(expected, actual, 1e-5, "L " + len + ", c " + c + ", history of " + n);
                }
            }
        }
    }

    @Test
    void theMatrixIsTheKernelBelowTheDiagonal() {
        float[] kernel = LowPassFilter.causalKernel(4, 4);
        float[] matrix = LowPassFilter.causalMatrix(4, 4);
        for (int t = 0; t < 4; t++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(k <= t ? kernel[t - k] : 0f, matrix[t * 4 + k], 1e-7f);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> LowPassFilter.causalKernel(0, 4));
        assertThrows(IllegalArgumentException.class, () -> LowPassFilter.causalKernel(5, 4));
    }

    /** irfft(mask(rfft(x))) with the first c / 2 + 1 frequencies kept, by the definition of the DFT. */
    private static double[] fftLowPass(double[] x, int c) {
        int len = x.length;
        int kept = c / 2 + 1;
        double[] out = new double[len];
        for (int f = 0; f < len; f++) {
            int folded = Math.min(f, len - f); // f and len - f are one real frequency
            if (folded >= kept) {
                continue;
            }
            double re = 0;
            double im = 0;
            for (int j = 0; j < len; j++) {
                re += x[j] * Math.cos(2 * Math.PI * f * j / len);
                im -= x[j] * Math.sin(2 * Math.PI * f * j / len);
            }
            for (int t = 0; t < len; t++) {
                double angle = 2 * Math.PI * f * t / len;
                out[t] += (re * Math.cos(angle) - im * Math.sin(angle)) / len;
            }
        }
        return out;
    }
}
