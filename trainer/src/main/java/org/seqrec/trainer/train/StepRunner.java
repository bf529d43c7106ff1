package org.seqrec.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqrec.nn.SequenceNetwork;
import org.seqrec.trainer.train.batch.TrainingBatch;
import org.seqrec.trainer.train.loss.TrainingLoss;
import org.seqrec.trainer.train.optim.AdamOptimizer;
import org.seqrec.trainer.train.optim.GradientClipping;

/**
 * One optimiser step: forward pass with dropout, loss, backward pass, optional global-norm
 * clipping, Adam update. DJL's PyTorch gradient collector adds into the parameters' gradients and
 * never clears them; the fused Adam operator does, after each update ({@link AdamOptimizer}).
 *
 * <p>Native memory: everything a step creates (inputs, activations, gradient handles) lives in a
 * sub-manager of {@code root} closed at the end of the step; parameters and Adam's state belong to
 * the caller's base manager. Not thread-safe.
 */
final class StepRunner {
    private final Engine engine;
    private final SequenceNetwork network;
    private final TrainingLoss loss;
    private final AdamOptimizer adam;
    private final float clipGradNorm;

    /**
     * @param clipGradNorm largest global gradient norm, 0 = no clipping
     */
    StepRunner(Engine engine, SequenceNetwork network, TrainingLoss loss, AdamOptimizer adam, float clipGradNorm) {
        this.engine = engine;
        this.network = network;
        this.loss = loss;
        this.adam = adam;
        this.clipGradNorm = clipGradNorm;
    }

    /**
     * Trains on one batch.
     *
     * @param random the epoch's stream for negatives
     * @return the batch's mean loss
     * @throws IllegalStateException when the loss is not finite (parameters are left unchanged; the run
     *     cannot go on)
     */
    float step(NDManager root, TrainingBatch batch, SplittableRandom random) {
        try (NDManager m = root.newSubManager()) {
            float value;
            try (GradientCollector gc = engine.newGradientCollector()) {
                NDArray rows = m.create(batch.inputs(), new Shape(batch.batchSize(), batch.maxLen()));
                SequenceNetwork.Pass pass = batch.timeCodes() == null
                        ? network.pass(rows, true)
                        : network.pass(
                                rows, m.create(batch.timeCodes(), new Shape(batch.batchSize(), batch.maxLen())), true);
                NDArray l = loss.compute(pass.states(), pass.items(), batch, random);
                gc.backward(l);
                value = l.getFloat();
            }
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            network.parameters().forEach((name, p) -> {
                NDArray g = p.getGradient();
                g.attach(m);
                gradients.put(name, g);
            });
            if (!Float.isFinite(value)) {
                throw new IllegalStateException(
                        "training diverged (loss " + value + "): lower --lr or set --clip-grad-norm");
            }
            if (clipGradNorm > 0) {
                GradientClipping.clip(gradients.values(), clipGradNorm);
            }
            adam.update(network.parameters(), gradients);
            return value;
        }
    }
}
