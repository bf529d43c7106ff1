package org.seqrec.trainer.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.core.Linear;
import java.util.SplittableRandom;
import org.seqrec.trainer.train.batch.TrainingBatch;

/**
 * {@code ce}: softmax cross-entropy over the whole catalogue, -log softmax(h E^T)[target], averaged
 * over target positions. The strongest objective for SASRec-style models (Klenitskiy and Vasilev,
 * "Turning Dross Into Gold Loss: is BERT4Rec really better than SASRec?", RecSys 2023); it builds
 * the (N, n + 1) logit matrix, so memory and time grow with the catalogue. The padding row 0 takes
 * part in the softmax as one more class (it is never a target, so training pushes it down).
 */
final class FullCrossEntropy implements TrainingLoss {
    @Override
    public NDArray compute(NDArray hidden, NDArray items, TrainingBatch batch, SplittableRandom random) {
        NDArray h = LossOps.atTargets(hidden, batch);
        NDArray logProbs = Linear.linear(h, items).singletonOrThrow().logSoftmax(-1);
        NDArray targets = h.getManager().create(batch.targets()).reshape(-1, 1);
        return logProbs.gather(targets, 1).mean().neg();
    }
}
