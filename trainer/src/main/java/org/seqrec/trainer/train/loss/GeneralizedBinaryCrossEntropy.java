package org.seqrec.trainer.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import java.util.SplittableRandom;
import org.seqrec.trainer.train.batch.TrainingBatch;

/**
 * {@code gbce}: generalised binary cross-entropy of gSASRec (Petrov and Macdonald, "gSASRec:
 * Reducing Overconfidence in Sequential Recommendation Trained with Negative Sampling", RecSys
 * 2023, section 4, eq. 6-8). With k negatives per position, the sampling rate is
 * alpha = k / (n - 1) (n = |I|, the catalogue size) and the calibration parameter t in [0, 1] gives
 * beta = alpha * (t * (1 - 1/alpha) + 1/alpha). The loss of one position is
 *
 * <pre>
 *   L_gBCE = -( log(sigmoid(s+)^beta) + sum_{j=1..k} log(1 - sigmoid(s_j)) )
 *          = beta * softplus(-s+) + sum_j softplus(s_j)
 * </pre>
 *
 * averaged over target positions. t = 0 gives beta = 1, plain BCE with k negatives; t = 1 gives
 * beta = alpha, which the paper shows makes the predicted probabilities match the data (the
 * model's overconfidence from negative sampling disappears). The paper's code transforms the
 * positive logit to log(1 / (sigmoid(s+)^-beta - 1)) and applies BCE; that is the same quantity,
 * computed here directly as beta * softplus(-s+), which needs no clamping.
 *
 * <p>Negatives: k per position, uniform over the n - 1 items other than the position's target
 * ({@link NegativeSampling#excludingTargets}), not checked against the rest of the user's history.
 * When k exceeds n - 1, alpha is capped at 1 (every item is sampled about once), where beta = 1.
 * Memory: the (N, k, D) negative embeddings of a batch.
 */
final class GeneralizedBinaryCrossEntropy implements TrainingLoss {
    private final int negatives;
    private final int numItems;
    private final double beta;

    /**
     * @param negatives k, negatives per position, at least 1
     * @param t calibration, in [0, 1]
     * @param numItems n, at least 2 (a negative must differ from the target)
     */
    GeneralizedBinaryCrossEntropy(int negatives, double t, int numItems) {
        if (numItems < 2) {
            throw new IllegalArgumentException("--loss gbce needs at least 2 items, the data has " + numItems);
        }
        this.negatives = negatives;
        this.numItems = numItems;
        this.beta = beta(negatives, t, numItems);
    }

    /** beta = alpha (t (1 - 1/alpha) + 1/alpha) with alpha = min(1, k / (n - 1)). */
    static double beta(int negatives, double t, int numItems) {
        double alpha = Math.min(1.0, negatives / (double) (numItems - 1));
        return alpha * (t * (1 - 1 / alpha) + 1 / alpha);
    }

    double beta() {
        return beta;
    }

    @Override
    public NDArray compute(NDArray hidden, NDArray items, TrainingBatch batch, SplittableRandom random) {
        return compute(
                hidden, items, batch, NegativeSampling.excludingTargets(batch.targets(), negatives, numItems, random));
    }

    /** The loss for given negatives: (N x k) item rows, row i for target position i. */
    NDArray compute(NDArray hidden, NDArray items, TrainingBatch batch, long[] sampled) {
        NDArray h = LossOps.atTargets(hidden, batch);
        NDArray pos = LossOps.positiveLogits(h, items, batch);
        NDArray neg = LossOps.negativeLogits(h, items, sampled, sampled.length / batch.size());
        NDArray positive = Activation.softPlus(pos.neg()).mul(LossOps.scalar(h.getManager(), beta));
        return positive.add(Activation.softPlus(neg).sum(new int[] {1})).mean();
    }
}
