package org.seqrec.trainer.train.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * BERT4Rec's masked-item (Cloze) batches (Sun et al., CIKM 2019, section 3.6): each sequence keeps
 * its latest L items, right-aligned and left-padded with 0; every item is replaced by the mask row
 * with probability {@code maskProb} (at least one per sequence: when the draw masks none, one
 * uniformly chosen position is masked), and the masked positions must predict the items they hid.
 * Unmasked positions carry no target.
 *
 * <p>Stateless apart from its settings; the random stream is passed in per batch.
 */
final class ClozeMasking implements BatchMaker {
    private final int maxLen;
    private final long maskRow;
    private final double maskProb;

    /**
     * @param maskRow the input row that stands for a masked item (the network's mask token)
     * @param maskProb probability that an item is masked, in (0, 1)
     */
    ClozeMasking(int maxLen, long maskRow, double maskProb) {
        this.maxLen = maxLen;
        this.maskRow = maskRow;
        this.maskProb = maskProb;
    }

    @Override
    public TrainingBatch make(List<int[]> sequences, SplittableRandom random) {
        int b = sequences.size();
        long[] inputs = new long[b * maxLen];
        List<long[]> pairs = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int[] s = sequences.get(i);
            int n = Math.min(s.length, maxLen);
            int first = i * maxLen + (maxLen - n);
            boolean[] masked = new boolean[n];
            boolean any = false;
            for (int t = 0; t < n; t++) {
                masked[t] = random.nextDouble() < maskProb;
                any |= masked[t];
            }
            if (!any) {
                masked[random.nextInt(n)] = true;
            }
            for (int t = 0; t < n; t++) {
                int item = s[s.length - n + t];
                inputs[first + t] = masked[t] ? maskRow : item;
                if (masked[t]) {
                    pairs.add(new long[] {first + t, item});
                }
            }
        }
        return TrainingBatch.withTargets(b, maxLen, inputs, pairs, sequences);
    }
}
