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
    /** x Phi(x) = x / 2 (1 + erf(x / sqrt 2)): the exact GELU, as PyTorch's default {@code gelu}. */
    GELU {
        @Override
        void apply(float[] x, int n) {
            for (int j = 0; j < n; j++) {
                double v = x[j];
                x[j] = (float) (0.5 * v * (1 + erf(v * INV_SQRT2)));
            }
        }
    };

    private static final double INV_SQRT2 = 1 / Math.sqrt(2);

    abstract void apply(float[] x, int n);

    /**
     * erf by Abramowitz and Stegun's formula 7.1.26: absolute error below 1.5e-7, about one float
     * rounding step of GELU's outputs of order 1 (the networks' tests bound the end effect).
     */
    static double erf(double x) {
        double a = Math.abs(x);
        double t = 1 / (1 + 0.3275911 * a);
        double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
        double y = 1 - poly * Math.exp(-a * a);
        return x < 0 ? -y : y;
    }

    /** The logistic function 1 / (1 + e^-x). */
    static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-x)));
    }
}
