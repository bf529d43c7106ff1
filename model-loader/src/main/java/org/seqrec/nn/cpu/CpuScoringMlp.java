package org.seqrec.nn.cpu;

import org.seqrec.nn.ScoringMlp;

/**
 * {@link ScoringMlp} in plain Java, at inference: the score of pair features {@code [u, c, u * c]}.
 * Immutable; {@link #score} takes its working arrays from the caller ({@link #newScratch}).
 */
final class CpuScoringMlp {
    private final Dense layer0;
    private final float[] prelu0;
    private final Dense layer1;
    private final float[] prelu1;
    private final float[] out;
    private final float outBias;
    private final int dim;

    /** Reads {@code mlp.*} for pair features of D = {@code dim} each. */
    CpuScoringMlp(ParameterReader p, int dim) {
        this.dim = dim;
        this.layer0 = p.dense("mlp.0", 3 * dim, ScoringMlp.HIDDEN_1);
        this.prelu0 = p.get("mlp.0.prelu", ScoringMlp.HIDDEN_1);
        this.layer1 = p.dense("mlp.1", ScoringMlp.HIDDEN_1, ScoringMlp.HIDDEN_2);
        this.prelu1 = p.get("mlp.1.prelu", ScoringMlp.HIDDEN_2);
        this.out = p.get("mlp.out.weight", 1, ScoringMlp.HIDDEN_2);
        this.outBias = p.get("mlp.out.bias", 1)[0];
    }

    /** Working memory of one thread: the features and the two hidden layers. */
    float[][] newScratch() {
        return new float[][] {new float[3 * dim], new float[ScoringMlp.HIDDEN_1], new float[ScoringMlp.HIDDEN_2]};
    }

    /** The score of u (D) and c (D, read from {@code c[cOff ..]}). */
    float score(float[] u, float[] c, int cOff, float[][] scratch) {
        float[] z = scratch[0];
        for (int i = 0; i < dim; i++) {
            z[i] = u[i];
            z[dim + i] = c[cOff + i];
            z[2 * dim + i] = u[i] * c[cOff + i];
        }
        layer0.apply(z, scratch[1]);
        prelu(scratch[1], prelu0);
        layer1.apply(scratch[1], scratch[2]);
        prelu(scratch[2], prelu1);
        float logit = outBias;
        for (int i = 0; i < out.length; i++) {
            logit += out[i] * scratch[2][i];
        }
        return logit;
    }

    /** PReLU in place, slope {@code slopes[i]} for x[i] below 0. */
    static void prelu(float[] x, float[] slopes) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < 0) {
                x[i] *= slopes[i];
            }
        }
    }
}
