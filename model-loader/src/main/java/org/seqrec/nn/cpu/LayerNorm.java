package org.seqrec.nn.cpu;

/**
 * Layer normalisation over one row of D values: {@code y = (x - mean) / sqrt(var + eps) * gamma + beta},
 * var the biased variance, as PyTorch's {@code layer_norm} that the DJL networks call. Mean and
 * variance are accumulated in double. Immutable and thread-safe.
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
        double sum = 0;
        for (int j = 0; j < d; j++) {
            sum += x[j];
        }
        double mean = sum / d;
        double squares = 0;
        for (int j = 0; j < d; j++) {
            double c = x[j] - mean;
            squares += c * c;
        }
        float m = (float) mean;
        float inv = (float) (1.0 / Math.sqrt(squares / d + EPSILON));
        for (int j = 0; j < d; j++) {
            y[j] = (x[j] - m) * inv * gamma[j] + beta[j];
        }
    }
}
