package org.seqrec.model;

/**
 * The most-popular baseline ({@link CountingType.Counts#ITEMS}): every user vector is [1], so the score of
 * item row i is E[i] = log(1 + training count of i) whatever the history. Holds no native memory;
 * stateless and thread-safe.
 */
final class PopularityUserStates extends HeapUserStates {
    /** @param maxLen the manifest's max_seq_len (nothing of the history is read) */
    PopularityUserStates(int maxLen) {
        super(maxLen);
    }

    /** [1], whatever the history. */
    @Override
    float[] userVector(int[] history) {
        return new float[] {1f};
    }
}
