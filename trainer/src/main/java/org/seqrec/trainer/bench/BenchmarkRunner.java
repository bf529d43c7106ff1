package org.seqrec.trainer.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.eval.ArtifactScorer;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.EvaluationResult;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.Training;
import org.seqrec.trainer.train.TrainingResult;

/**
 * Trains and tests configurations one after the other on the same data and leave-one-out split:
 * {@link Training#train} (which validates every epoch and keeps the best), then the kept model is
 * scored through {@link SequenceEncoder}, as the plugin would, on the test targets under every
 * protocol with one seed. A configuration that fails (a loss that stops being finite, a native
 * error) is recorded as failed and the next one runs.
 *
 * <p>Native memory: each training run and each test encoder own and close their own; only the
 * metrics are kept, so memory does not grow with the number of configurations. Not thread-safe.
 */
public final class BenchmarkRunner {
    /** Negatives of the sampled protocol when neither {@code --protocol} nor the published numbers name one. */
    public static final int DEFAULT_SAMPLED_NEGATIVES = 100;

    private final InteractionData data;
    private final LeaveOneOut split;
    private final List<EvaluationProtocol> protocols;
    private final long seed;
    private final Path modelDir;
    private final BenchmarkListener listener;

    /**
     * @param protocols test protocols, see {@link #protocols}
     * @param seed seed of the sampled test negatives
     * @param modelDir where to write {@code <name>.seqrec}, or null to keep no model
     */
    public BenchmarkRunner(
            InteractionData data,
            LeaveOneOut split,
            List<EvaluationProtocol> protocols,
            long seed,
            Path modelDir,
            BenchmarkListener listener) {
        this.data = data;
        this.split = split;
        this.protocols = List.copyOf(protocols);
        this.seed = seed;
        this.modelDir = modelDir;
        this.listener = listener;
    }

    /**
     * The test protocols of a benchmark: {@code full} (which also gives {@code full_excl_seen}), then
     * {@code sampled:N} with the headline's N (or {@value #DEFAULT_SAMPLED_NEGATIVES}), then the
     * published numbers' protocol if it is not among them yet.
     *
     * @param published the published numbers' protocol, or null
     */
    public static List<EvaluationProtocol> protocols(EvaluationProtocol headline, EvaluationProtocol published) {
        List<EvaluationProtocol> list = new ArrayList<>();
        list.add(new EvaluationProtocol.Full());
        list.add(
                headline instanceof EvaluationProtocol.Sampled s
                        ? s
                        : new EvaluationProtocol.Sampled(DEFAULT_SAMPLED_NEGATIVES));
        if (published != null && !list.contains(published)) {
            list.add(published);
        }
        return List.copyOf(list);
    }

    /** The result variant a protocol's headline numbers come from: {@code full} or {@code sampled_N}. */
    public static String variant(EvaluationProtocol protocol) {
        return switch (protocol) {
            case EvaluationProtocol.Full f -> "full";
            case EvaluationProtocol.Sampled s -> "sampled_" + s.negatives();
        };
    }

    /**
     * Runs every configuration in order.
     *
     * @throws IOException when the listener cannot write results
     */
    public List<ConfigResult> run(List<BenchmarkConfig> configs) throws IOException {
        List<ConfigResult> results = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            ConfigResult r = runOne(i + 1, configs.size(), configs.get(i));
            results.add(r);
            listener.configDone(i + 1, configs.size(), r);
        }
        return results;
    }

    private ConfigResult runOne(int index, int total, BenchmarkConfig c) {
        long start = System.nanoTime();
        TrainingResult trained;
        try {
            trained = Training.train(data, split, c.config(), listener.configStarted(index, total, c));
        } catch (RuntimeException e) {
            return ConfigResult.failed(c, (System.nanoTime() - start) / 1e9, "training failed: " + message(e));
        } finally {
            listener.configTrained(index, total, c);
        }
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        long evalStart = System.nanoTime();
        try {
            ModelArtifact artifact = trained.artifact();
            EvaluationResult test;
            try (SequenceEncoder encoder =
                    SequenceEncoder.open(artifact, c.config().device())) {
                test = new Evaluator(
                                new ArtifactScorer(artifact, encoder), data.numItems(), Evaluator.DEFAULT_BATCH_SIZE)
                        .evaluate(split.testCases(), protocols, seed);
            }
            double evaluateSeconds = (System.nanoTime() - evalStart) / 1e9;
            String written = null;
            if (modelDir != null) {
                Path file = modelDir.resolve(c.name() + ".seqrec");
                Map<String, Object> metrics =
                        new LinkedHashMap<>(artifact.manifest().metrics());
                metrics.putAll(test.flatten("test"));
                artifact.withManifest(artifact.manifest().withMetrics(metrics)).write(file);
                written = file.toString();
            }
            return new ConfigResult(
                    c,
                    trained.epochs(),
                    trained.bestEpoch(),
                    trained.stoppedEarly(),
                    trainSeconds,
                    evaluateSeconds,
                    test,
                    written,
                    null);
        } catch (ArtifactException | IOException | RuntimeException e) {
            return new ConfigResult(
                    c,
                    trained.epochs(),
                    trained.bestEpoch(),
                    trained.stoppedEarly(),
                    trainSeconds,
                    (System.nanoTime() - evalStart) / 1e9,
                    null,
                    null,
                    "testing failed: " + message(e));
        }
    }

    private static String message(Exception e) {
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
    }
}
