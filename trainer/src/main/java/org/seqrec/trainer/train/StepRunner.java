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
    /** The forward pass and loss of one batch: a scalar whose arrays belong to {@code m}. */
    @FunctionalInterface
    interface Objective {
        NDArray loss(NDManager m, TrainingBatch batch, SplittableRandom random);
    }

    private final Engine engine;
    private final Map<String, NDArray> parameters;
    private final Objective objective;
    private final AdamOptimizer adam;
    private final float clipGradNorm;

    /**
     * A sequence network's step: its pass over the batch (with time codes when the batch has them),
     * then {@code loss} over the hidden states.
     *
     * @param clipGradNorm largest global gradient norm, 0 = no clipping
     */
    StepRunner(Engine engine, SequenceNetwork network, TrainingLoss loss, AdamOptimizer adam, float clipGradNorm) {
        this(
                engine,
                network.parameters(),
                (m, batch, random) -> {
                    NDArray rows = m.create(batch.inputs(), new Shape(batch.batchSize(), batch.maxLen()));
                    SequenceNetwork.Pass pass = batch.timeCodes() == null
                            ? network.pass(rows, true)
                            : network.pass(
                                    rows,
                                    m.create(batch.timeCodes(), new Shape(batch.batchSize(), batch.maxLen())),
                                    true);
                    return loss.compute(pass.states(), pass.items(), batch, random);
                },
                adam,
                clipGradNorm);
    }

    /**
     * Any network's step.
     *
     * @param parameters what the gradients are read from and Adam updates
     * @param clipGradNorm largest global gradient norm, 0 = no clipping
     */
    StepRunner(
            Engine engine,
            Map<String, NDArray> parameters,
            Objective objective,
            AdamOptimizer adam,
            float clipGradNorm) {
        this.engine = engine;
        this.parameters = parameters;
        this.objective = objective;
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
                NDArray l = objective.loss(m, batch, random);
                gc.backward(l);
                value = l.getFloat();
            }
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            parameters.forEach((name, p) -> {
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
            adam.update(parameters, gradients);
            return value;
        }
    }
}
