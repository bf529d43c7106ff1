package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.eval.ArtifactScorer;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.EvaluationResult;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.report.JsonOutput;
import org.seqrec.trainer.report.LearningCurve;
import org.seqrec.trainer.report.TrainReport;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.FeatureInput;
import org.seqrec.trainer.train.Training;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code train}: reads a log, splits it leave-one-out, trains (a network, or fits a counting baseline
 * in one pass: see {@link Training}), evaluates the written model on the
 * test split (full ranking with and without seen items, and sampled:100) exactly as the plugin
 * would score it (through {@link SequenceEncoder}), stores the metrics in the manifest and writes
 * {@code <out>} and {@code <out>.report.json}. The text report goes to stdout, progress to stderr.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Train a model on an interaction log and write a .seqrec artifact.")
final class TrainCommand implements Callable<Integer> {
    /** Negatives per case of the sampled test protocol, as in the SASRec paper. */
    static final int SAMPLED_NEGATIVES = 100;

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Mixin
    CommonOptions common;

    @Mixin
    TrainOptions options;

    @Mixin
    FeatureOptions featureOptions;

    @Option(names = "--out", required = true, paramLabel = "MODEL.seqrec", description = "Artifact to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        TrainingConfig cfg = options.toConfig();
        Path outFile = out.toAbsolutePath();
        if (outFile.getParent() != null && !Files.isDirectory(outFile.getParent())) {
            throw new ParameterException(
                    spec.commandLine(), "--out: folder " + outFile.getParent() + " does not exist");
        }
        checkCheckpoint(cfg);
        featureOptions.check();
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Map<String, Double> seconds = new LinkedHashMap<>();

        long t0 = System.nanoTime();
        InteractionData data = input.read(ItemIndexer.growing());
        LeaveOneOut split = LeaveOneOut.of(data);
        seconds.put("read", (System.nanoTime() - t0) / 1e9);
        FeatureInput features = featureOptions.read(data, stderr);
        stderr.printf(
                Locale.ROOT,
                "read %s: %d users, %d items, %d interactions; %d users have validation and test items%n",
                input.input,
                data.numUsers(),
                data.numItems(),
                data.numInteractions(),
                split.evaluatedUsers());
        stderr.flush();

        long t1 = System.nanoTime();
        LearningCurve curve = new LearningCurve();
        TrainingResult result;
        try (ProgressBarListener progress = new ProgressBarListener(
                curve, cfg.epochs(), Training.SELECTION_METRIC, stderr, ProgressBarListener.interactiveTerminal())) {
            result = Training.train(data, split, cfg, features, progress);
        }
        seconds.put("train", (System.nanoTime() - t1) / 1e9);
        ModelArtifact trained = result.artifact();
        if (result.resumedAfter() > 0) {
            stderr.printf(Locale.ROOT, "resumed after epoch %d from %s%n", result.resumedAfter(), cfg.checkpointDir());
        }
        if (result.stoppedEarly()) {
            stderr.printf(
                    Locale.ROOT,
                    "stopped early after epoch %d: no better %s for %d epochs%n",
                    result.epochs().size(),
                    Training.SELECTION_METRIC,
                    cfg.patience());
        }
        stderr.flush();

        long t2 = System.nanoTime();
        EvaluationResult test;
        String deviceName;
        try (SequenceEncoder encoder = SequenceEncoder.open(trained, cfg.device())) {
            deviceName = encoder.deviceName();
            Evaluator evaluator =
                    new Evaluator(new ArtifactScorer(trained, encoder), data.numItems(), Evaluator.DEFAULT_BATCH_SIZE);
            test = evaluator.evaluate(
                    split.testCases(),
                    List.of(new EvaluationProtocol.Full(), new EvaluationProtocol.Sampled(SAMPLED_NEGATIVES)),
                    cfg.seed());
        }
        seconds.put("evaluate", (System.nanoTime() - t2) / 1e9);

        ModelArtifact artifact = trained.withManifest(withResults(trained.manifest(), test));
        artifact.write(outFile);
        TrainReport report = new TrainReport(
                input.input.toString(),
                input.format.cliName(),
                cfg.asMap(),
                data.summary(),
                split.evaluatedUsers(),
                curve.epochs(),
                result.bestEpoch(),
                Training.SELECTION_METRIC,
                test,
                deviceName,
                seconds,
                outFile.toString(),
                Files.size(outFile));
        JsonOutput.write(outFile.resolveSibling(outFile.getFileName() + ".report.json"), report.toJson());
        stdout.print(report.toText());
        stdout.flush();
        return 0;
    }

    /** Fails fast, before reading the data, when --resume has nothing to resume or would be needed. */
    private void checkCheckpoint(TrainingConfig cfg) {
        if (cfg.checkpointDir() == null) {
            return;
        }
        Path file = cfg.checkpointDir().resolve(Training.CHECKPOINT_FILE);
        if (cfg.resume() && !Files.isRegularFile(file)) {
            throw new ParameterException(spec.commandLine(), "--resume: no checkpoint at " + file);
        }
        if (!cfg.resume() && Files.exists(file)) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--checkpoint-dir: " + file
                            + " already exists; pass --resume to continue that run, or choose an empty folder");
        }
    }

    /** The manifest with test metrics added to the training run's own and the input format recorded. */
    private Manifest withResults(Manifest m, EvaluationResult test) {
        Map<String, Object> metrics = new LinkedHashMap<>(m.metrics());
        metrics.putAll(test.flatten("test"));
        Map<String, Object> trainingData = new LinkedHashMap<>(m.trainingData());
        trainingData.putAll(input.describe());
        return new Manifest(
                m.formatVersion(),
                m.modelType(),
                m.hyperParameters(),
                m.embeddingDim(),
                m.maxSeqLen(),
                m.numItems(),
                m.checksums(),
                trainingData,
                metrics,
                m.createdAt(),
                m.trainerVersion());
    }
}
