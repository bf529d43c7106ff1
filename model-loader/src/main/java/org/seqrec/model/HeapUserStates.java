package org.seqrec.model;

/**
 * A counting baseline whose user vectors are computed in Java, one history at a time, into heap
 * arrays ({@link PopularityUserStates}, {@link MarkovUserStates}): device {@code cpu}, no native
 * memory, so {@link #close()} has nothing to free.
 *
 * <p>Subclasses are immutable, so {@link #userVectors} is thread-safe as long as
 * {@link #userVector} only reads their state.
 */
abstract class HeapUserStates implements UserStates {
    private final int maxLen;

    /** @param maxLen the manifest's max_seq_len */
    HeapUserStates(int maxLen) {
        this.maxLen = maxLen;
    }

    /**
     * The user vector (D) of one history, a new array the caller may keep.
     *
     * @param history item rows in 1..numItems, oldest first, possibly empty
     */
    abstract float[] userVector(int[] history);

    /** (B, D): {@link #userVector} of each history. */
    @Override
    public final float[][] userVectors(int[][] histories) {
        float[][] out = new float[histories.length][];
        for (int b = 0; b < out.length; b++) {
            out[b] = userVector(histories[b]);
        }
        return out;
    }

    @Override
    public final int maxLen() {
        return maxLen;
    }

    @Override
    public final String deviceName() {
        return "cpu";
    }

    @Override
    public final void close() {
        // heap only
    }
}
