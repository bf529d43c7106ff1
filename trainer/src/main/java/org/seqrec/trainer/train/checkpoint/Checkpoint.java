package org.seqrec.trainer.train.checkpoint;

import java.util.List;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.trainer.train.EpochRecord;

/**
 * Everything needed to continue a run after a finished epoch, as {@link CheckpointStore} writes it.
 *
 * @param state the run's counters, configuration and best-so-far, stored as JSON
 * @param parameters the network's parameters at the end of the epoch, by name
 * @param moments Adam's m and v ({@code mean.<name>}, {@code variance.<name>})
 * @param bestParameters the parameters of the best epoch so far
 */
public record Checkpoint(
        State state,
        Map<String, FloatTensor> parameters,
        Map<String, FloatTensor> moments,
        Map<String, FloatTensor> bestParameters) {
    /** Version of the checkpoint layout; a different one is refused. */
    public static final int FORMAT = 1;

    /**
     * @param format {@link #FORMAT}
     * @param epoch the last finished epoch; the random streams of epoch + 1 follow from it ({@link EpochSeeds})
     * @param config the run's configuration ({@link CheckpointStore#comparable})
     * @param data fingerprint of the training sequences ({@link CheckpointStore#fingerprint})
     * @param adamSteps Adam's step count t
     * @param stoppedEarly whether early stopping ended the run at this epoch
     * @param bestEpoch the best epoch so far
     * @param bestScore its selection metric
     * @param bestMetrics its validation metrics
     * @param epochsSinceBest epochs finished since the best one
     * @param history every finished epoch
     */
    public record State(
            int format,
            int epoch,
            Map<String, String> config,
            String data,
            int adamSteps,
            boolean stoppedEarly,
            int bestEpoch,
            double bestScore,
            Map<String, Double> bestMetrics,
            int epochsSinceBest,
            List<EpochRecord> history) {}
}
