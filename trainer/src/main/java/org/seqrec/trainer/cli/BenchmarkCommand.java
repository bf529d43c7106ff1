package org.seqrec.trainer.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.trainer.bench.BenchmarkConfig;
import org.seqrec.trainer.bench.BenchmarkConfigs;
import org.seqrec.trainer.bench.BenchmarkListener;
import org.seqrec.trainer.bench.BenchmarkReport;
import org.seqrec.trainer.bench.BenchmarkRunner;
import org.seqrec.trainer.bench.Charts;
import org.seqrec.trainer.bench.ConfigResult;
import org.seqrec.trainer.bench.Environment;
import org.seqrec.trainer.bench.PublishedNumbers;
import org.seqrec.trainer.bench.ResultsJson;
import org.seqrec.trainer.bench.ResultsMarkdown;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.report.Durations;
import org.seqrec.trainer.report.JsonOutput;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.ConfigScope;
import org.seqrec.trainer.train.Training;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark}: trains every configuration of {@code CONFIGS.json} on one log, one after the
 * other with the same split and seed, tests each kept model under every protocol and writes
 * {@code results.json}, {@code results.md} and the charts into {@code --out}, rewritten after each
 * configuration so that an interrupted run keeps what it finished. The configurations and the
 * published numbers are validated before anything is read or trained. Progress goes to stderr,
 * {@code results.md} to stdout at the end. Exit code 1 when a configuration failed (the others
 * still run). See docs/trainer.md.
 */
@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = "Train and test a list of model/loss configurations on one log; write results.json, "
                + "results.md and PNG charts.")
final class BenchmarkCommand implements Callable<Integer> {
    static final String RESULTS_JSON = "results.json";
    static final String RESULTS_MD = "results.md";

    @Spec
    CommandSpec spec;

    @Mixin
    InputOptions input;

    @Option(
            names = "--configs",
            required = true,
            paramLabel = "CONFIGS.json",
            description =
                    "JSON array of configurations: {\"name\": ..., <train option as snake_case key>: value, ...}.")
    Path configs;

    @Option(
            names = "--out",
            required = true,
            paramLabel = "DIR",
            description = "Folder for the results (created if missing).")
    Path out;

    @Option(
            names = "--protocol",
            paramLabel = "P",
            defaultValue = "full",
            converter = Converters.ProtocolConverter.class,
            description = "Headline test protocol: full or sampled:N (default: ${DEFAULT-VALUE}). "
                    + "All of full, full excluding seen items and sampled:N are reported.")
    EvaluationProtocol protocol;

    @Option(
            names = "--published",
            paramLabel = "PUBLISHED.json",
            description = "Published reference numbers to show next to ours (default: none).")
    Path published;

    @Option(
            names = "--threads",
            paramLabel = "N",
            description = "CPU threads for PyTorch (default: 1; more help only on an idle machine).")
    Integer threads;

    @Option(
            names = "--seed",
            paramLabel = "N",
            defaultValue = "" + TrainingConfig.DEFAULT_SEED,
            description = "Seed of every configuration and of the sampled test negatives (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--device",
            paramLabel = "DEVICE",
            defaultValue = "auto",
            converter = Converters.DeviceConverter.class,
            description = "auto (GPU if DJL sees one), cpu or gpu (default: ${DEFAULT-VALUE}).")
    DevicePreference device;

    @Option(names = "--keep-models", description = "Also write each configuration's model as <out>/<name>.seqrec.")
    boolean keepModels;

    @Option(
            names = "--only",
            paramLabel = "NAME",
            split = ",",
            description = "Run only these configurations (comma-separated names), in file order.")
    List<String> only;

    @Mixin
    CommonOptions common;

    private PrintWriter stderr;
    private boolean chartsWarned;

    @Override
    public Integer call() throws Exception {
        stderr = spec.commandLine().getErr();
        int threadCount = threads == null ? TrainingConfig.defaultThreads() : threads;
        if (threadCount < 1 || threadCount > TrainingConfig.MAX_THREADS) {
            throw new ParameterException(
                    spec.commandLine(),
                    "--threads must be in 1.." + TrainingConfig.MAX_THREADS + ", got " + threadCount);
        }
        TrainingConfig base = TrainingConfig.builder()
                .seed(seed)
                .device(device)
                .threads(threadCount)
                .build();
        List<BenchmarkConfig> selected = readConfigs(base);
        PublishedNumbers reference = readPublished();
        Path dir = outputFolder();

        InteractionData data = input.read(ItemIndexer.growing());
        LeaveOneOut split = LeaveOneOut.of(data);
        stderr.printf(
                Locale.ROOT,
                "read %s: %d users, %d items, %d interactions; %d users have validation and test items%n",
                input.input,
                data.numUsers(),
                data.numItems(),
                data.numInteractions(),
                split.evaluatedUsers());
        DjlRuntime.configure(null, threadCount);
        Environment env = Environment.detect(threadCount, DjlRuntime.resolve(device));
        List<EvaluationProtocol> protocols =
                BenchmarkRunner.protocols(protocol, reference == null ? null : reference.protocol());
        List<ConfigResult> done = new ArrayList<>();
        BenchmarkReport[] last = new BenchmarkReport[1];
        BenchmarkListener listener = new Progress(r -> {
            done.add(r);
            last[0] = new BenchmarkReport(
                    env,
                    input.input.toString(),
                    input.format.cliName(),
                    data.summary(),
                    split.evaluatedUsers(),
                    protocol,
                    protocols,
                    seed,
                    done,
                    reference);
            write(dir, last[0]);
        });
        stderr.printf(
                Locale.ROOT,
                "benchmark: %d configurations, headline protocol %s, seed %d, %d threads, %s; results in %s%n",
                selected.size(),
                protocol.spec(),
                seed,
                threadCount,
                env.device(),
                dir);
        stderr.flush();
        new BenchmarkRunner(data, split, protocols, seed, keepModels ? dir : null, listener).run(selected);

        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(ResultsMarkdown.render(last[0]));
        stdout.flush();
        long failed = done.stream().filter(ConfigResult::failed).count();
        if (failed > 0) {
            stderr.printf(
                    Locale.ROOT,
                    "benchmark: %d of %d configurations failed (see %s)%n",
                    failed,
                    done.size(),
                    dir.resolve(RESULTS_MD));
            stderr.flush();
            return 1;
        }
        return 0;
    }

    /** CONFIGS.json, validated whole, then filtered by --only; every problem is a usage error. */
    private List<BenchmarkConfig> readConfigs(TrainingConfig base) {
        try {
            return BenchmarkConfigs.select(BenchmarkConfigs.read(configs, base, ConfigScope.readers()), only);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--configs: cannot read " + configs + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--configs: " + e.getMessage());
        }
    }

    private PublishedNumbers readPublished() {
        if (published == null) {
            return null;
        }
        try {
            return PublishedNumbers.read(published);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--published: cannot read " + published + ": " + e);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--published: " + e.getMessage());
        }
    }

    private Path outputFolder() {
        Path dir = out.toAbsolutePath();
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out: cannot create folder " + dir + ": " + e);
        }
    }

    /** results.json and results.md, then the charts; a chart that cannot be drawn is a warning, once. */
    private void write(Path dir, BenchmarkReport report) throws IOException {
        JsonOutput.write(dir.resolve(RESULTS_JSON), ResultsJson.toJson(report));
        Path md = dir.resolve(RESULTS_MD);
        Path tmp = md.resolveSibling(RESULTS_MD + ".tmp");
        Files.writeString(tmp, ResultsMarkdown.render(report), StandardCharsets.UTF_8);
        Files.move(tmp, md, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try {
            Charts.write(report.results(), dir);
        } catch (RuntimeException | java.awt.AWTError | LinkageError e) {
            // hours of training must not be lost to a missing font: the tables are written already
            if (!chartsWarned) {
                stderr.println("benchmark: warning: charts not drawn (" + e + "); results.json and results.md are");
                chartsWarned = true;
            }
        }
    }

    private interface ResultSink {
        void accept(ConfigResult r) throws IOException;
    }

    /** One line per configuration start and end on stderr, the train command's per-epoch progress between. */
    private final class Progress implements BenchmarkListener {
        private final ResultSink sink;
        private ProgressBarListener bar;

        Progress(ResultSink sink) {
            this.sink = sink;
        }

        @Override
        public TrainingListener configStarted(int index, int total, BenchmarkConfig c) {
            TrainingConfig cfg = c.config();
            if (cfg.isBaseline()) {
                stderr.printf(
                        Locale.ROOT,
                        "[%d/%d] %s: %s, fit by counting%n",
                        index,
                        total,
                        c.name(),
                        cfg.model().name());
            } else {
                stderr.printf(
                        Locale.ROOT,
                        "[%d/%d] %s: %s, loss %s, %d epochs%s%n",
                        index,
                        total,
                        c.name(),
                        cfg.model().name(),
                        cfg.loss().id(),
                        cfg.epochs(),
                        cfg.patience() > 0 ? " (patience " + cfg.patience() + ")" : "");
            }
            stderr.flush();
            bar = new ProgressBarListener(
                    TrainingListener.NONE,
                    cfg.epochs(),
                    Training.SELECTION_METRIC,
                    stderr,
                    ProgressBarListener.interactiveTerminal());
            return bar;
        }

        @Override
        public void configTrained(int index, int total, BenchmarkConfig c) {
            if (bar != null) {
                bar.close();
                bar = null;
            }
        }

        @Override
        public void configDone(int index, int total, ConfigResult r) throws IOException {
            if (r.failed()) {
                stderr.printf(
                        Locale.ROOT,
                        "[%d/%d] %s failed after %s: %s%n",
                        index,
                        total,
                        r.name(),
                        Durations.format(r.trainSeconds()),
                        r.error());
            } else {
                String variant = BenchmarkRunner.variant(protocol);
                stderr.printf(
                        Locale.ROOT,
                        "[%d/%d] %s done: %d epochs (best %d%s) in %s; test %s HR@10 %.4f NDCG@10 %.4f%n",
                        index,
                        total,
                        r.name(),
                        r.epochs().size(),
                        r.bestEpoch(),
                        r.stoppedEarly() ? ", stopped early" : "",
                        Durations.format(r.trainSeconds()),
                        variant,
                        r.test().get(variant).hr10(),
                        r.test().get(variant).ndcg10());
            }
            stderr.flush();
            sink.accept(r);
        }
    }
}
