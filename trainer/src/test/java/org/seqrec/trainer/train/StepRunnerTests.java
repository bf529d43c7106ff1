package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.SequenceNetwork;
import org.seqrec.trainer.train.batch.BatchMaker;
import org.seqrec.trainer.train.batch.TrainingBatch;
import org.seqrec.trainer.train.loss.Loss;
import org.seqrec.trainer.train.optim.AdamOptimizer;

class StepRunnerTests {
    @Test
    void aStepUpdatesEveryParameterAndLeavesNoGradientBehind() {
        DjlRuntime.configure(null, 1);
        try (NDManager root = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = new SasRecConfig(6, 4, 3, 1, 1, 0f).initialize(root, 1);
            net.parameters().values().forEach(p -> p.setRequiresGradient(true));
            AdamOptimizer adam = new AdamOptimizer(0.01f, 0f, net.parameters());
            StepRunner steps = new StepRunner(DjlRuntime.engine(), net, Loss.CE.create(0, 0f, 6), adam, 0.5f);
            TrainingBatch batch = BatchMaker.nextItem(3).make(List.of(new int[] {1, 2, 3, 4}, new int[] {5, 6}), null);
            float before = net.itemEmbeddings().getFloat(1, 0);
            float first = steps.step(root, batch, new SplittableRandom(1));
            assertNotEquals(before, net.itemEmbeddings().getFloat(1, 0));
            for (int i = 0; i < 20; i++) {
                steps.step(root, batch, new SplittableRandom(1));
            }
            // DJL's PyTorch collector accumulates gradients; the Adam step must leave them cleared
            for (NDArray p : net.parameters().values()) {
                try (NDArray g = p.getGradient()) {
                    assertEquals(0f, g.abs().sum().getFloat());
                }
            }
            assertTrue(steps.step(root, batch, new SplittableRandom(1)) < first, "the loss of a repeated batch falls");
            assertEquals(22, adam.step());
        }
    }
}
