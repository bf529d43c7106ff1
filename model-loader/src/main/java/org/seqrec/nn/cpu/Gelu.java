package org.seqrec.nn.cpu;

/**
 * The exact GELU, {@code x Phi(x) = x / 2 (1 + erf(x / sqrt 2))} (PyTorch's default {@code gelu}), as a
 * table: cubic Hermite interpolation between values and slopes tabulated every 1/64 on [-8, 8], about
 * 1e-10 from the function there; outside, x (above 8) and 0 (below -8) are within 6e-15 of it. A
 * lookup and a cubic take a fraction of the time of the {@code exp} an erf formula needs, and GELU runs
 * on every feed-forward value of BERT4Rec. Immutable tables; thread-safe.
 */
final class Gelu {
    private static final int PER_UNIT = 64;
    private static final double LIMIT = 8;
    private static final int POINTS = (int) (2 * LIMIT * PER_UNIT) + 1;
    private static final double H = 1.0 / PER_UNIT;
    /** Per interval i, the cubic's coefficients of t^0..t^3 at [4i .. 4i + 3], t in [0, 1) across it. */
    private static final double[] CUBIC = new double[4 * (POINTS - 1)];

    static {
        double[] value = new double[POINTS];
        double[] slope = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            double x = -LIMIT + i * H;
            double phi = 0.5 * (1 + erf(x / Math.sqrt(2)));
            value[i] = x * phi;
            // d/dx x Phi(x) = Phi(x) + x phi(x), times the step for t in [0, 1)
            slope[i] = (phi + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI)) * H;
        }
        for (int i = 0; i + 1 < POINTS; i++) {
            double v0 = value[i];
            double v1 = value[i + 1];
            double s0 = slope[i];
            double s1 = slope[i + 1];
            CUBIC[4 * i] = v0;
            CUBIC[4 * i + 1] = s0;
            CUBIC[4 * i + 2] = 3 * (v1 - v0) - 2 * s0 - s1;
            CUBIC[4 * i + 3] = 2 * (v0 - v1) + s0 + s1;
        }
    }

    private Gelu() {}

    static float apply(float x) {
        if (x >= LIMIT) {
            return x;
        }
        if (x <= -LIMIT) {
            return 0f;
        }
        double u = (x + LIMIT) * PER_UNIT;
        int i = Math.min((int) u, POINTS - 2);
        double t = u - i;
        int c = 4 * i;
        return (float) (CUBIC[c] + t * (CUBIC[c + 1] + t * (CUBIC[c + 2] + t * CUBIC[c + 3])));
    }

    /**
     * erf to about double precision, for filling the table: its Maclaurin series below 2.5, else
     * 1 - erfc by the continued fraction {@code erfc z = e^-z^2 / sqrt(pi) / (z + (1/2) / (z + 1 / (z + (3/2) / (z + ...))))}.
     */
    static double erf(double x) {
        double z = Math.abs(x);
        double y;
        if (z < 2.5) {
            // erf z = 2 / sqrt(pi) sum_n (-1)^n z^(2n+1) / (n! (2n+1))
            double term = z;
            double sum = z;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -z * z / n;
                sum += term / (2 * n + 1);
            }
            y = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // evaluated from the tail: f = z + (k/2) / f for k = K..1
            double f = z;
            for (int k = 60; k >= 1; k--) {
                f = z + (k / 2.0) / f;
            }
            y = 1 - Math.exp(-z * z) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -y : y;
    }
}
