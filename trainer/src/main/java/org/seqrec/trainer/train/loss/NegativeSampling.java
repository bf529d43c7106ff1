package org.seqrec.trainer.train.loss;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.seqrec.trainer.train.batch.TrainingBatch;

/** Uniform negative item rows for the sampled losses, drawn in Java so that a seed fixes them. */
final class NegativeSampling {
    /** Redraws allowed per negative when avoiding a user's items, so a user of every item cannot loop. */
    private static final int MAX_TRIES = 100;

    private NegativeSampling() {}

    /** {@code count} rows drawn uniformly with replacement from 1..n. */
    static long[] uniform(int count, int numItems, SplittableRandom random) {
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            out[i] = 1 + random.nextInt(numItems);
        }
        return out;
    }

    /**
     * k rows per target, uniform over the n - 1 rows other than that target: (N x k), row i for
     * target i. Draws from 1..n-1 and shifts values at or above the target up by one, which is
     * exactly uniform without a rejection loop.
     *
     * @param numItems n, at least 2
     */
    static long[] excludingTargets(long[] targets, int k, int numItems, SplittableRandom random) {
        long[] out = new long[targets.length * k];
        for (int i = 0; i < targets.length; i++) {
            for (int j = 0; j < k; j++) {
                long candidate = 1 + random.nextInt(numItems - 1);
                out[i * k + j] = candidate >= targets[i] ? candidate + 1 : candidate;
            }
        }
        return out;
    }

    /**
     * One row per target position, uniform over 1..n and redrawn (up to {@value #MAX_TRIES} times)
     * while it is an item of that position's training sequence, as in the SASRec paper's sampler.
     */
    static long[] outsideSequence(TrainingBatch batch, int numItems, SplittableRandom random) {
        long[] out = new long[batch.size()];
        Map<Integer, Set<Integer>> seen = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            Set<Integer> items = seen.computeIfAbsent(batch.sequenceOf(batch.positions()[i]), s -> {
                Set<Integer> set = new HashSet<>();
                for (int item : batch.sequences().get(s)) {
                    set.add(item);
                }
                return set;
            });
            int candidate;
            int tries = 0;
            do {
                candidate = 1 + random.nextInt(numItems);
            } while (items.contains(candidate) && ++tries < MAX_TRIES);
            out[i] = candidate;
        }
        return out;
    }
}
