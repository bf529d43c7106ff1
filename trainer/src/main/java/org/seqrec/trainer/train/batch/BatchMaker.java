package org.seqrec.trainer.train.batch;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqrec.model.TrainingTask;

/** Turns a slice of training sequences into a {@link TrainingBatch}; the network's training task decides how. */
@FunctionalInterface
public interface BatchMaker {
    /**
     * @param sequences training sequences of at least 2 items, oldest item first
     * @param random the epoch's random stream (masking); makers that need none ignore it
     */
    TrainingBatch make(List<int[]> sequences, SplittableRandom random);

    /** Next-item training: every position predicts the item after it ({@link TrainingBatch#nextItem}). */
    static BatchMaker nextItem(int maxLen) {
        return (sequences, random) -> TrainingBatch.nextItem(sequences, maxLen);
    }

    /**
     * Next-item training with time codes: {@code codes} maps each training sequence (the very array the
     * maker is given, looked up by identity, as the epoch loop shuffles the arrays but never copies
     * them) to its codes ({@code org.seqrec.trainer.split.LeaveOneOut#trainTimeCodes}).
     */
    static BatchMaker nextItemTimed(int maxLen, Map<int[], int[]> codes) {
        Map<int[], int[]> byIdentity = new IdentityHashMap<>(codes);
        return (sequences, random) -> {
            List<int[]> c = new ArrayList<>(sequences.size());
            for (int[] s : sequences) {
                int[] found = byIdentity.get(s);
                if (found == null || found.length != s.length - 1) {
                    throw new IllegalStateException("no time codes for a training sequence of " + s.length + " items");
                }
                c.add(found);
            }
            return TrainingBatch.nextItem(sequences, c, maxLen);
        };
    }

    /**
     * The batches of {@code task} for a network reading L = {@code maxLen} positions over n =
     * {@code numItems} items: next-item batches, or Cloze masking ({@link ClozeMasking}) with the mask
     * token {@link TrainingTask#maskRow}.
     *
     * @param maskProb probability that an item is masked, read by {@link TrainingTask#CLOZE} only
     */
    static BatchMaker forTask(TrainingTask task, int maxLen, int numItems, double maskProb) {
        return switch (task) {
            case NEXT_ITEM -> nextItem(maxLen);
            case CLOZE -> new ClozeMasking(maxLen, TrainingTask.maskRow(numItems), maskProb);
        };
    }
}
