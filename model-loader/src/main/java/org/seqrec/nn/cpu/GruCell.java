package org.seqrec.nn.cpu;

/**
 * One step of a PyTorch-layout GRU cell, shared by the recurrent forward passes: with the input
 * gates {@code gi = W_i x + b_i} and the recurrent gates {@code gh = W_h h + b_h} (each 3D: r, z, n),
 * {@code r = sigmoid(gi_r + gh_r)}, {@code z = sigmoid(gi_z + gh_z)},
 * {@code n = tanh(gi_n + r * gh_n)}, {@code h' = (1 - z) * n + z * h}; DIEN's attention-gated step
 * scales the update by the attention weight a: {@code u = a (1 - z)}, {@code h' = u * n + (1 - u) * h}.
 */
final class GruCell {
    private GruCell() {}

    /** Updates {@code h} (D) in place from the step's gates {@code gi} and {@code gh} (3D each). */
    static void step(float[] gi, float[] gh, float[] h, int d) {
        attentionalStep(gi, gh, h, d, 1f);
    }

    /** {@link #step} with the update scaled by {@code a} (DIEN's AUGRU): a = 1 is the plain step, a = 0 keeps h. */
    static void attentionalStep(float[] gi, float[] gh, float[] h, int d, float a) {
        for (int j = 0; j < d; j++) {
            float r = Activation.sigmoid(gi[j] + gh[j]);
            float z = Activation.sigmoid(gi[d + j] + gh[d + j]);
            float c = Activation.tanh(gi[2 * d + j] + r * gh[2 * d + j]);
            float u = a * (1 - z);
            h[j] += u * (c - h[j]);
        }
    }
}
