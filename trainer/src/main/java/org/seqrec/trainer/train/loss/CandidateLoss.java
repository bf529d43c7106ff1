package org.seqrec.trainer.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqrec.nn.RankingNetwork;
import org.seqrec.trainer.train.batch.TrainingBatch;

/**
 * The objective of a ranking network ({@link RankingNetwork}): every target position of a next-item
 * batch is a query whose candidates are its target and k negatives, drawn uniformly from the other
 * items per position ({@link NegativeSampling#excludingTargets}); the network scores them with the
 * history up to that position. {@code sampled-ce}: softmax cross-entropy over the 1 + k candidates;
 * {@code bce}: one negative, {@code softplus(-s+) + softplus(s-)}. Both averaged over the positions.
 * With pools ({@link #withPools}), half of the negatives are hard ones, from a retrieval model, and
 * sampled-ce corrects the logits by the log of each candidate's chance of being drawn. A
 * network with user vectors inside ({@link RankingNetwork#logitsAndUserVectors}: BST's SASRec,
 * DIEN's interest extractor) also trains them on the next item, full cross-entropy of
 * {@code u E^T}, added to the loss.
 *
 * <p>Full cross-entropy ({@code ce}) would score every item at every position, which a model that
 * reads the history per candidate cannot afford, and {@code gbce}'s calibration assumes a dot-product
 * model: both are refused. Stateless; negatives come from the caller's stream.
 */
public final class CandidateLoss {
    private final Loss loss;
    private final int negatives;
    private final int numItems;
    /** Each training sequence (by identity) to its hard-negative pool per target index; empty without. */
    private final Map<int[], int[][]> pools;

    private CandidateLoss(Loss loss, int negatives, int numItems, Map<int[], int[][]> pools) {
        this.loss = loss;
        this.negatives = negatives;
        this.numItems = numItems;
        this.pools = pools;
    }

    /**
     * @param negatives k, per position, read by {@code sampled-ce}
     * @throws IllegalArgumentException for {@code ce} and {@code gbce}, or a catalogue of one item
     */
    public static CandidateLoss of(Loss loss, int negatives, int numItems, String modelType) {
        check(loss, modelType);
        if (numItems < 2) {
            throw new IllegalArgumentException("a ranking model needs at least 2 items to draw negatives");
        }
        return new CandidateLoss(loss, negatives, numItems, Map.of());
    }

    /**
     * The same loss drawing half of each position's negatives (rounded up) from its pool: the items a
     * retrieval model ranks highest for that user at that point, which are what the ranking model
     * will have to tell apart when it reranks them. A pool item that is the position's target is
     * replaced by a uniform draw.
     *
     * @param pools each training sequence (by identity) to its pools of item rows, indexed by the
     *     target's index in the sequence; a sequence or index without one draws uniformly
     */
    public CandidateLoss withPools(Map<int[], int[][]> pools) {
        return new CandidateLoss(loss, negatives, numItems, pools);
    }

    /** @throws IllegalArgumentException for a loss a ranking model does not train with */
    public static void check(Loss loss, String modelType) {
        if (loss != Loss.SAMPLED_CE && loss != Loss.BCE) {
            throw new IllegalArgumentException("--loss " + loss.id() + " does not apply to the ranking model "
                    + modelType + ": use " + Loss.SAMPLED_CE.id() + " (its default) or " + Loss.BCE.id());
        }
    }

    /** The batch's mean loss; every array belongs to {@code m}. */
    public NDArray compute(RankingNetwork network, NDManager m, TrainingBatch batch, SplittableRandom random) {
        int k = loss == Loss.BCE ? 1 : negatives;
        long[] targets = batch.targets();
        long[] drawn = NegativeSampling.excludingTargets(targets, k, numItems, random);
        if (!pools.isEmpty()) {
            int hard = (k + 1) / 2;
            for (int i = 0; i < targets.length; i++) {
                int[] pool = poolOf(batch, i);
                for (int j = 0; pool != null && pool.length > 0 && j < hard; j++) {
                    int pick = pool[random.nextInt(pool.length)];
                    if (pick != targets[i]) {
                        drawn[i * k + j] = pick;
                    }
                }
            }
        }
        long[] candidates = new long[targets.length * (k + 1)];
        for (int i = 0; i < targets.length; i++) {
            candidates[i * (k + 1)] = targets[i];
            System.arraycopy(drawn, i * k, candidates, i * (k + 1) + 1, k);
        }
        NDArray rows = m.create(batch.inputs(), new Shape(batch.batchSize(), batch.maxLen()));
        NDArray[] out = network.logitsAndUserVectors(
                rows, m.create(batch.positions()), m.create(candidates, new Shape(targets.length, k + 1)), true);
        NDArray logits = out[0];
        if (loss == Loss.SAMPLED_CE && !pools.isEmpty()) {
            logits = logits.sub(m.create(logProposal(batch, candidates, k), new Shape(targets.length, k + 1)));
        }
        NDArray ranking = loss == Loss.BCE
                ? Activation.softPlus(logits.get(":, 0").neg())
                        .add(Activation.softPlus(logits.get(":, 1")))
                        .mean()
                : logits.logSoftmax(-1).get(":, 0").mean().neg();
        if (out[1] == null) {
            return ranking;
        }
        return ranking.add(retrievalLoss(out[1], out[2], m.create(targets)));
    }

    /**
     * log Q(c) for each candidate of each position: the expected number of times the draw picks c,
     * {@code (k - hard) / n} from the uniform draws plus {@code hard / |pool|} when c is in the
     * position's pool. Subtracted from the logits (sampled softmax's correction, Yi et al. 2019) so
     * that the ranker does not learn the proposal: without it, items of a user's pool, drawn as
     * negatives far more often than the others, are pushed down for being there.
     */
    float[] logProposal(TrainingBatch batch, long[] candidates, int k) {
        int hard = (k + 1) / 2;
        float[] out = new float[candidates.length];
        for (int i = 0; i < candidates.length / (k + 1); i++) {
            int[] pool = poolOf(batch, i);
            boolean pooled = pool != null && pool.length > 0;
            double uniform = (double) (pooled ? k - hard : k) / numItems;
            for (int j = 0; j <= k; j++) {
                long c = candidates[i * (k + 1) + j];
                double q = uniform;
                if (pooled) {
                    for (int item : pool) {
                        if (item == c) {
                            q += (double) hard / pool.length;
                            break;
                        }
                    }
                }
                out[i * (k + 1) + j] = (float) Math.log(q);
            }
        }
        return out;
    }

    /** The pool of the batch's i-th target: right-aligned rows, so slot L - 1 predicts the last item. */
    private int[] poolOf(TrainingBatch batch, int i) {
        long position = batch.positions()[i];
        int[] sequence = batch.sequences().get(batch.sequenceOf(position));
        int[][] bySlot = pools.get(sequence);
        int index = sequence.length - batch.maxLen() + (int) (position % batch.maxLen());
        return bySlot == null || index < 0 || index >= bySlot.length ? null : bySlot[index];
    }

    /**
     * The retrieval model's own objective on its user vectors u (N, D): softmax cross-entropy of the
     * target over the whole catalogue ({@code ce}), so that training the ranker does not wear down
     * the retrieval scores it adds to.
     */
    private static NDArray retrievalLoss(NDArray u, NDArray items, NDArray targets) {
        NDArray logProbs = Linear.linear(u, items).singletonOrThrow().logSoftmax(-1);
        return logProbs.gather(targets.reshape(-1, 1), 1).mean().neg();
    }
}
