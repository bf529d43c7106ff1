package org.seqrec.trainer.train;

import java.util.Map;

/**
 * Progress callbacks from a training run, called on the training thread in this order per epoch:
 * {@code epochStarted}, {@code batchDone} once per batch, {@code epochDone}. A resumed run first
 * calls {@code epochRestored} once per epoch finished before the checkpoint. Implementations must
 * be quick (they run between optimiser steps) and must not throw.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
        @Override
        public void epochStarted(int epoch, int batches) {}

        @Override
        public void batchDone(float loss) {}

        @Override
        public void epochDone(int epoch, float meanLoss, Map<String, Double> validationMetrics) {}
    };

    /**
     * @param epoch 1-based epoch number
     * @param batches number of batches this epoch will run
     */
    void epochStarted(int epoch, int batches);

    /** @param loss the mean loss of the batch just trained */
    void batchDone(float loss);

    /**
     * @param epoch 1-based epoch number
     * @param meanLoss mean batch loss over the epoch
     * @param validationMetrics metrics on the validation split (e.g. {@code ndcg@10}); empty when
     *     the run did not validate this epoch
     */
    void epochDone(int epoch, float meanLoss, Map<String, Double> validationMetrics);

    /** An epoch finished by an earlier run, read from the checkpoint being resumed. Ignored by default. */
    default void epochRestored(EpochRecord epoch) {}
}
