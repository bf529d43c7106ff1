package org.seqrec.nn.cpu;

import org.seqrec.nn.RankingConfig;

/**
 * A ranking network's inference in plain Java on the CPU: the logits {@code RankingNetwork.lastLogits}
 * gives for one history and its candidates, without DJL or native memory. Equal to the DJL network
 * within float rounding (the tests bound it).
 *
 * <p>A history is item rows in 1..n, oldest first, of any length: the network reads its latest L
 * items; an empty one is allowed. Thread-safe and immutable (arrays shared with the parameter
 * tensors, which must not change); heap memory only.
 */
public interface CpuRankingNetwork {
    /** The hyper-parameters the network was built with. */
    RankingConfig config();

    /**
     * The logit of each candidate after the history, in the candidates' order: all K scored in one call.
     *
     * @throws IllegalArgumentException for a history or candidate row outside 1..n
     */
    float[] scores(int[] history, int[] candidates);
}
