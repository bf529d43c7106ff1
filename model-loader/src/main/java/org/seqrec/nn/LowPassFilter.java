package org.seqrec.nn;

/**
 * BSARec's frequency-domain inductive bias made causal: the low-pass filter of its
 * {@code FrequencyLayer} (keep the lowest {@code c / 2 + 1} frequencies of the sequence's real FFT over
 * its L positions, drop the rest, transform back), read as an operator on the positions.
 *
 * <p>On L positions that filter is the circulant matrix {@code M[i][j] = m((i - j) mod L)} with
 * {@code m(d) = (1 + 2 sum_{f=1}^{k-1} cos(2 pi f d / L)) / L}, k = c / 2 + 1 kept frequencies (the
 * Nyquist frequency, when kept, counts once). Applied to every position at once it mixes in later
 * events, which next-item training on every position must not see. BSARec's code trains on the last
 * position of each history, and there a history of t + 1 items, right-aligned in the L positions with
 * zeros before it, gets {@code sum_{k <= t} m(t - k) x_k}: a causal convolution with the kernel m.
 * This class gives that kernel, and seqrec applies it at every position (position t reads events up
 * to t, as the last position of its own prefix would), in every block. Stateless.
 */
public final class LowPassFilter {
    private LowPassFilter() {}

    /**
     * The causal kernel m(0 .. len-1): position t's low-pass is {@code sum_{d=0}^{t} m(d) x_(t-d)}.
     *
     * @param c BSARec's c (1..len): frequencies 0 .. c / 2 are kept
     * @param len L, the positions the network reads
     */
    public static float[] causalKernel(int c, int len) {
        if (c < 1 || c > len) {
            throw new IllegalArgumentException("c must be in 1..max_len (" + len + "), got " + c);
        }
        int kept = Math.min(c / 2 + 1, len / 2 + 1);
        float[] m = new float[len];
        for (int d = 0; d < len; d++) {
            double sum = 1;
            for (int f = 1; f < kept; f++) {
                double weight = 2 * f == len ? 1 : 2;
                sum += weight * Math.cos(2 * Math.PI * f * d / len);
            }
            m[d] = (float) (sum / len);
        }
        return m;
    }

    /** The (len, len) lower-triangular matrix of {@link #causalKernel}, row-major: entry (t, k) = m(t - k). */
    public static float[] causalMatrix(int c, int len) {
        float[] m = causalKernel(c, len);
        float[] out = new float[len * len];
        for (int t = 0; t < len; t++) {
            for (int k = 0; k <= t; k++) {
                out[t * len + k] = m[t - k];
            }
        }
        return out;
    }
}
