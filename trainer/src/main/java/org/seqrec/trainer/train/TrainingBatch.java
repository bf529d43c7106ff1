package org.seqrec.trainer.train;

import java.util.ArrayList;
import java.util.List;

/**
 * One mini-batch of next-item training examples, built in Java before any tensor exists.
 *
 * <p>For each user sequence s (oldest first) the inputs are s[0..n-2] and the targets s[1..n-1],
 * keeping the latest L, left-padded with 0 so that position L - 1 holds the most recent input.
 * {@code inputs} and {@code targets} are (B x L) flattened row-major; {@code positions} lists
 * the flat indices whose target is a real item, and {@code positiveItems} their targets.
 */
record TrainingBatch(int batchSize, int maxLen, long[] inputs, long[] targets, long[] positions, long[] positiveItems,
                     List<int[]> sequences) {

    static TrainingBatch of(List<int[]> sequences, int maxLen) {
        int b = sequences.size();
        long[] inputs = new long[b * maxLen];
        long[] targets = new long[b * maxLen];
        List<Long> positions = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int[] s = sequences.get(i);
            int n = Math.min(s.length - 1, maxLen);
            int offset = s.length - 1 - n;
            for (int t = 0; t < n; t++) {
                int slot = i * maxLen + (maxLen - n) + t;
                inputs[slot] = s[offset + t];
                targets[slot] = s[offset + t + 1];
                positions.add((long) slot);
            }
        }
        long[] pos = positions.stream().mapToLong(Long::longValue).toArray();
        long[] positives = new long[pos.length];
        for (int i = 0; i < pos.length; i++) {
            positives[i] = targets[(int) pos[i]];
        }
        return new TrainingBatch(b, maxLen, inputs, targets, pos, positives, sequences);
    }

    /** Which sequence of the batch a flat position belongs to. */
    int sequenceOf(long position) {
        return (int) (position / maxLen);
    }
}
