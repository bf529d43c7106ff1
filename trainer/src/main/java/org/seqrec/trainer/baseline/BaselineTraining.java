package org.seqrec.trainer.baseline;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.model.CountingType;
import org.seqrec.model.ModelTypes;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.eval.ArtifactScorer;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.EpochRecord;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.TrainingListener;
import org.seqrec.trainer.train.TrainingResult;

/**
 * Fits a counting baseline ({@link CountingType}, from what it {@link CountingType.Counts counts}) on
 * the training sequences of a leave-one-out split and validates it like a network: one "epoch" (the
 * counting pass), whose loss
 * is the fitted model's training negative log-likelihood and whose validation metrics
 * ({@code val_full.*}, {@code val_full_excl_seen.*}) are computed through {@link SequenceEncoder}
 * on the exported artifact, i.e. exactly as it will be served. No DJL engine is loaded. Stateless.
 */
public final class BaselineTraining {
    private BaselineTraining() {}

    /**
     * @param cfg a configuration whose model is a {@link CountingType}; only the model and the seed are read
     * @return the artifact with validation metrics in its manifest, best epoch 1, one epoch record
     * @throws IllegalArgumentException for a model that is not a baseline, or data too large for markov
     */
    public static TrainingResult train(
            InteractionData data, LeaveOneOut split, TrainingConfig cfg, TrainingListener listener) {
        if (!(cfg.model() instanceof CountingType counting)) {
            throw new IllegalArgumentException("--model " + cfg.model().name() + " is not a baseline; baselines are "
                    + ModelTypes.names(ModelTypes.counting()));
        }
        long start = System.nanoTime();
        listener.epochStarted(1, 1);
        List<int[]> sequences = split.trainSequences();
        Fit fit = switch (counting.counts()) {
            case ITEMS -> {
                PopularityModel pop = PopularityModel.fit(sequences, data.numItems());
                yield new Fit(BaselineExport.pop(data, pop), pop.trainingLoss());
            }
            case TRANSITIONS -> {
                MarkovChainModel markov = MarkovChainModel.fit(sequences, data.numItems());
                yield new Fit(BaselineExport.markov(data, markov), markov.trainingLoss());
            }
        };
        ModelArtifact fitted = fit.artifact();
        double loss = fit.loss();
        listener.batchDone((float) loss);
        Map<String, Double> validation = validate(fitted, split, data.numItems(), cfg.seed());
        ModelArtifact artifact = fitted.withManifest(fitted.manifest().withMetrics(new LinkedHashMap<>(validation)));
        listener.epochDone(1, (float) loss, validation);
        EpochRecord epoch = new EpochRecord(1, (float) loss, validation, (System.nanoTime() - start) / 1e9);
        return new TrainingResult(artifact, 1, List.of(epoch), false, 0);
    }

    /** A fitted baseline's artifact and its training negative log-likelihood. */
    private record Fit(ModelArtifact artifact, double loss) {}

    /** Full-ranking validation metrics, as the networks report them; empty without validation cases. */
    private static Map<String, Double> validate(ModelArtifact artifact, LeaveOneOut split, int numItems, long seed) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        if (split.validationCases().isEmpty()) {
            return metrics;
        }
        try (SequenceEncoder encoder = SequenceEncoder.open(artifact, DevicePreference.CPU)) {
            Evaluator evaluator =
                    new Evaluator(new ArtifactScorer(artifact, encoder), numItems, Evaluator.DEFAULT_BATCH_SIZE);
            metrics.putAll(evaluator
                    .evaluate(split.validationCases(), new EvaluationProtocol.Full(), seed)
                    .flatten("val"));
        } catch (ArtifactException e) {
            throw new IllegalStateException(
                    "the exported " + artifact.manifest().modelType() + " artifact does not load: " + e.getMessage(),
                    e);
        }
        return metrics;
    }
}
