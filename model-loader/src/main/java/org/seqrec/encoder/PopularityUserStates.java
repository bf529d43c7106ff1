package org.seqrec.encoder;

/**
 * The most-popular baseline ({@code model_type: pop}): every user vector is [1], so the score of
 * item row i is E[i] = log(1 + training count of i) whatever the history. Holds no native memory;
 * stateless and thread-safe.
 */
final class PopularityUserStates implements UserStates {
    private final int maxLen;

    /** @param maxLen the manifest's max_seq_len (nothing of the history is read) */
    PopularityUserStates(int maxLen) {
        this.maxLen = maxLen;
    }

    @Override
    public float[][] userVectors(int[][] histories) {
        float[][] out = new float[histories.length][];
        for (int b = 0; b < out.length; b++) {
            out[b] = new float[] {1f};
        }
        return out;
    }

    @Override
    public int maxLen() {
        return maxLen;
    }

    @Override
    public String deviceName() {
        return "cpu";
    }

    @Override
    public void close() {
        // heap only
    }
}
