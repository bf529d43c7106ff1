package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.Device;
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
import org.seqrec.trainer.train.SasRecTraining;
import org.seqrec.trainer.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code train}: reads a log, splits it leave-one-out, trains, evaluates the written model on the
 * test split (full ranking with and without seen items, and sampled:100) exactly as the plugin
 * would score it (through {@link SequenceEncoder}), stores the metrics in the manifest and writes
 * {@code <out>} and {@code <out>.report.json}. The text report goes to stdout, progress to stderr.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
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

    @Option(names = "--model", paramLabel = "M", defaultValue = TrainingConfig.DEFAULT_MODEL,
            description = "Network: sasrec (default).")
    String model;
    @Option(names = "--loss", paramLabel = "L", defaultValue = TrainingConfig.DEFAULT_LOSS,
            description = "ce (softmax cross-entropy over all items, default) or bce (one sampled negative per position).")
    String loss;
    @Option(names = "--epochs", paramLabel = "N", defaultValue = "50",
            description = "Passes over the data (default: ${DEFAULT-VALUE}).")
    int epochs;
    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128",
            description = "Sequences per step (default: ${DEFAULT-VALUE}).")
    int batchSize;
    @Option(names = "--lr", paramLabel = "X", defaultValue = "0.001",
            description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    float learningRate;
    @Option(names = "--dim", paramLabel = "D", defaultValue = "64",
            description = "Embedding size D (default: ${DEFAULT-VALUE}).")
    int dim;
    @Option(names = "--max-len", paramLabel = "L", defaultValue = "50",
            description = "Longest history L read (default: ${DEFAULT-VALUE}).")
    int maxLen;
    @Option(names = "--blocks", paramLabel = "N", defaultValue = "2",
            description = "Self-attention blocks (default: ${DEFAULT-VALUE}).")
    int blocks;
    @Option(names = "--heads", paramLabel = "N", defaultValue = "1",
            description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads;
    @Option(names = "--dropout", paramLabel = "X", defaultValue = "0.2",
            description = "Dropout rate (default: ${DEFAULT-VALUE}).")
    float dropout;
    @Option(names = "--device", paramLabel = "DEVICE", defaultValue = "auto",
            converter = Converters.DeviceConverter.class,
            description = "auto (GPU if DJL sees one), cpu or gpu (default: ${DEFAULT-VALUE}).")
    Device device;
    @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;
    @Option(names = "--threads", paramLabel = "N", description = "CPU threads for PyTorch (default: number of cores).")
    Integer threads;
    @Option(names = "--out", required = true, paramLabel = "MODEL.seqrec", description = "Artifact to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        TrainingConfig cfg = config();
        Path outFile = out.toAbsolutePath();
        if (outFile.getParent() != null && !Files.isDirectory(outFile.getParent())) {
            throw new ParameterException(spec.commandLine(), "--out: folder " + outFile.getParent() + " does not exist");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        Map<String, Double> seconds = new LinkedHashMap<>();

        long t0 = System.nanoTime();
        InteractionData data = input.read(ItemIndexer.growing());
        LeaveOneOut split = LeaveOneOut.of(data);
        seconds.put("read", (System.nanoTime() - t0) / 1e9);
        stderr.printf("read %s: %d users, %d items, %d interactions; %d users have validation and test items%n",
                input.input, data.numUsers(), data.numItems(), data.numInteractions(), split.evaluatedUsers());
        stderr.flush();

        long t1 = System.nanoTime();
        LearningCurve curve = new LearningCurve();
        ModelArtifact trained;
        try (ProgressBarListener progress = new ProgressBarListener(curve, cfg.epochs(), SasRecTraining.SELECTION_METRIC,
                stderr, ProgressBarListener.interactiveTerminal())) {
            trained = SasRecTraining.train(data, split, cfg, progress);
        }
        seconds.put("train", (System.nanoTime() - t1) / 1e9);

        long t2 = System.nanoTime();
        EvaluationResult test;
        String deviceName;
        try (SequenceEncoder encoder = SequenceEncoder.open(trained, cfg.device())) {
            deviceName = encoder.deviceName();
            Evaluator evaluator = new Evaluator(new ArtifactScorer(trained, encoder), data.numItems(),
                    Evaluator.DEFAULT_BATCH_SIZE);
            test = evaluator.evaluate(split.testCases(),
                    List.of(new EvaluationProtocol.Full(), new EvaluationProtocol.Sampled(SAMPLED_NEGATIVES)), cfg.seed());
        }
        seconds.put("evaluate", (System.nanoTime() - t2) / 1e9);

        ModelArtifact artifact = trained.withManifest(withResults(trained.manifest(), test));
        artifact.write(outFile);
        TrainReport report = new TrainReport(input.input.toString(), input.format.cliName(), cfg.asMap(), data.summary(),
                split.evaluatedUsers(), curve.epochs(), bestEpoch(trained.manifest()), SasRecTraining.SELECTION_METRIC,
                test, deviceName, seconds, outFile.toString(), Files.size(outFile));
        JsonOutput.write(outFile.resolveSibling(outFile.getFileName() + ".report.json"), report.toJson());
        stdout.print(report.toText());
        stdout.flush();
        return 0;
    }

    private TrainingConfig config() {
        try {
            return new TrainingConfig(model, loss, epochs, batchSize, learningRate, dim, maxLen, blocks, heads, dropout,
                    seed, device, threads == null ? TrainingConfig.defaultThreads() : threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The manifest with test metrics added to the training run's own and the input format recorded. */
    private Manifest withResults(Manifest m, EvaluationResult test) {
        Map<String, Object> metrics = new LinkedHashMap<>(m.metrics());
        metrics.putAll(test.flatten("test"));
        Map<String, Object> trainingData = new LinkedHashMap<>(m.trainingData());
        trainingData.put("format", input.format.cliName());
        return new Manifest(m.formatVersion(), m.modelType(), m.hyperParameters(), m.embeddingDim(), m.maxSeqLen(),
                m.numItems(), m.checksums(), trainingData, metrics, m.createdAt(), m.trainerVersion());
    }

    private static int bestEpoch(Manifest m) {
        try {
            return m.intParam("best_epoch");
        } catch (ArtifactException e) {
            return 0;
        }
    }
}
