package org.seqrec.nn.cpu;

import org.seqrec.nn.DinConfig;

/**
 * DIN's attention unit in plain Java, shared by {@link CpuDin} and {@link CpuDien}: the DJL
 * {@code TargetAttention} at inference (see it for the math and the {@code att.*} parameter names).
 * Each key's term {@code W_h k_j + b} is computed once per history ({@link #keyTerm}); per candidate
 * c the product weights {@code W_p * c} (D, H) are made once and the keys go through them in one
 * matrix product (the kernel's four-row blocks), each key one (D, H) product:
 * about {@code L D H} multiply-adds per candidate (H = {@value DinConfig#ATTENTION_UNITS}).
 *
 * <p>Immutable and thread-safe; the working arrays are the caller's {@link Scratch}.
 */
final class CpuTargetAttention {
    private static final int UNITS = DinConfig.ATTENTION_UNITS;

    private final int dim;
    private final MatMulKernel kernel;
    private final Dense history;
    private final Dense candidate;
    /** W_p transposed: (D, H), row d holds column d of W_p. */
    private final float[][] productT;

    private final float[] prelu;
    private final float[] out;

    CpuTargetAttention(ParameterReader p, int d) {
        this.dim = d;
        this.kernel = p.kernel();
        this.history = p.dense("att.history", d, UNITS);
        this.candidate = Dense.of(p.get("att.candidate.weight", UNITS, d), new float[UNITS], d, UNITS, kernel);
        float[] product = p.get("att.product.weight", UNITS, d);
        this.productT = new float[d][UNITS];
        for (int u = 0; u < UNITS; u++) {
            for (int i = 0; i < d; i++) {
                productT[i][u] = product[u * d + i];
            }
        }
        this.prelu = p.get("att.prelu", UNITS);
        this.out = p.get("att.out.weight", 1, UNITS);
    }

    /** One caller's working memory, for one thread and histories of up to {@code maxLen} keys. */
    static final class Scratch {
        final float[] byCandidate = new float[UNITS];
        final float[][] scaledT;
        final float[][] pre;

        private Scratch(int d, int maxLen) {
            scaledT = new float[d][UNITS];
            pre = new float[maxLen][UNITS];
        }
    }

    Scratch newScratch(int maxLen) {
        return new Scratch(dim, maxLen);
    }

    /** A new array for the terms (H) of a key, as {@link #keyTerm} fills. */
    float[] newKeyTerm() {
        return new float[UNITS];
    }

    /** {@code term = W_h key + b}: the part of each candidate's attention logit that only the key sets. */
    void keyTerm(float[] key, float[] term) {
        history.apply(key, term);
    }

    /**
     * The weights {@code alpha[0..len)} of candidate c over the keys {@code keys[0..len)}, whose
     * {@link #keyTerm}s are {@code terms}: a softmax that sums to 1 (nothing is written for len 0).
     */
    void weights(float[] c, float[][] keys, float[][] terms, int len, float[] alpha, Scratch s) {
        candidate.apply(c, s.byCandidate);
        for (int i = 0; i < dim; i++) {
            float ci = c[i];
            float[] w = productT[i];
            float[] scaled = s.scaledT[i];
            for (int u = 0; u < UNITS; u++) {
                scaled[u] = w[u] * ci;
            }
        }
        // (W_p * c) k_j for every key at once, then each key's own term and the candidate's
        kernel.rows(s.scaledT, dim, s.byCandidate, keys, 0, s.pre, 0, len, 0, UNITS);
        float scale = (float) (1 / Math.sqrt(dim));
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < len; j++) {
            float[] term = terms[j];
            float[] pre = s.pre[j];
            float a = 0;
            for (int u = 0; u < UNITS; u++) {
                float x = pre[u] + term[u];
                a += out[u] * (x >= 0 ? x : prelu[u] * x);
            }
            alpha[j] = a * scale;
            max = Math.max(max, alpha[j]);
        }
        float sum = 0;
        for (int j = 0; j < len; j++) {
            alpha[j] = (float) Math.exp(alpha[j] - max);
            sum += alpha[j];
        }
        for (int j = 0; j < len; j++) {
            alpha[j] /= sum;
        }
    }
}
