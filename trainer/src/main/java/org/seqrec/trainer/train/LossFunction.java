package org.seqrec.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Next-item training objectives over the hidden states h (N, D) of the N positions with a target,
 * scored against the tied item embeddings E (n + 1, D).
 *
 * <ul>
 *   <li>{@code ce}: full softmax cross-entropy over every item, -log softmax(h E^T)[target]. The
 *       strongest objective for SASRec-style models (Klenitskiy and Vasilev, RecSys 2023); cost
 *       grows with the catalogue, fine up to a few hundred thousand items.
 *   <li>{@code bce}: the SASRec paper's binary cross-entropy with one uniformly sampled negative the
 *       user never interacted with, -log s(h.E+) - log(1 - s(h.E-)). Cheap, weaker.
 * </ul>
 */
enum LossFunction {
    CE,
    BCE;

    static LossFunction parse(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("loss must be one of ce, bce; got '" + name + "'");
        }
    }

    /**
     * @param hidden (N, D) hidden states at target positions
     * @param items E, (n + 1, D)
     * @return the scalar mean loss, on the manager of {@code hidden}
     */
    NDArray compute(NDArray hidden, NDArray items, TrainingBatch batch, SplittableRandom random) {
        NDManager m = hidden.getManager();
        NDArray positives = m.create(batch.positiveItems());
        return switch (this) {
            case CE -> {
                NDArray logits = Linear.linear(hidden, items).singletonOrThrow();
                NDArray logProbs = logits.logSoftmax(-1);
                yield logProbs.gather(positives.reshape(-1, 1), 1).mean().neg();
            }
            case BCE -> {
                long[] negatives = sampleNegatives(batch, Math.toIntExact(items.getShape().get(0) - 1), random);
                // Scores of the positive and the negative item of each position, picked from h E^T
                NDArray logits = Linear.linear(hidden, items).singletonOrThrow();
                NDArray pos = logits.gather(positives.reshape(-1, 1), 1);
                NDArray neg = logits.gather(m.create(negatives).reshape(-1, 1), 1);
                // -log s(x) = softplus(-x) and -log(1 - s(x)) = softplus(x)
                yield softplus(pos.neg()).add(softplus(neg)).mean();
            }
        };
    }

    /** log(1 + e^x), PyTorch's numerically stable softplus. */
    private static NDArray softplus(NDArray x) {
        return Activation.softPlus(x);
    }

    /** One uniform negative per position, redrawn while it is an item of that user's sequence. */
    private static long[] sampleNegatives(TrainingBatch batch, int numItems, SplittableRandom random) {
        long[] out = new long[batch.positions().length];
        Map<Integer, Set<Integer>> seen = new HashMap<>();
        for (int i = 0; i < out.length; i++) {
            int seq = batch.sequenceOf(batch.positions()[i]);
            Set<Integer> items = seen.computeIfAbsent(seq, s -> {
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
            } while (items.contains(candidate) && ++tries < 100);
            out[i] = candidate;
        }
        return out;
    }
}
