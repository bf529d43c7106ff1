package org.seqrec.trainer.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.trainer.train.EpochRecord;
import org.seqrec.trainer.train.TrainingListener;

/**
 * Records mean loss, validation metrics and duration of every epoch, for reports and plots.
 * Called on the training thread only; read it after training. Not thread-safe.
 */
public final class LearningCurve implements TrainingListener {
    /**
     * @param epoch 1-based
     * @param meanLoss mean batch loss
     * @param validation validation metrics (may be empty)
     * @param seconds wall time of the epoch, validation included
     */
    public record Epoch(int epoch, double meanLoss, Map<String, Double> validation, double seconds) {
        public Epoch {
            validation = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(validation));
        }
    }

    private final List<Epoch> epochs = new ArrayList<>();
    private long epochStartNanos;

    @Override
    public void epochStarted(int epoch, int batches) {
        epochStartNanos = System.nanoTime();
    }

    @Override
    public void batchDone(float loss) {
        // only epoch means are kept
    }

    @Override
    public void epochDone(int epoch, float meanLoss, Map<String, Double> validationMetrics) {
        epochs.add(new Epoch(epoch, meanLoss, validationMetrics, (System.nanoTime() - epochStartNanos) / 1e9));
    }

    /** A resumed run's earlier epoch, with the time it took then. */
    @Override
    public void epochRestored(EpochRecord e) {
        epochs.add(new Epoch(e.epoch(), e.meanLoss(), e.validation(), e.seconds()));
    }

    public List<Epoch> epochs() {
        return List.copyOf(epochs);
    }

    /** The mean losses in epoch order. */
    public double[] losses() {
        return epochs.stream().mapToDouble(Epoch::meanLoss).toArray();
    }

    /** One validation metric per epoch (NaN where it was not computed). */
    public double[] validation(String metric) {
        return epochs.stream()
                .mapToDouble(e -> e.validation().getOrDefault(metric, Double.NaN))
                .toArray();
    }
}
