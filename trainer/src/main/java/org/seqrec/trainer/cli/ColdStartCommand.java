package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.trainer.coldstart.ColdStartScorers;
import org.seqrec.trainer.coldstart.ColdStartSplit;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemFeatureReader;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.eval.BatchScorer;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.eval.RankingMetrics;
import org.seqrec.trainer.report.JsonOutput;
import org.seqrec.trainer.report.LearningCurve;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.FeatureInput;
import org.seqrec.trainer.train.NewItemTable;
import org.seqrec.trainer.train.Training;
import org.seqrec.trainer.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code cold-start}: the new-item benchmark. Holds a share of the items (with features) out of
 * training entirely ({@link ColdStartSplit}), trains with item features on the rest, and ranks the
 * test cases whose target is a held-out item against every item, the held-out ones embedded from
 * their features alone, next to two popularity baselines. Writes the model and
 * {@code <out>.cold-start.json}; the table goes to stdout.
 */
@Command(
        name = "cold-start",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Benchmark new items: hold items out of training, rank them from their features alone.")
final class ColdStartCommand implements Callable<Integer> {
    private static final String FEATURES_ROW = "features-only embeddings";
    private static final String TRAINED_TABLE_ROW = "features-only, the trained table";

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

    @Option(
            names = "--hold-out",
            defaultValue = "0.1",
            paramLabel = "SHARE",
            description = "Share of the items with features held out of training entirely, in (0, 1) "
                    + "(default: ${DEFAULT-VALUE}).")
    double holdOut;

    @Option(names = "--out", required = true, paramLabel = "MODEL.seqrec", description = "Artifact to write.")
    Path out;

    @Override
    public Integer call() throws Exception {
        TrainingConfig cfg = options.toConfig();
        featureOptions.check();
        if (featureOptions.file == null) {
            throw new ParameterException(spec.commandLine(), "cold-start needs --item-features");
        }
        if (!(holdOut > 0 && holdOut < 1)) {
            throw new ParameterException(spec.commandLine(), "--hold-out must be in (0, 1), got " + holdOut);
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        InteractionData full = input.read(ItemIndexer.growing());
        ItemFeatures all = ItemFeatureReader.read(
                        featureOptions.file, full.vocabulary(), featureOptions.itemColumn, featureOptions.columns)
                .features();
        ColdStartSplit split = ColdStartSplit.of(full, holdOut, cfg.seed(), r -> all.itemRows(r).length > 0);
        stderr.printf(
                Locale.ROOT,
                "held out %d of %d items; training on %d items, %d interactions; %d test cases have a held-out target%n",
                split.coldItems().size(),
                full.numItems(),
                split.warm().numItems(),
                split.warm().numInteractions(),
                split.cases().size());
        FeatureInput features = featureOptions.read(split.warm(), stderr);
        ModelArtifact trained;
        try (ProgressBarListener progress = new ProgressBarListener(
                new LearningCurve(),
                cfg.epochs(),
                Training.SELECTION_METRIC,
                stderr,
                ProgressBarListener.interactiveTerminal())) {
            trained = Training.train(split.warm(), LeaveOneOut.of(split.warm()), cfg, features, progress)
                    .artifact();
        }
        NewItemTable.Fit fit = NewItemTable.fit(trained.features().orElseThrow(), trained.itemEmbeddings(), cfg.seed());
        ModelArtifact model = NewItemTable.apply(trained, fit);
        stderr.println(NewItemTable.describe(fit));
        List<ItemFeatures.Value[]> cold = new ArrayList<>();
        cold.add(new ItemFeatures.Value[0]);
        for (String id : split.coldItems()) {
            int[] rows = all.itemRows(full.vocabulary().rowOf(id));
            ItemFeatures.Value[] values = new ItemFeatures.Value[rows.length];
            for (int i = 0; i < rows.length; i++) {
                values[i] = all.value(rows[i]);
            }
            cold.add(values);
        }
        Map<String, RankingMetrics> results = new LinkedHashMap<>();
        BatchScorer oracle = ColdStartScorers.popularity(split, full);
        try (SequenceEncoder encoder = SequenceEncoder.open(model, cfg.device())) {
            // the user vectors do not depend on the feature table: one encoder serves both tables
            BatchScorer byFeatures = ColdStartScorers.model(model, encoder, cold);
            BatchScorer byTrainedTable = ColdStartScorers.model(trained, encoder, cold);
            results.put(FEATURES_ROW, rank(split, byFeatures, cfg));
            results.put(TRAINED_TABLE_ROW, rank(split, byTrainedTable, cfg));
            results.put("popularity, all interactions (oracle)", rank(split, oracle, cfg));
            results.put(
                    "popularity, training interactions",
                    rank(split, ColdStartScorers.popularity(split, split.warm()), cfg));
            results.put(
                    "held-out items only: features-only",
                    rank(split, ColdStartScorers.heldOutOnly(split, byFeatures), cfg));
            results.put(
                    "held-out items only: trained table",
                    rank(split, ColdStartScorers.heldOutOnly(split, byTrainedTable), cfg));
            results.put(
                    "held-out items only: popularity (oracle)",
                    rank(split, ColdStartScorers.heldOutOnly(split, oracle), cfg));
        }

        Map<String, Object> metrics = new LinkedHashMap<>(model.manifest().metrics());
        results.get(FEATURES_ROW).asMap().forEach((k, v) -> metrics.put("cold_full." + k, v));
        model.withManifest(model.manifest().withMetrics(metrics)).write(out);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("input", input.input.toString());
        report.put("item_features", featureOptions.file.toString());
        report.put("hold_out", holdOut);
        report.put("held_out_items", split.coldItems().size());
        report.put("items", full.numItems());
        report.put("cases", split.cases().size());
        report.put("feature_table_ridge", fit.ridge());
        report.put("feature_table_validation_error", fit.validationError());
        report.put("trained_table_validation_error", fit.trainedError());
        report.put("config", cfg.asMap());
        Map<String, Object> table = new LinkedHashMap<>();
        results.forEach((k, v) -> table.put(k, v.asMap()));
        report.put("results", table);
        JsonOutput.write(out.resolveSibling(out.getFileName() + ".cold-start.json"), report);
        stdout.printf(
                Locale.ROOT,
                "cold-start test cases (target held out of training; ranked against all %d items):%n",
                split.numCandidates());
        stdout.printf(
                Locale.ROOT, "%-40s %8s %8s %8s %8s %8s%n", "scorer", "HR@10", "NDCG@10", "HR@20", "NDCG@20", "cases");
        results.forEach((k, v) -> stdout.printf(
                Locale.ROOT,
                "%-40s %8.4f %8.4f %8.4f %8.4f %8d%n",
                k,
                v.hr10(),
                v.ndcg10(),
                v.hr20(),
                v.ndcg20(),
                v.cases()));
        stdout.flush();
        return 0;
    }

    private static RankingMetrics rank(ColdStartSplit split, BatchScorer scorer, TrainingConfig cfg) {
        Evaluator evaluator = new Evaluator(scorer, split.numCandidates(), Evaluator.DEFAULT_BATCH_SIZE);
        return evaluator
                .evaluate(split.cases(), new EvaluationProtocol.Full(), cfg.seed())
                .get("full");
    }
}
