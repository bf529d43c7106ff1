package org.seqrec.trainer.baseline;

import java.util.Arrays;
import java.util.List;
import org.seqrec.artifact.TransitionCounts;

/**
 * The first-order Markov chain baseline: counts count(i -&gt; j), how often item row j directly
 * followed item row i in the training sequences, plus each item's popularity. Served
 * ({@code markov}) as u[j] = count(i -&gt; j) / out(i) + epsilon * pop(j) for the last known item i,
 * falling back to popularity order for unseen transitions and histories without a known item (see
 * {@link org.seqrec.artifact.CountModels}).
 *
 * <p>Fit it on the training part of the leave-one-out split only, so that validation and test
 * items never enter the counts; at test time the validation item is the last history item, as for
 * every model. Immutable; thread-safe.
 */
public final class MarkovChainModel {
    private final TransitionCounts transitions;
    private final long pairs;

    private MarkovChainModel(TransitionCounts transitions, long pairs) {
        this.transitions = transitions;
        this.pairs = pairs;
    }

    /**
     * @param sequences training sequences of item rows in 1..numItems
     * @param numItems n, below 2^24 (rows are stored exactly as float32)
     * @throws IllegalArgumentException for a row outside 1..numItems, or a catalogue or transition
     *     table too large for float32 rows and offsets
     */
    public static MarkovChainModel fit(List<int[]> sequences, int numItems) {
        if (numItems >= TransitionCounts.MAX_EXACT) {
            throw new IllegalArgumentException("--model markov supports fewer than " + TransitionCounts.MAX_EXACT
                    + " items (rows are stored as exact float32), got " + numItems);
        }
        PopularityModel popularity = PopularityModel.fit(sequences, numItems);
        long stride = numItems + 1L;
        long pairs = 0;
        for (int[] s : sequences) {
            pairs += Math.max(0, s.length - 1);
        }
        if (pairs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(
                    "--model markov counts at most " + (Integer.MAX_VALUE - 8) + " training transitions, got " + pairs);
        }
        int total = (int) pairs;
        // every pair i -> j as one sortable key: sorted keys are the CSR order (by i, then j)
        long[] keys = new long[total];
        int k = 0;
        for (int[] s : sequences) {
            for (int t = 0; t + 1 < s.length; t++) {
                keys[k++] = s[t] * stride + s[t + 1];
            }
        }
        Arrays.sort(keys);
        int distinct = 0;
        for (int p = 0; p < keys.length; p++) {
            if (p == 0 || keys[p] != keys[p - 1]) {
                distinct++;
            }
        }
        if (distinct > TransitionCounts.MAX_EXACT) {
            throw new IllegalArgumentException("--model markov holds at most " + TransitionCounts.MAX_EXACT
                    + " distinct transitions, the training data has " + distinct);
        }
        int[] indptr = new int[numItems + 2];
        int[] items = new int[distinct];
        float[] counts = new float[distinct];
        int nz = -1;
        for (int p = 0; p < keys.length; p++) {
            if (p == 0 || keys[p] != keys[p - 1]) {
                nz++;
                items[nz] = (int) (keys[p] % stride);
                indptr[(int) (keys[p] / stride) + 1]++;
            }
            counts[nz]++;
        }
        for (int i = 1; i < indptr.length; i++) {
            indptr[i] += indptr[i - 1];
        }
        return new MarkovChainModel(
                new TransitionCounts(numItems, indptr, items, counts, popularity.countsAsFloats()), total);
    }

    /** The counts as stored in the artifact. */
    public TransitionCounts transitions() {
        return transitions;
    }

    /** How often {@code to} directly followed {@code from} in training. */
    public long count(int from, int to) {
        int[] indptr = transitions.indptr();
        int at = Arrays.binarySearch(transitions.items(), indptr[from], indptr[from + 1], to);
        return at >= 0 ? (long) transitions.counts()[at] : 0L;
    }

    /** out(i): how many training transitions leave {@code from}. */
    public long outCount(int from) {
        long out = 0;
        for (int k = transitions.indptr()[from]; k < transitions.indptr()[from + 1]; k++) {
            out += (long) transitions.counts()[k];
        }
        return out;
    }

    /** Training occurrences of item {@code row}. */
    public long popularity(int row) {
        return (long) transitions.popularity()[row];
    }

    /** All training transitions (pairs of consecutive items). */
    public long pairs() {
        return pairs;
    }

    /**
     * The mean negative log-likelihood of the training transitions under p(j | i) = count(i -&gt; j) /
     * out(i), in nats: what the trainer reports as this model's loss. 0 without transitions.
     */
    public double trainingLoss() {
        if (pairs == 0) {
            return 0;
        }
        double nll = 0;
        for (int i = 1; i <= transitions.numItems(); i++) {
            long out = outCount(i);
            for (int k = transitions.indptr()[i]; k < transitions.indptr()[i + 1]; k++) {
                double c = transitions.counts()[k];
                if (c > 0) {
                    nll -= c * Math.log(c / out);
                }
            }
        }
        return nll / pairs;
    }
}
