package org.seqrec.trainer.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.SplittableRandom;
import org.seqrec.trainer.train.batch.TrainingBatch;

/**
 * {@code bce}: the SASRec paper's binary cross-entropy with one negative per position,
 * -log sigmoid(s+) - log(1 - sigmoid(s-)), averaged over target positions (Kang and McAuley, ICDM
 * 2018, eq. 9). As in the paper's code, the negative is drawn uniformly from the items the user
 * never interacted with in the training sequence ({@link NegativeSampling#outsideSequence}).
 */
final class BinaryCrossEntropy implements TrainingLoss {
    private final int numItems;

    /** @param numItems n, negatives come from rows 1..n */
    BinaryCrossEntropy(int numItems) {
        this.numItems = numItems;
    }

    @Override
    public NDArray compute(NDArray hidden, NDArray items, TrainingBatch batch, SplittableRandom random) {
        return compute(hidden, items, batch, NegativeSampling.outsideSequence(batch, numItems, random));
    }

    /** The loss for given negatives, one item row per target position. */
    NDArray compute(NDArray hidden, NDArray items, TrainingBatch batch, long[] negatives) {
        NDArray h = LossOps.atTargets(hidden, batch);
        NDArray pos = LossOps.positiveLogits(h, items, batch);
        NDArray neg = LossOps.negativeLogits(h, items, negatives, 1).squeeze(1);
        // -log s(x) = softplus(-x) and -log(1 - s(x)) = softplus(x), both numerically stable
        return Activation.softPlus(pos.neg()).add(Activation.softPlus(neg)).mean();
    }
}
