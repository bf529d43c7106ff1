package org.seqrec.trainer.train.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.nn.RankingConfig;
import org.seqrec.nn.RankingNetwork;
import org.seqrec.trainer.train.batch.TrainingBatch;

/**
 * The ranking objective on a network whose logits are all 0 (so the sampled-ce part is log(1 + k)
 * whatever the draws): with user vectors (BST) the retrieval model's full cross-entropy is added,
 * worked out by hand as in {@link TrainingLossTests}: E = [pad 0 0; 1 0; 0 1; 1 1], user vectors
 * (1, 2), (0, 1), (1, 1) with targets 2, 1, 3.
 */
class CandidateLossTests {
    private static final int K = 4;
    private static NDManager manager;

    @BeforeAll
    static void open() {
        DjlRuntime.configure(null, 1);
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    void aRankerWithoutUserVectorsTrainsTheRankingLossAlone() {
        assertEquals(Math.log(1 + K), loss(false), 1e-5);
    }

    @Test
    void aRankerWithARetrievalModelInsideAlsoTrainsItsCrossEntropy() {
        double e = Math.E;
        double ce = (Math.log(1 + e + e * e + e * e * e) - 2)
                + (Math.log(1 + 1 + e + e) - 0)
                + (Math.log(1 + e + e + e * e) - 2);
        assertEquals(Math.log(1 + K) + ce / 3, loss(true), 1e-5);
    }

    /**
     * With pools, each candidate's logit is corrected by log Q, its expected count among the k draws:
     * (k - hard) / n uniform, plus hard / |pool| for an item of the position's pool.
     */
    @Test
    void poolItemsAreCorrectedForHowOftenTheyAreDrawn() {
        TrainingBatch batch = batch();
        int[][] bySequence = new int[3][];
        bySequence[2] = new int[] {1, 3};
        CandidateLoss pooled = CandidateLoss.of(Loss.SAMPLED_CE, K, 10, "bst")
                .withPools(new IdentityHashMap<>(Map.of(batch.sequences().get(1), bySequence)));
        // positions 1 (sequence 0, no pool) and 2, 3 (sequence 1: targets at indices 1 and 2, pool at 2)
        long[] candidates = {
            2, 1, 3, 4, 5, //
            1, 3, 4, 5, 6, //
            3, 1, 4, 5, 6
        };
        float[] logQ = pooled.logProposal(batch, candidates, K);
        double uniform = Math.log(4.0 / 10);
        double uniformHalf = Math.log(2.0 / 10);
        double inPool = Math.log(2.0 / 10 + 2.0 / 2);
        float[] expected = {
            (float) uniform, (float) uniform, (float) uniform, (float) uniform, (float) uniform,
            (float) uniform, (float) uniform, (float) uniform, (float) uniform, (float) uniform,
            (float) inPool, (float) inPool, (float) uniformHalf, (float) uniformHalf, (float) uniformHalf
        };
        assertArrayEquals(expected, logQ, 1e-6f);
    }

    private static TrainingBatch batch() {
        return new TrainingBatch(
                2,
                2,
                new long[] {1, 2, 1, 2},
                new long[] {1, 2, 3},
                new long[] {2, 1, 3},
                List.of(new int[] {1, 2}, new int[] {1, 2, 3}));
    }

    private static double loss(boolean withUsers) {
        RankingNetwork network = new RankingNetwork() {
            @Override
            public RankingConfig config() {
                throw new UnsupportedOperationException();
            }

            @Override
            public NDArray logits(NDArray rows, NDArray positions, NDArray candidates, boolean training) {
                return logitsAndUserVectors(rows, positions, candidates, training)[0];
            }

            @Override
            public NDArray[] logitsAndUserVectors(
                    NDArray rows, NDArray positions, NDArray candidates, boolean training) {
                NDArray logits = rows.getManager().zeros(candidates.getShape());
                NDArray users = rows.getManager().create(new float[] {1, 2, 0, 1, 1, 1}, new Shape(3, 2));
                NDArray items = rows.getManager().create(new float[] {0, 0, 1, 0, 0, 1, 1, 1}, new Shape(4, 2));
                return new NDArray[] {logits, withUsers ? users : null, withUsers ? items : null};
            }

            @Override
            public NDArray itemEmbeddings() {
                throw new UnsupportedOperationException("the loss reads the pass's item table");
            }

            @Override
            public Map<String, NDArray> parameters() {
                return Map.of();
            }
        };
        TrainingBatch batch = batch();
        try (NDManager m = manager.newSubManager()) {
            return CandidateLoss.of(Loss.SAMPLED_CE, K, 3, "bst")
                    .compute(network, m, batch, new SplittableRandom(1))
                    .getFloat();
        }
    }
}
