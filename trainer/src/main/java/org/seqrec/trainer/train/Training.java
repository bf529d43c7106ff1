package org.seqrec.trainer.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.model.CountingType;
import org.seqrec.model.NetworkType;
import org.seqrec.model.RankingType;
import org.seqrec.nn.FeatureNetwork;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.SequenceNetwork;
import org.seqrec.trainer.baseline.BaselineTraining;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.batch.BatchMaker;
import org.seqrec.trainer.train.checkpoint.Checkpoint;
import org.seqrec.trainer.train.checkpoint.CheckpointStore;
import org.seqrec.trainer.train.checkpoint.ParameterCopy;
import org.seqrec.trainer.train.loss.TrainingLoss;
import org.seqrec.trainer.train.optim.AdamOptimizer;

/**
 * Trains any network of the model zoo ({@link NetworkType}) on the training part of a leave-one-out
 * split with Adam, validating on the held-out validation item after every epoch and keeping the
 * parameters of the best epoch (by full-ranking NDCG@10, {@link #SELECTION_METRIC}). Each network
 * learns its type's {@link org.seqrec.model.TrainingTask}: every position's next item, as in their
 * papers, or the Cloze task.
 *
 * <p>The counting baselines ({@link CountingType}) are fit instead by {@link BaselineTraining}, with
 * the same split, validation metrics and result.
 *
 * <p>The parts: the model type's config and {@link BatchMaker#forTask batches}, {@link TrainingLoss}
 * (the objective, package {@code loss}), {@link StepRunner} (one optimiser step, with {@code optim}),
 * {@link EpochLoop} (epochs, validation, early stopping), {@link CheckpointStore} (resumable runs,
 * package {@code checkpoint}) and {@link ArtifactExport}.
 *
 * <p>Native memory: one base manager owns the parameters and Adam's state for the whole run and is
 * closed before {@link #train} returns; each batch and each validation call work in a sub-manager
 * closed at its end. The returned artifact lives on the Java heap.
 */
public final class Training {
    /** The validation metric that picks the epoch to keep and drives early stopping. */
    public static final String SELECTION_METRIC = "val_full.ndcg@10";
    /** The checkpoint's file name inside {@code --checkpoint-dir}. */
    public static final String CHECKPOINT_FILE = CheckpointStore.FILE_NAME;

    private Training() {}

    /**
     * @throws IllegalArgumentException when nothing can be learnt (no sequence of two items), or a
     *     checkpoint cannot be resumed (missing, other configuration or data), or exists and
     *     {@code cfg.resume()} is false
     * @throws IllegalStateException when the loss stops being finite
     */
    public static TrainingResult train(
            InteractionData data, LeaveOneOut split, TrainingConfig cfg, TrainingListener listener) {
        return train(data, split, cfg, null, listener);
    }

    /**
     * Trains with item features ({@link FeatureInput}; null: none): the network is wrapped in a
     * {@link FeatureNetwork} and the artifact gets the features (docs/artifact-format.md, "Item features").
     *
     * @throws IllegalArgumentException as {@link #train(InteractionData, LeaveOneOut, TrainingConfig,
     *     TrainingListener)}, and for features with a counting baseline
     */
    public static TrainingResult train(
            InteractionData data,
            LeaveOneOut split,
            TrainingConfig cfg,
            FeatureInput features,
            TrainingListener listener) {
        if (cfg.model() instanceof RankingType) {
            throw new IllegalArgumentException("--model " + cfg.model()
                    + " is a ranking model: train it with `train --model " + cfg.model() + " --retrieval MODEL`"
                    + " (the benchmark command runs retrieval models)");
        }
        if (!(cfg.model() instanceof NetworkType type)) {
            if (features != null) {
                throw new IllegalArgumentException(
                        "--item-features applies to networks, not to --model " + cfg.model());
            }
            return BaselineTraining.train(data, split, cfg, listener);
        }
        DjlRuntime.configure(null, cfg.threads());
        Engine engine = DjlRuntime.engine();
        NetworkConfig netConfig = type.config(data.numItems(), cfg.network());
        if (netConfig.readsTimes()) {
            checkTimes(data, split, cfg);
        }
        List<int[]> sequences = trainable(split);
        String fingerprint = CheckpointStore.fingerprint(sequences, data.numItems())
                + (features == null ? "" : "+" + features.fingerprint());
        CheckpointStore store = cfg.checkpointDir() == null ? null : new CheckpointStore(cfg.checkpointDir());
        Checkpoint resumed = checkpointToResume(store, cfg, fingerprint);
        try (NDManager root = NDManager.newBaseManager(DjlRuntime.resolve(cfg.device()), "PyTorch")) {
            SequenceNetwork network = features == null
                    ? netConfig.initialize(root, cfg.seed())
                    : FeatureNetwork.initialize(netConfig, features.features(), features.idDropout(), root, cfg.seed());
            network.parameters().values().forEach(p -> p.setRequiresGradient(true));
            AdamOptimizer adam = new AdamOptimizer(cfg.learningRate(), cfg.weightDecay(), network.parameters());
            TrainingLoss loss = cfg.loss().create(cfg.negatives(), cfg.gbceT(), data.numItems());
            StepRunner steps = new StepRunner(engine, network, loss, adam, cfg.clipGradNorm());
            BatchMaker batches = netConfig.readsTimes()
                    ? BatchMaker.nextItemTimed(netConfig.maxLen(), timeCodesBySequence(split))
                    : BatchMaker.forTask(type.task(), netConfig.maxLen(), data.numItems(), cfg.maskProb());
            EpochLoop loop = new EpochLoop(new EpochLoop.Parts(
                    cfg,
                    engine,
                    network.parameters(),
                    SELECTION_METRIC,
                    steps,
                    adam,
                    batches,
                    sequences,
                    validation(network, root, split, data, cfg),
                    store,
                    fingerprint));
            if (resumed != null) {
                loop.resumeFrom(resumed, listener);
            }
            loop.run(root, listener);
            EarlyStopping best = loop.stopping();
            ParameterCopy.restore(network.parameters(), best.bestParameters());
            ModelArtifact artifact =
                    ArtifactExport.export(data, netConfig, cfg, network, best.bestEpoch(), best.bestMetrics(), root);
            return new TrainingResult(
                    artifact,
                    best.bestEpoch(),
                    loop.history(),
                    loop.stoppedEarly(),
                    resumed == null ? 0 : resumed.state().epoch());
        }
    }

    /** Numeric times above this are not epoch seconds (they are after the year 5000): milliseconds, most likely. */
    static final double MAX_EPOCH_SECONDS = 1e11;

    /** A time-reading network needs a log with times, in epoch seconds. */
    private static void checkTimes(InteractionData data, LeaveOneOut split, TrainingConfig cfg) {
        String option = "--time-features " + cfg.timeFeatures().id();
        if (!data.hasTimes()) {
            throw new IllegalArgumentException(option + " reads event times, but " + data.source()
                    + " has none: use --format csv, tsv, or pairs with a third column 'user item time'");
        }
        for (int u = 0; u < data.numUsers(); u++) {
            double[] t = data.times(u);
            if (t.length > 0 && Math.abs(t[t.length - 1]) > MAX_EPOCH_SECONDS) {
                throw new IllegalArgumentException(option + " reads numeric times as epoch seconds, but user '"
                        + data.userId(u) + "' has time " + (long) t[t.length - 1]
                        + ", after the year 5000: milliseconds? Divide the times by 1000");
            }
        }
        if (!split.hasTimes()) {
            throw new IllegalStateException("the split has no time codes although the data has times");
        }
    }

    /** Each training sequence (by identity) to its next-item time codes. */
    private static Map<int[], int[]> timeCodesBySequence(LeaveOneOut split) {
        Map<int[], int[]> codes = new IdentityHashMap<>();
        for (int u = 0; u < split.trainSequences().size(); u++) {
            codes.put(split.train(u), split.trainTimeCodes(u));
        }
        return codes;
    }

    /** Training sequences with at least two items (a shorter one has no input/target pair). */
    static List<int[]> trainable(LeaveOneOut split) {
        List<int[]> sequences = new ArrayList<>();
        for (int[] s : split.trainSequences()) {
            if (s.length >= 2) {
                sequences.add(s);
            }
        }
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("no user has two or more training interactions: nothing to learn from");
        }
        return sequences;
    }

    /** The checkpoint to continue from, or null for a fresh run; refuses unsafe combinations. */
    static Checkpoint checkpointToResume(CheckpointStore store, TrainingConfig cfg, String fingerprint) {
        if (store == null) {
            return null;
        }
        if (!cfg.resume()) {
            if (store.exists()) {
                throw new IllegalArgumentException("--checkpoint-dir: " + store.file()
                        + " already exists; pass --resume to" + " continue that run, or choose an empty folder");
            }
            return null;
        }
        Checkpoint c = store.read();
        CheckpointStore.checkResumable(c.state(), cfg.asMap(), fingerprint, store.file());
        return c;
    }

    /** Full-ranking validation metrics ({@code val_full.*}, {@code val_full_excl_seen.*}); empty without cases. */
    private static Supplier<Map<String, Double>> validation(
            SequenceNetwork network, NDManager root, LeaveOneOut split, InteractionData data, TrainingConfig cfg) {
        Evaluator validator =
                new Evaluator(new NetworkScorer(network, root), data.numItems(), Evaluator.DEFAULT_BATCH_SIZE);
        return () -> {
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (!split.validationCases().isEmpty()) {
                metrics.putAll(validator
                        .evaluate(split.validationCases(), new EvaluationProtocol.Full(), cfg.seed())
                        .flatten("val"));
            }
            return metrics;
        };
    }
}
