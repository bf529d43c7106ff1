package org.seqrec.trainer.bench;

import java.util.List;
import org.seqrec.trainer.eval.EvaluationResult;
import org.seqrec.trainer.train.EpochRecord;
import org.seqrec.trainer.train.Training;

/**
 * What one configuration of a benchmark gave: its learning curve, the epoch kept and the test
 * metrics of the kept model under every protocol; or, when it failed, why.
 *
 * @param config the configuration
 * @param epochs every finished epoch (loss, validation metrics, seconds); empty if training failed
 * @param bestEpoch the epoch kept (by validation NDCG@10); 0 if training failed
 * @param stoppedEarly whether early stopping ended training before the last epoch
 * @param trainSeconds wall-clock seconds of training, per-epoch validation included
 * @param evaluateSeconds wall-clock seconds of the test evaluation
 * @param test the kept model's test metrics per variant; null if it failed
 * @param artifact the written {@code <name>.seqrec} ({@code --keep-models}), else null
 * @param error why it failed, or null
 */
public record ConfigResult(
        BenchmarkConfig config,
        List<EpochRecord> epochs,
        int bestEpoch,
        boolean stoppedEarly,
        double trainSeconds,
        double evaluateSeconds,
        EvaluationResult test,
        String artifact,
        String error) {
    public ConfigResult {
        epochs = List.copyOf(epochs);
        if ((test == null) == (error == null)) {
            throw new IllegalArgumentException("a result has test metrics or an error, not both or neither");
        }
    }

    /** A configuration whose training failed after {@code trainSeconds}. */
    public static ConfigResult failed(BenchmarkConfig config, double trainSeconds, String error) {
        return new ConfigResult(config, List.of(), 0, false, trainSeconds, 0, null, null, error);
    }

    public String name() {
        return config.name();
    }

    public boolean failed() {
        return error != null;
    }

    /** Validation NDCG@10 per finished epoch (NaN where it was not computed). */
    public double[] validationNdcg10() {
        return epochs.stream()
                .mapToDouble(e -> e.validation().getOrDefault(Training.SELECTION_METRIC, Double.NaN))
                .toArray();
    }
}
