package org.seqrec.trainer.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.SplittableRandom;
import org.seqrec.trainer.train.batch.TrainingBatch;

/**
 * {@code sampled-ce}: softmax cross-entropy over the target and k negatives,
 * -log(e^{s+} / (e^{s+} + sum_j e^{s_j})), averaged over target positions. The k negatives are drawn
 * uniformly with replacement from items 1..n once per sequence and SHARED by all its positions, so
 * the negative logits of a batch are one (B, L, D) x (B, D, k) product instead of a (N, n + 1)
 * matrix. A negative that equals a position's own target is left out of that position's softmax
 * (its logit gets -1e9); negatives are not checked against the rest of the user's history.
 */
final class SampledCrossEntropy implements TrainingLoss {
    /** Added to the logit of a negative that is the position's own target: e^(s - 1e9) = 0. */
    private static final float EXCLUDED = -1e9f;

    private final int negatives;
    private final int numItems;

    /**
     * @param negatives k, negatives per sequence, at least 1
     * @param numItems n, negatives come from rows 1..n
     */
    SampledCrossEntropy(int negatives, int numItems) {
        this.negatives = negatives;
        this.numItems = numItems;
    }

    @Override
    public NDArray compute(NDArray hidden, NDArray items, TrainingBatch batch, SplittableRandom random) {
        return compute(hidden, items, batch, NegativeSampling.uniform(batch.batchSize() * negatives, numItems, random));
    }

    /** The loss for given negatives: (B x k) item rows, row b for sequence b. */
    NDArray compute(NDArray hidden, NDArray items, TrainingBatch batch, long[] sampled) {
        NDManager m = hidden.getManager();
        long b = hidden.getShape().get(0);
        long len = hidden.getShape().get(1);
        int k = sampled.length / batch.batchSize();
        // (B, L, D) x (B, D, k) -> (B, L, k), then the N target positions -> (N, k)
        NDArray negRows = LossOps.rows(items, m.create(sampled, new Shape(b, k)));
        NDArray all = hidden.matMul(negRows.transpose(0, 2, 1)).reshape(b * len, k);
        NDArray neg = LossOps.rows(all, m.create(batch.positions()));
        float[] excluded = targetCollisions(batch, sampled, k);
        if (excluded != null) {
            neg = neg.add(m.create(excluded, new Shape(batch.size(), k)));
        }
        NDArray pos = LossOps.positiveLogits(LossOps.atTargets(hidden, batch), items, batch)
                .reshape(-1, 1);
        // column 0 holds the target: its log-probability among 1 + k candidates
        return pos.concat(neg, 1).logSoftmax(-1).get(":, 0").mean().neg();
    }

    /** (N x k) with {@link #EXCLUDED} where a negative is the position's target, or null if none is. */
    private static float[] targetCollisions(TrainingBatch batch, long[] sampled, int k) {
        float[] out = null;
        for (int i = 0; i < batch.size(); i++) {
            int seq = batch.sequenceOf(batch.positions()[i]);
            long target = batch.targets()[i];
            for (int j = 0; j < k; j++) {
                if (sampled[seq * k + j] == target) {
                    if (out == null) {
                        out = new float[batch.size() * k];
                    }
                    out[i * k + j] = EXCLUDED;
                }
            }
        }
        return out;
    }
}
