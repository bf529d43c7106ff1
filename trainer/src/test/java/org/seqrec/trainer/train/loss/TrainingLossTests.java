package org.seqrec.trainer.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.trainer.train.batch.TrainingBatch;

/**
 * Every loss on one tiny batch whose value is worked out by hand below. n = 3 items, D = 2,
 * E = [pad 0 0; item1 1 0; item2 0 1; item3 1 1]. B = 2 sequences of L = 2 positions:
 * position 0 (sequence 0) has no target and a hidden state that would change every loss if it
 * leaked in; position 1 (seq 0) h = (1, 2), target 2; position 2 (seq 1) h = (0, 1), target 1;
 * position 3 (seq 1) h = (1, 1), target 3. Logits h . E[i] per position, rows 0..3:
 * p1 = (0, 1, 2, 3), p2 = (0, 0, 1, 1), p3 = (0, 1, 1, 2).
 */
class TrainingLossTests {
    private static final double E = Math.E;
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

    private static NDArray hidden() {
        return manager.create(new float[] {9, 9, 1, 2, 0, 1, 1, 1}, new Shape(2, 2, 2));
    }

    private static NDArray items() {
        return manager.create(new float[] {0, 0, 1, 0, 0, 1, 1, 1}, new Shape(4, 2));
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

    /** log(1 + e^x). */
    private static double softplus(double x) {
        return Math.log1p(Math.exp(x));
    }

    @Test
    void fullCrossEntropyIsTheMeanNegativeLogSoftmaxOfTheTargets() {
        double p1 = -(2 - Math.log(1 + E + E * E + E * E * E));
        double p2 = -(0 - Math.log(1 + 1 + E + E));
        double p3 = -(2 - Math.log(1 + E + E + E * E));
        float loss =
                new FullCrossEntropy().compute(hidden(), items(), batch(), null).getFloat();
        assertEquals((p1 + p2 + p3) / 3, loss, 1e-5);
    }

    @Test
    void sampledCrossEntropySharesNegativesPerSequenceAndDropsTheTarget() {
        // sequence 0 draws (3, 2), sequence 1 draws (1, 2); a negative equal to the target is left out
        double p1 = -(2 - Math.log(E * E + E * E * E)); // target 2 itself drawn: only item 3 (logit 3) competes
        double p2 = -(0 - Math.log(1 + E)); // target 1 drawn: only item 2 (logit 1) competes
        double p3 = -(2 - Math.log(E * E + E + E)); // items 1 and 2, logit 1 each
        float loss = new SampledCrossEntropy(2, 3)
                .compute(hidden(), items(), batch(), new long[] {3, 2, 1, 2})
                .getFloat();
        assertEquals((p1 + p2 + p3) / 3, loss, 1e-5);
    }

    @Test
    void binaryCrossEntropyUsesOneNegativePerPosition() {
        // negatives 3, 2, 1: -log s(s+) - log(1 - s(s-)) = softplus(-s+) + softplus(s-)
        double p1 = softplus(-2) + softplus(3);
        double p2 = softplus(0) + softplus(1);
        double p3 = softplus(-2) + softplus(1);
        float loss = new BinaryCrossEntropy(3)
                .compute(hidden(), items(), batch(), new long[] {3, 2, 1})
                .getFloat();
        assertEquals((p1 + p2 + p3) / 3, loss, 1e-5);
    }

    @Test
    void generalizedBceScalesThePositiveTermByBeta() {
        // k = 1, n = 3: alpha = 1 / 2; t = 0.5: beta = 0.5 * (0.5 * (1 - 2) + 2) = 0.75
        GeneralizedBinaryCrossEntropy gbce = new GeneralizedBinaryCrossEntropy(1, 0.5, 3);
        assertEquals(0.75, gbce.beta(), 1e-12);
        // negatives 3, 3, 2 with logits 3, 1, 1
        double p1 = 0.75 * softplus(-2) + softplus(3);
        double p2 = 0.75 * softplus(0) + softplus(1);
        double p3 = 0.75 * softplus(-2) + softplus(1);
        float loss =
                gbce.compute(hidden(), items(), batch(), new long[] {3, 3, 2}).getFloat();
        assertEquals((p1 + p2 + p3) / 3, loss, 1e-5);
    }

    @Test
    void generalizedBceSumsItsNegatives() {
        // k = 2 (alpha capped at 1, beta = 1): p1 with negatives 1 and 3 (logits 1, 3), and so on
        double p1 = softplus(-2) + softplus(1) + softplus(3);
        double p2 = softplus(0) + softplus(1) + softplus(1);
        double p3 = softplus(-2) + softplus(1) + softplus(1);
        float loss = new GeneralizedBinaryCrossEntropy(2, 0.75, 3)
                .compute(hidden(), items(), batch(), new long[] {1, 3, 2, 3, 1, 2})
                .getFloat();
        assertEquals((p1 + p2 + p3) / 3, loss, 1e-5);
    }

    @Test
    void betaFollowsThePaper() {
        // t = 0: plain BCE; t = 1: beta = alpha; gSASRec's default k = 256, t = 0.75 on 10,001 items
        assertEquals(1.0, GeneralizedBinaryCrossEntropy.beta(256, 0.0, 10_001), 1e-12);
        assertEquals(0.0256, GeneralizedBinaryCrossEntropy.beta(256, 1.0, 10_001), 1e-12);
        assertEquals(
                0.0256 * (0.75 * (1 - 1 / 0.0256) + 1 / 0.0256),
                GeneralizedBinaryCrossEntropy.beta(256, 0.75, 10_001),
                1e-12);
        assertEquals(0.2692, GeneralizedBinaryCrossEntropy.beta(256, 0.75, 10_001), 1e-4);
    }

    @Test
    void lossesDrawTheirNegativesFromTheRandomStream() {
        // same seed, same loss; the full CE draws nothing
        for (TrainingLoss loss : List.of(
                new SampledCrossEntropy(4, 3),
                new BinaryCrossEntropy(3),
                new GeneralizedBinaryCrossEntropy(4, 0.75, 3))) {
            float a = loss.compute(hidden(), items(), batch(), new java.util.SplittableRandom(5))
                    .getFloat();
            float b = loss.compute(hidden(), items(), batch(), new java.util.SplittableRandom(5))
                    .getFloat();
            assertEquals(a, b, loss.getClass().getSimpleName());
        }
    }
}
