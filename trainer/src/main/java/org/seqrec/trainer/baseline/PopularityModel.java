package org.seqrec.trainer.baseline;

import java.util.List;
import org.seqrec.artifact.FloatTensor;

/**
 * The most-popular baseline: counts how often each item row occurs in the training sequences and
 * scores item i as log(1 + count(i)), the same for every user. As an artifact ({@code pop}) the
 * item embeddings are that score, shape (n + 1, 1) with row 0 = 0, and every user vector is [1].
 *
 * <p>Fit it on the training part of the leave-one-out split only, so that validation and test
 * items never enter the counts. Immutable; thread-safe.
 */
public final class PopularityModel {
    private final long[] counts;
    private final long total;

    private PopularityModel(long[] counts) {
        this.counts = counts;
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        this.total = sum;
    }

    /**
     * @param sequences training sequences of item rows in 1..numItems
     * @param numItems n
     * @throws IllegalArgumentException for a row outside 1..numItems
     */
    public static PopularityModel fit(List<int[]> sequences, int numItems) {
        if (numItems < 1) {
            throw new IllegalArgumentException("numItems must be >= 1, got " + numItems);
        }
        long[] counts = new long[numItems + 1];
        for (int[] s : sequences) {
            for (int row : s) {
                if (row < 1 || row > numItems) {
                    throw new IllegalArgumentException("item row " + row + " outside 1.." + numItems);
                }
                counts[row]++;
            }
        }
        return new PopularityModel(counts);
    }

    /** n. */
    public int numItems() {
        return counts.length - 1;
    }

    /** Training occurrences of item {@code row} (0 for the padding row). */
    public long count(int row) {
        return counts[row];
    }

    /** All training occurrences. */
    public long total() {
        return total;
    }

    /** Counts per row as float32 (n + 1), row 0 = 0: the markov artifact's {@code popularity}. */
    public float[] countsAsFloats() {
        float[] out = new float[counts.length];
        for (int r = 0; r < out.length; r++) {
            out[r] = counts[r];
        }
        return out;
    }

    /** E (n + 1, 1): log(1 + count(i)), row 0 = 0. */
    public FloatTensor itemEmbeddings() {
        float[] e = new float[counts.length];
        for (int r = 1; r < e.length; r++) {
            e[r] = (float) Math.log1p(counts[r]);
        }
        return new FloatTensor(new long[] {e.length, 1}, e);
    }

    /**
     * The mean negative log-likelihood of the training items under p(i) = count(i) / total, in nats:
     * what the trainer reports as this model's loss. 0 without training items.
     */
    public double trainingLoss() {
        if (total == 0) {
            return 0;
        }
        double nll = 0;
        for (long c : counts) {
            if (c > 0) {
                nll -= c * Math.log((double) c / total);
            }
        }
        return nll / total;
    }
}
