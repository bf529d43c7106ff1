package org.seqrec.nn;

/**
 * Lays histories out as the (B, L) input a {@link SequenceNetwork} reads: the most recent L item
 * rows of each history, left-padded with 0 so that the latest item sits at position L - 1.
 */
public final class HistoryPadding {
    private HistoryPadding() {}

    /**
     * @param histories item rows, oldest first, any length (longer ones keep their latest L)
     * @param len L
     * @return B x L row-major
     */
    public static long[] leftPad(int[][] histories, int len) {
        long[] padded = new long[histories.length * len];
        for (int b = 0; b < histories.length; b++) {
            int[] h = histories[b];
            int n = Math.min(h.length, len);
            for (int i = 0; i < n; i++) {
                padded[b * len + (len - n) + i] = h[h.length - n + i];
            }
        }
        return padded;
    }
}
