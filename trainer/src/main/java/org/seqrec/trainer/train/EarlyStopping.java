package org.seqrec.trainer.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.seqrec.artifact.FloatTensor;

/**
 * Keeps the best epoch so far (by the validation selection metric, higher is better; ties keep the
 * earlier epoch) with a heap copy of its parameters, and says when to stop: after {@code patience}
 * epochs in a row without a better score. Patience 0 never stops. Not thread-safe.
 */
final class EarlyStopping {
    private final int patience;
    private int bestEpoch;
    private double bestScore = Double.NEGATIVE_INFINITY;
    private Map<String, Double> bestMetrics = Map.of();
    private Map<String, FloatTensor> bestParameters;
    private int epochsSinceBest;

    /** @param patience epochs without improvement before stopping, 0 = never stop early */
    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /**
     * Records a finished epoch; takes a snapshot only when it is the new best.
     *
     * @param score the selection metric (NaN never improves, except on the first epoch)
     * @param snapshot supplies the parameters to keep
     * @return whether this epoch is the new best
     */
    boolean record(int epoch, double score, Map<String, Double> metrics, Supplier<Map<String, FloatTensor>> snapshot) {
        if (bestParameters == null || score > bestScore) {
            bestEpoch = epoch;
            bestScore = score;
            bestMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            bestParameters = snapshot.get();
            epochsSinceBest = 0;
            return true;
        }
        epochsSinceBest++;
        return false;
    }

    /** Whether {@code patience} epochs passed without improvement (never when patience is 0). */
    boolean shouldStop() {
        return patience > 0 && epochsSinceBest >= patience;
    }

    /** Restores the state saved in a checkpoint. */
    void restore(
            int epoch, double score, Map<String, Double> metrics, int sinceBest, Map<String, FloatTensor> parameters) {
        bestEpoch = epoch;
        bestScore = score;
        bestMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        epochsSinceBest = sinceBest;
        bestParameters = parameters;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestScore() {
        return bestScore;
    }

    Map<String, Double> bestMetrics() {
        return bestMetrics;
    }

    /** The best epoch's parameters, or null before the first epoch. */
    Map<String, FloatTensor> bestParameters() {
        return bestParameters;
    }

    int epochsSinceBest() {
        return epochsSinceBest;
    }
}
