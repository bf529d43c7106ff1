package org.seqrec.trainer.train.loss;

import ai.djl.ndarray.NDArray;
import java.util.SplittableRandom;
import org.seqrec.trainer.train.batch.TrainingBatch;

/**
 * A training objective ({@link Loss#create}): turns the hidden states of a batch into one scalar loss to minimise.
 *
 * <p>Tensors: B sequences, L positions, D hidden size, n items. {@code hidden} is (B, L, D); only the
 * N positions listed in the {@link TrainingBatch} carry a target. {@code items} is E, (n + 1, D),
 * the output embeddings with row 0 the padding row; the score of item i at a position with hidden
 * state h is the logit s_i = h . E[i]. The returned scalar is the mean over the N positions and
 * belongs to the manager of {@code hidden}, as does everything computed on the way.
 *
 * <p>Negatives are drawn in Java from the {@code random} stream, so a seed fixes them; losses hold no
 * state and are safe to reuse across batches (not across threads sharing one stream).
 *
 * <p>Which loss when: {@code ce} is the strongest when the (N, n + 1) logits fit in memory (n up to
 * about 1e5-1e6); {@code sampled-ce} and {@code gbce} cost O(N k D) whatever n is and suit large
 * catalogues; {@code bce} reproduces the SASRec paper.
 */
public interface TrainingLoss {
    /**
     * @param hidden (B, L, D) hidden states
     * @param items E, (n + 1, D)
     * @return scalar mean loss over the batch's N target positions
     */
    NDArray compute(NDArray hidden, NDArray items, TrainingBatch batch, SplittableRandom random);
}
