package org.seqrec.trainer.train.batch;

import java.util.ArrayList;
import java.util.List;

/**
 * One mini-batch, built in Java before any tensor exists: the (B, L) input rows and the N positions
 * that carry a training target.
 *
 * <p>{@code inputs} is (B x L) flattened row-major, left-padded with 0 so that position L - 1 holds
 * the most recent input. {@code positions} lists the flat indices (b * L + t) that have a target, in
 * increasing order, and {@code targets} the item row each of them must predict. {@code sequences}
 * are the users' training sequences the batch was made from (row b of the batch is sequence b), for
 * losses that avoid a user's own items as negatives.
 *
 * @param batchSize B
 * @param maxLen L
 * @param inputs B x L item rows, 0 = padding
 * @param positions N flat positions with a target
 * @param targets N target item rows, each in 1..n
 * @param sequences the B source sequences (shared, not copied: do not modify)
 * @param timeCodes B x L time codes of the inputs ({@link org.seqrec.nn.TimeCodes}), padded like them;
 *     null for a time-blind network
 */
public record TrainingBatch(
        int batchSize,
        int maxLen,
        long[] inputs,
        long[] positions,
        long[] targets,
        List<int[]> sequences,
        long[] timeCodes) {

    /** A batch without time codes. */
    public TrainingBatch(
            int batchSize, int maxLen, long[] inputs, long[] positions, long[] targets, List<int[]> sequences) {
        this(batchSize, maxLen, inputs, positions, targets, sequences, null);
    }

    /**
     * Next-item batch ({@code TrainingTask.NEXT_ITEM}): for each sequence s (oldest first) the inputs are
     * s[0..n-2] and the targets s[1..n-1], keeping the latest L pairs; every input position predicts
     * the item that follows it.
     *
     * @param sequences training sequences of at least 2 items
     */
    static TrainingBatch nextItem(List<int[]> sequences, int maxLen) {
        return nextItem(sequences, null, maxLen);
    }

    /**
     * {@link #nextItem(List, int)} with each sequence's time codes as next-item inputs ({@code codes[i][j]}
     * describes when item j + 1 of sequence i happened), laid out like the inputs.
     *
     * @param codes one array of length {@code sequence.length - 1} per sequence, or null for none
     */
    static TrainingBatch nextItem(List<int[]> sequences, List<int[]> codes, int maxLen) {
        int b = sequences.size();
        long[] inputs = new long[b * maxLen];
        long[] timeCodes = codes == null ? null : new long[b * maxLen];
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int[] s = sequences.get(i);
            int n = Math.min(s.length - 1, maxLen);
            int offset = s.length - 1 - n;
            for (int t = 0; t < n; t++) {
                int slot = i * maxLen + (maxLen - n) + t;
                inputs[slot] = s[offset + t];
                if (timeCodes != null) {
                    timeCodes[slot] = codes.get(i)[offset + t];
                }
                pairs.add(new long[] {slot, s[offset + t + 1]});
            }
        }
        TrainingBatch batch = withTargets(b, maxLen, inputs, pairs, sequences);
        return timeCodes == null ? batch : batch.withTimeCodes(timeCodes);
    }

    private TrainingBatch withTimeCodes(long[] codes) {
        return new TrainingBatch(batchSize, maxLen, inputs, positions, targets, sequences, codes);
    }

    /** A batch from (position, target) pairs listed in increasing position order. */
    static TrainingBatch withTargets(int b, int maxLen, long[] inputs, List<long[]> pairs, List<int[]> sequences) {
        long[] positions = new long[pairs.size()];
        long[] targets = new long[pairs.size()];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = pairs.get(i)[0];
            targets[i] = pairs.get(i)[1];
        }
        return new TrainingBatch(b, maxLen, inputs, positions, targets, sequences);
    }

    /** N, the number of positions with a target. */
    public int size() {
        return positions.length;
    }

    /** Which sequence (batch row) a flat position belongs to. */
    public int sequenceOf(long position) {
        return (int) (position / maxLen);
    }
}
