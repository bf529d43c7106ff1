package org.seqrec.trainer.train;

import java.util.List;
import java.util.SplittableRandom;

/** Turns a slice of training sequences into a {@link TrainingBatch}; the objective decides how. */
@FunctionalInterface
interface BatchMaker {
    /**
     * @param sequences training sequences of at least 2 items, oldest item first
     * @param random the epoch's random stream (masking); makers that need none ignore it
     */
    TrainingBatch make(List<int[]> sequences, SplittableRandom random);

    /** Next-item training: every position predicts the item after it ({@link TrainingBatch#nextItem}). */
    static BatchMaker nextItem(int maxLen) {
        return (sequences, random) -> TrainingBatch.nextItem(sequences, maxLen);
    }
}
