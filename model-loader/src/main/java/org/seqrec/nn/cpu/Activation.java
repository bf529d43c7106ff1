package org.seqrec.nn.cpu;

/**
 * The non-linearities of the networks, applied in place to the first n values of a row, computed
 * in double and rounded once.
 */
enum Activation {
    /** max(0, x). */
    RELU {
        @Override
        void apply(float[] x, int n) {
            for (int j = 0; j < n; j++) {
                x[j] = Math.max(0f, x[j]);
            }
        }
    },
    /** x Phi(x) = x / 2 (1 + erf(x / sqrt 2)): the exact GELU, as PyTorch's default {@code gelu} ({@link Gelu}). */
    GELU {
        @Override
        void apply(float[] x, int n) {
            for (int j = 0; j < n; j++) {
                x[j] = Gelu.apply(x[j]);
            }
        }
    };

    abstract void apply(float[] x, int n);

    /** The logistic function 1 / (1 + e^-x). */
    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }

    /**
     * tanh x as 1 - 2 / (1 + e^2x) in double: exact to far below a float's rounding, and about half
     * the time of {@link Math#tanh} (one {@code exp}, which HotSpot compiles to an intrinsic).
     */
    static float tanh(float x) {
        return (float) (1 - 2 / (1 + Math.exp(2.0 * x)));
    }
}
