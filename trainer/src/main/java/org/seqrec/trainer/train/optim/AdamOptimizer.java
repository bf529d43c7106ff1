package org.seqrec.trainer.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.Networks;
import org.seqrec.trainer.train.checkpoint.ParameterCopy;

/**
 * Adam (Kingma and Ba, ICLR 2015) with an L2 penalty, through DJL's fused {@code adamUpdate}
 * operator: g' = g + wd * w; m = b1 m + (1 - b1) g'; v = b2 v + (1 - b2) g'^2;
 * w = w - lr * sqrt(1 - b2^t) / (1 - b1^t) * m / (sqrt(v) + eps). The same arithmetic as DJL's own
 * {@code Adam}, but this class owns the moment estimates m and v and the step count t, so that a
 * checkpoint can save and restore them ({@link #moments}, {@link #restore}). The operator also sets
 * each parameter's gradient back to zero, ready for the next backward pass (DJL's PyTorch engine
 * does so in {@code adamUpdate}; StepRunnerTests checks it).
 *
 * <p>Native memory: m and v are created on the manager of each parameter (the run's base manager)
 * and live as long as it. Not thread-safe.
 */
public final class AdamOptimizer {
    static final float BETA1 = 0.9f;
    static final float BETA2 = 0.999f;
    static final float EPSILON = 1e-8f;

    private final float learningRate;
    private final float weightDecay;
    private final Map<String, NDArray> means = new LinkedHashMap<>();
    private final Map<String, NDArray> variances = new LinkedHashMap<>();
    private int step;

    /** @param parameters the parameters to optimise, by name; m and v start at zero */
    public AdamOptimizer(float learningRate, float weightDecay, Map<String, NDArray> parameters) {
        this.learningRate = learningRate;
        this.weightDecay = weightDecay;
        parameters.forEach((name, p) -> {
            means.put(name, p.zerosLike());
            variances.put(name, p.zerosLike());
        });
    }

    /** Applies one step to every parameter in place, given its gradient (same names, same shapes). */
    public void update(Map<String, NDArray> parameters, Map<String, NDArray> gradients) {
        step++;
        float corrected = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step)));
        parameters.forEach((name, p) -> p.getNDArrayInternal()
                .adamUpdate(
                        new NDList(p, gradients.get(name), means.get(name), variances.get(name)),
                        new NDList(p),
                        learningRate,
                        corrected,
                        weightDecay,
                        1f,
                        -1f,
                        BETA1,
                        BETA2,
                        EPSILON,
                        true,
                        false));
    }

    /** t, the number of steps taken. */
    public int step() {
        return step;
    }

    /** Copies of m ({@code mean.<name>}) and v ({@code variance.<name>}) for a checkpoint. */
    public Map<String, FloatTensor> moments() {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        means.forEach((name, a) -> out.put("mean." + name, Networks.toTensor(a)));
        variances.forEach((name, a) -> out.put("variance." + name, Networks.toTensor(a)));
        return out;
    }

    /** Restores t, m and v as saved by {@link #moments}; IllegalArgumentException if one is missing. */
    public void restore(int steps, Map<String, FloatTensor> moments) {
        this.step = steps;
        means.forEach((name, a) -> ParameterCopy.into(a, moments.get("mean." + name), "mean." + name));
        variances.forEach((name, a) -> ParameterCopy.into(a, moments.get("variance." + name), "variance." + name));
    }
}
