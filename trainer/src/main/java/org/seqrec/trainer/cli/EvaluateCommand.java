package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.model.ModelTypes;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.eval.ArtifactScorer;
import org.seqrec.trainer.eval.BatchScorer;
import org.seqrec.trainer.eval.CandidateScorer;
import org.seqrec.trainer.eval.CpuRanker;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.EvaluationResult;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.eval.TwoStageScorer;
import org.seqrec.trainer.report.JsonOutput;
import org.seqrec.trainer.report.MetricsTable;
import org.seqrec.trainer.report.ProtocolLegend;
import org.seqrec.trainer.split.EvalCase;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: ranks the leave-one-out test (or validation) targets of an interaction log with
 * a trained artifact, scoring through {@link SequenceEncoder} as the plugin does. Items of the log
 * that the model does not know are dropped (and counted), so rows match the model's vocabulary.
 */
@Command(
        name = "evaluate",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Evaluate a .seqrec model on the leave-one-out split of an interaction log.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.seqrec", description = "Artifact to evaluate.")
    Path model;

    @Mixin
    InputOptions input;

    @Option(
            names = "--protocol",
            paramLabel = "P",
            defaultValue = "full",
            converter = Converters.ProtocolConverter.class,
            description = "full (all items; reported with and without the user's seen items) or sampled:N "
                    + "(N random items the user never interacted with) (default: ${DEFAULT-VALUE}).")
    EvaluationProtocol protocol;

    @Option(
            names = "--split",
            paramLabel = "S",
            defaultValue = "test",
            description = "test (last item of each user) or validation (second-to-last) (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "42",
            description = "Seed of sampled negatives (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            defaultValue = "auto",
            converter = Converters.DeviceConverter.class,
            description = "auto, cpu or gpu (default: ${DEFAULT-VALUE}).")
    DevicePreference device;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "CPU threads for PyTorch (default: 1; more help only on an idle machine).")
    Integer threads;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "512",
            description = "Histories scored per call (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--out", paramLabel = "RESULTS.json", description = "Also write the results as JSON.")
    Path out;

    @Mixin
    CommonOptions common;

    @Mixin
    RetrievalOptions retrievalOptions;

    @Override
    public Integer call() throws Exception {
        List<String> splits = List.of("test", "validation");
        if (!splits.contains(split)) {
            throw new ParameterException(
                    spec.commandLine(), "--split must be one of " + splits + ", got '" + split + "'");
        }
        if (batchSize < 1 || batchSize > 65_536) {
            throw new ParameterException(spec.commandLine(), "--batch-size must be in 1..65536, got " + batchSize);
        }
        int threadCount = threads == null ? TrainingConfig.defaultThreads() : threads;
        if (threadCount < 1 || threadCount > TrainingConfig.MAX_THREADS) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--threads must be in 1.." + TrainingConfig.MAX_THREADS + ", got " + threadCount);
        }
        ModelArtifact artifact = ModelArtifact.read(model);
        InteractionData data = input.read(ItemIndexer.frozen(artifact.vocabulary()));
        if (artifact.manifest().readsTimes() && !data.hasTimes()) {
            throw new IllegalArgumentException("model " + model + " reads event times (reads_times), but " + input.input
                    + " has none: use --format csv, tsv, or pairs with a third column 'user item time'");
        }
        LeaveOneOut loo = LeaveOneOut.of(data);
        List<EvalCase> cases = split.equals("test") ? loo.testCases() : loo.validationCases();
        if (cases.isEmpty()) {
            throw new IllegalArgumentException("no user in " + input.input + " has "
                    + LeaveOneOut.MIN_ITEMS_FOR_EVALUATION + " or more interactions with items the model knows");
        }
        DjlRuntime.configure(null, threadCount);
        long start = System.nanoTime();
        EvaluationResult result;
        String deviceName;
        ModelArtifact retrievalModel = retrievalOptions.read(data, ModelTypes.of(artifact.manifest()));
        if (ModelTypes.isRanking(artifact.manifest().modelType())) {
            deviceName = "cpu (plain Java)";
            result = evaluateRanking(artifact, retrievalModel, data, cases);
        } else {
            try (SequenceEncoder encoder = SequenceEncoder.open(artifact, device)) {
                deviceName = encoder.deviceName();
                result = new Evaluator(new ArtifactScorer(artifact, encoder), data.numItems(), batchSize)
                        .evaluate(cases, protocol, seed);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(
                Locale.ROOT,
                "seqrec-trainer evaluate: %s on %s (%s split, protocol %s, %s, %.1fs)%n",
                model,
                input.input,
                split,
                protocol.spec(),
                deviceName,
                seconds);
        stdout.printf(
                Locale.ROOT,
                "data: %d users, %d cases, %d interactions with unknown items skipped%n",
                data.numUsers(),
                cases.size(),
                data.skippedUnknownItems());
        stdout.print(MetricsTable.format(result));
        stdout.print(ProtocolLegend.text(result.variants().keySet(), data.numItems(), seed));
        stdout.flush();
        if (out != null) {
            JsonOutput.write(out, json(result, data, cases.size(), deviceName, seconds));
        }
        return 0;
    }

    /**
     * A ranking model: the two-stage pipeline over {@code --retrieval}'s top 100 for {@code full}, the
     * ranker alone on the sampled candidates.
     *
     * @throws ParameterException (exit 2) for the full protocol without {@code --retrieval}
     */
    private EvaluationResult evaluateRanking(
            ModelArtifact artifact, ModelArtifact retrievalModel, InteractionData data, List<EvalCase> cases)
            throws Exception {
        CandidateScorer ranker = new CpuRanker(ModelTypes.cpuRanking(artifact));
        if (retrievalModel == null) {
            if (protocol instanceof EvaluationProtocol.Full) {
                throw new ParameterException(
                        spec.commandLine(),
                        "model " + model + " is a ranking model: --protocol full ranks the two-stage pipeline and"
                                + " needs --retrieval MODEL.seqrec (or use --protocol sampled:100)");
            }
            return new Evaluator(null, ranker, data.numItems(), batchSize).evaluate(cases, protocol, seed);
        }
        try (SequenceEncoder encoder = SequenceEncoder.open(retrievalModel, device)) {
            BatchScorer pipeline = new TwoStageScorer(
                    new ArtifactScorer(retrievalModel, encoder), ranker, TwoStageScorer.DEFAULT_DEPTH);
            return new Evaluator(pipeline, ranker, data.numItems(), batchSize).evaluate(cases, protocol, seed);
        }
    }

    private Map<String, Object> json(
            EvaluationResult result, InteractionData data, int cases, String deviceName, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "evaluate");
        m.put("model", model.toString());
        m.put("input", input.input.toString());
        m.put("format", input.format.cliName());
        m.put("split", split);
        m.put("protocol", protocol.spec());
        m.put("seed", seed);
        m.put("cases", cases);
        m.put("data", data.summary());
        Map<String, Object> metrics = new LinkedHashMap<>();
        result.variants().forEach((k, v) -> metrics.put(k, v.asMap()));
        m.put("metrics", metrics);
        m.put("device", deviceName);
        m.put("seconds", seconds);
        return m;
    }
}
