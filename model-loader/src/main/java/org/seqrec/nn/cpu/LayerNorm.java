package org.seqrec.nn.cpu;

/**
 * Layer normalisation over one row of D values: {@code y = (x - mean) / sqrt(var + eps) * gamma + beta},
 * var the biased variance, as PyTorch's {@code layer_norm} that the DJL networks call. The sum and the
 * sum of squares are accumulated in double (four partial sums each, so that the additions do not wait
 * on one another), which keeps var = E[x^2] - mean^2 exact to far below a float's rounding for rows of
 * this size. Immutable and thread-safe.
 */
final class LayerNorm {
    /** The epsilon every network uses (the DJL networks' {@code Ops.LN_EPSILON}). */
    static final float EPSILON = 1e-8f;

    private final float[] gamma;
    private final float[] beta;

    LayerNorm(float[] gamma, float[] beta) {
        if (gamma.length != beta.length) {
            throw new IllegalArgumentException("gamma has " + gamma.length + " values, beta " + beta.length);
        }
        this.gamma = gamma;
        this.beta = beta;
    }

    /** {@code y = LN(x)}; y may be x. */
    void apply(float[] x, float[] y) {
        int d = gamma.length;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int j = 0;
        for (; j + 4 <= d; j += 4) {
            double a = x[j];
            double b = x[j + 1];
            double c = x[j + 2];
            double e = x[j + 3];
            s0 += a;
            s1 += b;
            s2 += c;
            s3 += e;
            q0 += a * a;
            q1 += b * b;
            q2 += c * c;
            q3 += e * e;
        }
        for (; j < d; j++) {
            double a = x[j];
            s0 += a;
            q0 += a * a;
        }
        double mean = (s0 + s1 + s2 + s3) / d;
        double variance = Math.max(0, (q0 + q1 + q2 + q3) / d - mean * mean);
        float m = (float) mean;
        float inv = (float) (1.0 / Math.sqrt(variance + EPSILON));
        for (int k = 0; k < d; k++) {
            y[k] = (x[k] - m) * inv * gamma[k] + beta[k];
        }
    }
}
