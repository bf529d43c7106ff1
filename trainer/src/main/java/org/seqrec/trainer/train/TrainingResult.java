package org.seqrec.trainer.train;

import java.util.List;
import org.seqrec.artifact.ModelArtifact;

/**
 * The outcome of {@link Training#train}.
 *
 * @param artifact the model with the parameters of the best epoch and its validation metrics
 * @param bestEpoch the epoch kept (by {@link Training#SELECTION_METRIC})
 * @param epochs every finished epoch, those of a resumed checkpoint included
 * @param stoppedEarly whether early stopping ended the run before the last epoch
 * @param resumedAfter the checkpoint's epoch this run continued from, 0 for a fresh run
 */
public record TrainingResult(
        ModelArtifact artifact, int bestEpoch, List<EpochRecord> epochs, boolean stoppedEarly, int resumedAfter) {
    public TrainingResult {
        epochs = List.copyOf(epochs);
    }
}
