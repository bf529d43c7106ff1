package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.model.ModelTypes;
import org.seqrec.model.RankingType;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.eval.ArtifactScorer;
import org.seqrec.trainer.eval.BatchScorer;
import org.seqrec.trainer.eval.CandidateScorer;
import org.seqrec.trainer.eval.CpuRanker;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.EvaluationResult;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.eval.RankingMetrics;
import org.seqrec.trainer.eval.TwoStageScorer;
import org.seqrec.trainer.report.JsonOutput;
import org.seqrec.trainer.report.LearningCurve;
import org.seqrec.trainer.report.TrainReport;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.FeatureInput;
import org.seqrec.trainer.train.NewItemTable;
import org.seqrec.trainer.train.RankingTraining;
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

    @Mixin
    RetrievalOptions retrievalOptions;

    @Mixin
    WarmStartOptions warmStartOptions;

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
        ModelArtifact retrievalModel = retrievalOptions.read(data, cfg.model());
        Map<String, FloatTensor> startFrom = warmStartOptions.read(retrievalModel, cfg, data);
        if (startFrom != null) {
            if (!options.learningRateGiven()) {
                cfg = cfg.toBuilder()
                        .learningRate(TrainingConfig.DEFAULT_WARM_START_LEARNING_RATE)
                        .build();
            }
            stderr.printf(
                    Locale.ROOT,
                    "%s starts from the weights of %s (--lr %s)%n",
                    cfg.model(),
                    retrievalOptions.retrieval,
                    new BigDecimal(Float.toString(cfg.learningRate()))
                            .stripTrailingZeros()
                            .toPlainString());
        }
        stderr.printf(
                Locale.ROOT,
                "read %s: %d users, %d items, %d interactions; %d users have validation and test items%n",
                input.input,
                data.numUsers(),
                data.numItems(),
                data.numInteractions(),
                split.evaluatedUsers());
        stderr.flush();

        try (SequenceEncoder retrievalEncoder =
                retrievalModel == null ? null : SequenceEncoder.open(retrievalModel, cfg.device())) {
            BatchScorer retrieval =
                    retrievalModel == null ? null : new ArtifactScorer(retrievalModel, retrievalEncoder);
            return trainAndWrite(cfg, outFile, data, split, features, retrieval, startFrom, seconds);
        }
    }

    private int trainAndWrite(
            TrainingConfig cfg,
            Path outFile,
            InteractionData data,
            LeaveOneOut split,
            FeatureInput features,
            BatchScorer retrieval,
            Map<String, FloatTensor> startFrom,
            Map<String, Double> seconds)
            throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        boolean ranking = cfg.model() instanceof RankingType;
        String selection = ranking ? RankingTraining.selectionMetric(retrieval != null) : Training.SELECTION_METRIC;
        long t1 = System.nanoTime();
        LearningCurve curve = new LearningCurve();
        TrainingResult result;
        try (ProgressBarListener progress = new ProgressBarListener(
                curve, cfg.epochs(), selection, stderr, ProgressBarListener.interactiveTerminal())) {
            result = ranking
                    ? RankingTraining.train(data, split, cfg, retrieval, startFrom, features, progress)
                    : Training.train(data, split, cfg, features, progress);
        }
        seconds.put("train", (System.nanoTime() - t1) / 1e9);
        ModelArtifact trained = result.artifact();
        if (trained.features().isPresent()) {
            NewItemTable.Fit fit = NewItemTable.fit(trained.features().get(), trained.itemEmbeddings(), cfg.seed());
            trained = NewItemTable.apply(trained, fit);
            stderr.println(NewItemTable.describe(fit));
        }
        if (result.resumedAfter() > 0) {
            stderr.printf(Locale.ROOT, "resumed after epoch %d from %s%n", result.resumedAfter(), cfg.checkpointDir());
        }
        if (result.stoppedEarly()) {
            stderr.printf(
                    Locale.ROOT,
                    "stopped early after epoch %d: no better %s for %d epochs%n",
                    result.epochs().size(),
                    selection,
                    cfg.patience());
        }
        stderr.flush();

        long t2 = System.nanoTime();
        EvaluationResult test;
        EvaluationResult retrievalAlone = null;
        EvaluationResult blended = null;
        String deviceName;
        List<EvaluationProtocol> protocols =
                List.of(new EvaluationProtocol.Full(), new EvaluationProtocol.Sampled(SAMPLED_NEGATIVES));
        if (ranking) {
            deviceName = "cpu (plain Java)";
            CandidateScorer ranker = new CpuRanker(ModelTypes.cpuRanking(trained));
            if (retrieval == null) {
                test = new Evaluator(null, ranker, data.numItems(), Evaluator.DEFAULT_BATCH_SIZE)
                        .evaluate(split.testCases(), new EvaluationProtocol.Sampled(SAMPLED_NEGATIVES), cfg.seed());
            } else {
                // full: the pipeline; sampled: the ranker alone on the drawn candidates
                test = new Evaluator(
                                new TwoStageScorer(retrieval, ranker, TwoStageScorer.DEFAULT_DEPTH),
                                ranker,
                                data.numItems(),
                                Evaluator.DEFAULT_BATCH_SIZE)
                        .evaluate(split.testCases(), protocols, cfg.seed());
                retrievalAlone = new Evaluator(retrieval, data.numItems(), Evaluator.DEFAULT_BATCH_SIZE)
                        .evaluate(split.testCases(), new EvaluationProtocol.Full(), cfg.seed());
                blended = new Evaluator(
                                new TwoStageScorer(
                                        retrieval, ranker, TwoStageScorer.DEFAULT_DEPTH, TwoStageScorer.Order.BLEND),
                                data.numItems(),
                                Evaluator.DEFAULT_BATCH_SIZE)
                        .evaluate(split.testCases(), new EvaluationProtocol.Full(), cfg.seed());
            }
        } else {
            try (SequenceEncoder encoder = SequenceEncoder.open(trained, cfg.device())) {
                deviceName = encoder.deviceName();
                Evaluator evaluator = new Evaluator(
                        new ArtifactScorer(trained, encoder), data.numItems(), Evaluator.DEFAULT_BATCH_SIZE);
                test = evaluator.evaluate(split.testCases(), protocols, cfg.seed());
            }
        }
        seconds.put("evaluate", (System.nanoTime() - t2) / 1e9);

        ModelArtifact artifact = trained.withManifest(withResults(trained.manifest(), test, retrievalAlone, blended));
        artifact.write(outFile);
        TrainReport report = new TrainReport(
                input.input.toString(),
                input.format.cliName(),
                cfg.asMap(),
                data.summary(),
                split.evaluatedUsers(),
                curve.epochs(),
                result.bestEpoch(),
                selection,
                test,
                deviceName,
                seconds,
                outFile.toString(),
                Files.size(outFile));
        JsonOutput.write(outFile.resolveSibling(outFile.getFileName() + ".report.json"), report.toJson());
        stdout.print(report.toText());
        if (ranking) {
            stdout.print(
                    retrievalAlone == null
                            ? "  (" + cfg.model() + " is a ranking model: without --retrieval it is tested on sampled"
                                    + " candidates only)\n"
                            : twoStageLegend(cfg, retrievalAlone, blended));
        }
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

    /** What the two-stage rows measured, and the retrieval model alone on the same cases. */
    private String twoStageLegend(TrainingConfig cfg, EvaluationResult alone, EvaluationResult blended) {
        RankingMetrics full = alone.variants().get("full");
        RankingMetrics excl = alone.variants().get("full_excl_seen");
        RankingMetrics blendFull = blended.variants().get("full");
        RankingMetrics blendExcl = blended.variants().get("full_excl_seen");
        return String.format(
                Locale.ROOT,
                "  two-stage: full rows rank the top %d of %s reranked by %s, then the rest in its order;"
                        + " sampled_100 ranks with %s alone%n"
                        + "  %s alone on the same cases: full NDCG@10 %.4f HR@10 %.4f, full_excl_seen NDCG@10 %.4f"
                        + " HR@10 %.4f%n"
                        + "  blend (top %d by minmax(retrieval) + minmax(%s), as a rescore with score_mode total and"
                        + " normalize minmax): full NDCG@10 %.4f HR@10 %.4f, full_excl_seen NDCG@10 %.4f HR@10 %.4f%n",
                TwoStageScorer.DEFAULT_DEPTH,
                retrievalOptions.retrieval,
                cfg.model(),
                cfg.model(),
                retrievalOptions.retrieval,
                full.ndcg10(),
                full.hr10(),
                excl.ndcg10(),
                excl.hr10(),
                TwoStageScorer.DEFAULT_DEPTH,
                cfg.model(),
                blendFull.ndcg10(),
                blendFull.hr10(),
                blendExcl.ndcg10(),
                blendExcl.hr10());
    }

    /**
     * The manifest with test metrics added to the training run's own (and, for a ranking model, the
     * retrieval model's alone, as {@code test_retrieval_*}, and the blend's, as {@code test_blend_*}) and
     * the input format recorded.
     */
    private Manifest withResults(
            Manifest m, EvaluationResult test, EvaluationResult retrievalAlone, EvaluationResult blended) {
        Map<String, Object> metrics = new LinkedHashMap<>(m.metrics());
        metrics.putAll(test.flatten("test"));
        if (retrievalAlone != null) {
            metrics.putAll(retrievalAlone.flatten("test_retrieval"));
            metrics.putAll(blended.flatten("test_blend"));
        }
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
