package org.seqrec.trainer.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.encoder.DjlRuntime;

class AdamOptimizerTests {
    @Test
    void firstStepMovesEachWeightByTheLearningRateAgainstItsGradient() {
        DjlRuntime.configure(null, 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray w = m.create(new float[] {1f, -2f});
            AdamOptimizer adam = new AdamOptimizer(0.1f, 0f, Map.of("w", w));
            adam.update(Map.of("w", w), Map.of("w", m.create(new float[] {0.5f, -3f})));
            // m-hat / sqrt(v-hat) = sign(g) on the first step
            assertArrayEquals(new float[] {0.9f, -1.9f}, w.toFloatArray(), 1e-6f);
            assertEquals(1, adam.step());
        }
    }

    @Test
    void weightDecayIsAnL2TermAddedToTheGradient() {
        DjlRuntime.configure(null, 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // g' = g + wd * w = -0.05 + 0.1 * 1 = 0.05 > 0: the step goes down although g < 0
            NDArray w = m.create(new float[] {1f});
            new AdamOptimizer(0.1f, 0.1f, Map.of("w", w))
                    .update(Map.of("w", w), Map.of("w", m.create(new float[] {-0.05f})));
            assertArrayEquals(new float[] {0.9f}, w.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void matchesDjlsAdamStepForStepAndRestoresItsState() {
        DjlRuntime.configure(null, 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray ours = m.create(new float[] {0.3f, -0.7f, 1.1f});
            NDArray djls = ours.duplicate();
            AdamOptimizer adam = new AdamOptimizer(0.01f, 0f, Map.of("w", ours));
            Optimizer reference = Optimizer.adam()
                    .optLearningRateTracker(Tracker.fixed(0.01f))
                    .build();
            float[][] grads = {{0.1f, -0.2f, 0.3f}, {-0.5f, 0.1f, 0f}, {2f, 2f, -1f}};
            Map<String, FloatTensor> moments = null;
            float[] afterTwo = null;
            for (int t = 0; t < grads.length; t++) {
                adam.update(Map.of("w", ours), Map.of("w", m.create(grads[t])));
                reference.update("w", djls, m.create(grads[t]));
                assertArrayEquals(djls.toFloatArray(), ours.toFloatArray(), 1e-7f, "step " + (t + 1));
                if (t == 1) {
                    moments = adam.moments();
                    afterTwo = ours.toFloatArray();
                }
            }
            // a fresh optimiser restored after step 2 takes the same third step
            NDArray resumed = m.create(afterTwo);
            AdamOptimizer restored = new AdamOptimizer(0.01f, 0f, Map.of("w", resumed));
            restored.restore(2, moments);
            restored.update(Map.of("w", resumed), Map.of("w", m.create(grads[2])));
            assertArrayEquals(ours.toFloatArray(), resumed.toFloatArray(), 0f);
        }
    }
}
