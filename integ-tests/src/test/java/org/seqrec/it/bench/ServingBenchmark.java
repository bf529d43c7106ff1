package org.seqrec.it.bench;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.it.ItEnvironment;
import org.seqrec.it.bench.RequestKind.BenchRequest;
import org.seqrec.it.node.LocalOpenSearchNode;

/**
 * The serving benchmark ({@code scripts/bench-serving}, docs/benchmarks.md "Serving benchmark"):
 * what seqrec costs a node next to a plain search, measured over HTTP only.
 * <ol>
 *   <li>takes a model ({@code --artifact}) or trains a SASRec with the real {@code seqrec-trainer
 *       train} (d 64, L 50, 2 blocks, 1 epoch by default: the network's shapes, not its quality,
 *       set the serving cost);</li>
 *   <li>starts a real OpenSearch node with the plugin zip and the java agent ({@code --heap}),
 *       uploads the model with the real {@code seqrec-trainer upload}, indexes a catalogue of all
 *       the model's items and an events index holding exactly the histories the requests carry
 *       ({@link BenchIndices}; which histories: {@link InputPlan}, {@code --histories});</li>
 *   <li>sends every request kind once and checks its answer, warms up, then measures every kind
 *       at every client count ({@link LoadPhase}) and prints one table ({@link ResultTable}) and
 *       the node's encode latencies, also written to {@code --out}.</li>
 * </ol>
 * The setup steps are shared with the soak ({@link BenchSetup}).
 * Not a test: the name matches neither {@code *Tests} nor {@code *IT}. Needs the system properties
 * the integ-tests build sets (see {@link ItEnvironment}) and a non-root user. Traffic goes to
 * 127.0.0.1 only.
 */
public final class ServingBenchmark {
    static final String MODEL_ID = "bench-serving";
    static final String WORK_DIR_NAME = "serving-bench";
    private static final int STEPS = 5;

    /** The JIT's share of the node's CPU over a warm-up pass below which the node counts as warm. */
    static final double SETTLED_JIT_SHARE = 0.03;
    /** Warm-up passes at most. */
    static final int MAX_WARMUP_PASSES = 20;

    private final ServingOptions options;
    private final PrintStream out = System.out;
    private final BenchSetup setup = new BenchSetup(out, STEPS);

    private ServingBenchmark(ServingOptions options) {
        this.options = options;
    }

    /** Exit status 0: measured without errors; 1: a step failed or requests failed; 2: bad arguments. */
    public static void main(String[] args) {
        BenchSetup.exit(
                "bench-serving", ServingOptions.USAGE, args, a -> new ServingBenchmark(ServingOptions.parse(a)).run());
    }

    private int run() {
        Path outDir = BenchSetup.writableFolder(options.out().toAbsolutePath());
        ItEnvironment.pluginDir(); // fails before the slow steps when the build is missing
        options.artifact().ifPresent(file -> BenchSetup.requireFile("--artifact", file));
        BenchSetup.requireFile("--data", options.data());
        InputPlan plan = options.histories() == HistoryMode.REPEAT
                ? InputPlan.repeat(
                        BenchUsers.sample(options.data(), options.users(), options.seed()),
                        options.warmInputs(),
                        options.requests(),
                        options.seed())
                : InputPlan.distinct(
                        BenchUsers.windows(options.data(), options.seed()),
                        options.historiesNeeded(),
                        options.warmInputs(),
                        options.requests(),
                        options.seed());

        setup.step(
                1,
                options.artifact().isPresent()
                        ? "take the model " + options.artifact().get()
                        : "train a SASRec model");
        Path modelFile = options.artifact().orElseGet(() -> train(outDir));
        ModelArtifact artifact = BenchSetup.read(modelFile);
        Map<String, Object> facts = facts(modelFile, artifact, plan);
        Map<String, Object> settings = settings(modelFile, artifact, plan);
        out.println("histories: " + facts.get("histories"));

        setup.step(
                2,
                "start a node with the plugin (heap " + options.heap()
                        + "), upload the model, index catalogue and events");
        try (LocalOpenSearchNode node = setup.startNode(WORK_DIR_NAME, options.heap(), options.nodeSettings());
                HttpClient client = LoadPhase.newClient()) {
            Object version = BenchSetup.openSearchVersion(node.http());
            facts.put("OpenSearch", version);
            settings.put("opensearch_version", version);
            setup.upload(node, modelFile, MODEL_ID);
            BenchIndices indices = new BenchIndices(node.http());
            BenchSetup.Catalogue catalogue = BenchSetup.indexCatalogue(indices, artifact, options.seed());
            int events = indices.indexEvents(plan.eventUsers());
            facts.put("catalogue", catalogue.describe());
            facts.put(
                    "events",
                    String.format(
                            Locale.ROOT,
                            "%,d events of %,d %s in `%s` (1 shard), one minute apart in"
                                    + " order; `user_id` requests read the latest %d",
                            events,
                            plan.eventUsers().size(),
                            plan.mode() == HistoryMode.REPEAT
                                    ? "users (every interaction)"
                                    : "windows, each its own user id `w-<user>-<cut>` holding exactly its 50 items",
                            BenchIndices.EVENTS,
                            RequestKind.EVENTS_SIZE));
            settings.put("catalogue_documents", catalogue.documents());
            settings.put("match_hits_min", catalogue.hitsMin());
            settings.put("match_hits_max", catalogue.hitsMax());
            settings.put("events", events);
            out.println("indexed: " + facts.get("catalogue") + "\n         " + facts.get("events"));

            setup.step(
                    3,
                    "check one request of each kind, then warm up (" + options.warmup() + " requests per kind at "
                            + options.maxClients() + " clients, repeated until the JIT settles)");
            LoadPhase load = new LoadPhase(client, node.httpUri());
            for (RequestKind kind : options.kinds()) {
                BenchSetup.check(
                        node.http(),
                        kind,
                        kind.request(MODEL_ID, plan.warmup(kind, 1).getFirst()));
            }
            NodeSampler sampler = NodeSampler.of(node.http());
            warmUp(load, sampler, plan);

            setup.step(
                    4,
                    "measure " + options.kinds().size() + " kinds x clients " + options.clients() + ", "
                            + options.requests() + " requests per cell");
            List<CellResult> cells = new ArrayList<>();
            for (int clients : options.clients()) {
                for (RequestKind kind : options.kinds()) {
                    cells.add(measure(load, node, sampler, kind, clients, plan));
                }
            }
            SeqRecStatsSnapshot stats = SeqRecStatsSnapshot.fetch(node.http());
            if (plan.mode() == HistoryMode.DISTINCT && plan.handedOut() != plan.needed()) {
                // the plan's count and the run's phases disagree: say so rather than report a wrong reuse count
                out.println(
                        "warning: the run sent " + plan.handedOut() + " histories, the plan expected " + plan.needed());
            }

            setup.step(5, "results");
            ServingReport report = new ServingReport(
                    facts, settings, options.histories(), new ResultTable(cells), stats.latencyLines(), stats.raw());
            out.println();
            out.println(report.tableHeading());
            out.println();
            out.print(report.table().markdown());
            out.println("\nnode stats at the end (GET /_plugins/_seqrec/stats):");
            report.statsLines().forEach(line -> out.println("  " + line));
            Path written = report.write(outDir);
            out.println("\nwritten: " + written + " and " + written.resolveSibling(ServingReport.JSON_FILE));
            int errors = cells.stream().mapToInt(CellResult::errors).sum();
            if (errors > 0) {
                CellResult first =
                        cells.stream().filter(c -> c.errors() > 0).findFirst().orElseThrow();
                System.err.println("seqrec bench-serving: " + errors + " requests failed; first, in "
                        + first.kind().cliName() + " at " + first.clients() + " clients: " + first.firstError());
                return 1;
            }
            return 0;
        }
    }

    /**
     * Sends every kind's {@code --warmup} requests at the highest client count, and again (the same
     * requests) while the node's JIT compiler threads took more than {@value #SETTLED_JIT_SHARE} of its
     * CPU over the pass, at most {@value #MAX_WARMUP_PASSES} passes: on a 2-core machine C2 kept a fifth
     * of the CPU through the first cells after one short pass, and the first kinds measured paid for it.
     */
    private void warmUp(LoadPhase load, NodeSampler sampler, InputPlan plan) {
        Map<RequestKind, List<BenchRequest>> warm = new LinkedHashMap<>();
        for (RequestKind kind : options.kinds()) {
            warm.put(kind, requests(kind, plan.warmup(kind, options.warmup())));
        }
        for (int pass = 1; pass <= MAX_WARMUP_PASSES && options.warmup() > 0; pass++) {
            long cpuBefore = sampler.cpuMillis();
            long jitBefore = sampler.jitCpuMillis();
            int errors = 0;
            for (Map.Entry<RequestKind, List<BenchRequest>> e : warm.entrySet()) {
                errors += load.run(
                                e.getKey(),
                                e.getValue(),
                                options.maxClients(),
                                Duration.ofSeconds(options.cellSeconds()))
                        .errors();
            }
            double share = share(sampler.jitCpuMillis() - jitBefore, sampler.cpuMillis() - cpuBefore, jitBefore);
            out.printf(
                    Locale.ROOT,
                    "warm-up pass %d: %d requests per kind, %d errors; the JIT took %s of the node's CPU%n",
                    pass,
                    options.warmup(),
                    errors,
                    Double.isNaN(share) ? "an unknown share" : String.format(Locale.ROOT, "%.1f%%", 100 * share));
            out.flush();
            if (Double.isNaN(share) || share <= SETTLED_JIT_SHARE) {
                return;
            }
        }
    }

    /** jit / cpu, NaN when either is unknown (a reading of -1) or no CPU was used. */
    private static double share(long jit, long cpu, long jitBefore) {
        return jitBefore < 0 || jit < 0 || cpu <= 0 ? Double.NaN : (double) jit / cpu;
    }

    private CellResult measure(
            LoadPhase load,
            LocalOpenSearchNode node,
            NodeSampler sampler,
            RequestKind kind,
            int clients,
            InputPlan plan) {
        // a short warm-up at this concurrency opens the clients' connections and settles the node's pools
        load.run(
                kind,
                requests(kind, plan.warmup(kind, options.cellWarmup(clients))),
                clients,
                Duration.ofSeconds(options.cellSeconds()));
        List<BenchRequest> measured = requests(kind, plan.measured(kind, options.requests()));
        double encodesBefore = SeqRecStatsSnapshot.fetch(node.http()).encodes();
        long cpuBefore = sampler.cpuMillis();
        long jitBefore = sampler.jitCpuMillis();
        LoadPhase.Result r = load.run(kind, measured, clients, Duration.ofSeconds(options.cellSeconds()));
        long cpuAfter = sampler.cpuMillis();
        double jitShare = share(sampler.jitCpuMillis() - jitBefore, cpuAfter - cpuBefore, jitBefore);
        double encodes = SeqRecStatsSnapshot.fetch(node.http()).encodes() - encodesBefore;
        double cpu = cpuBefore < 0 || cpuAfter < 0 ? Double.NaN : cpuAfter - cpuBefore;
        CellResult cell = CellResult.of(kind, clients, measured.size(), r, encodes, cpu);
        out.printf(
                Locale.ROOT,
                "%-26s %3d clients: %8s requests/s  p50 %7s ms  p99 %7s ms  node CPU %6s ms/req (JIT %s)  %d errors%s%n",
                kind.cliName(),
                clients,
                ResultTable.rate(cell.requestsPerSecond()),
                ResultTable.millis(cell.p50Millis()),
                ResultTable.millis(cell.p99Millis()),
                ResultTable.millis(cell.nodeCpuMillisPerRequest()),
                Double.isNaN(jitShare) ? "?" : String.format(Locale.ROOT, "%.1f%%", 100 * jitShare),
                cell.errors(),
                cell.timedOut() ? "  (time limit reached)" : "");
        out.flush();
        return cell;
    }

    private static List<BenchRequest> requests(RequestKind kind, List<RequestInput> inputs) {
        return inputs.stream().map(in -> kind.request(MODEL_ID, in)).toList();
    }

    private Path train(Path outDir) {
        String stem = options.data().getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path model = setup.trainSasRec(
                options.data(),
                options.epochs(),
                options.seed(),
                outDir.resolve(stem + "-sasrec-" + options.epochs() + "ep.seqrec"));
        out.println("(rerun with --artifact " + model + " to skip training)");
        return model;
    }

    private Map<String, Object> facts(Path modelFile, ModelArtifact artifact, InputPlan plan) {
        ItemVocabulary vocabulary = artifact.vocabulary();
        List<BenchUsers.User> histories = plan.eventUsers();
        long known = histories.stream()
                .flatMap(u -> u.history(BenchUsers.HISTORY_LENGTH).stream())
                .filter(id -> vocabulary.rowOf(id) >= 0)
                .count();
        long total = (long) histories.size() * BenchUsers.HISTORY_LENGTH;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores seen by the JVM, Java "
                        + System.getProperty("java.version") + "; node and clients share them");
        facts.put(
                "node",
                "one OpenSearch node on 127.0.0.1 with the plugin zip and the java agent, heap " + options.heap());
        facts.put(
                "model",
                BenchSetup.describeModel(
                        modelFile,
                        artifact,
                        options.artifact().isPresent()
                                ? ""
                                : ", trained " + options.epochs()
                                        + " epoch(s) here (quality does not matter for serving cost)"));
        facts.put(
                "histories",
                plan.describe(options.data().getFileName().toString(), options.seed())
                        + String.format(
                                Locale.ROOT,
                                "; %.1f%% of their items known to the model",
                                total == 0 ? 0 : 100.0 * known / total));
        facts.put(
                "load",
                String.format(
                        Locale.ROOT,
                        "%d measured requests per cell after %d per kind of warm-up (and"
                                + " max(20, 4 x clients) before each cell); clients %s; HTTP/1.1 keep-alive from the JDK client;"
                                + " time limit %d s per cell",
                        options.requests(),
                        options.warmup(),
                        options.clients(),
                        options.cellSeconds()));
        return facts;
    }

    private Map<String, Object> settings(Path modelFile, ModelArtifact artifact, InputPlan plan) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("requests_per_cell", options.requests());
        settings.put("warmup_per_kind", options.warmup());
        settings.put("clients", options.clients());
        settings.put("kinds", options.kinds().stream().map(RequestKind::cliName).toList());
        settings.put("cell_seconds", options.cellSeconds());
        settings.put("heap", options.heap());
        settings.put("cores", Runtime.getRuntime().availableProcessors());
        settings.put("java", System.getProperty("java.version"));
        settings.put("model_file", modelFile.toString());
        settings.put("model_type", artifact.manifest().modelType());
        settings.put("model_items", artifact.manifest().numItems());
        settings.put("trained_epochs", options.artifact().isPresent() ? null : options.epochs());
        settings.put("data", options.data().toString());
        settings.put("histories", options.histories().cliName());
        settings.put("histories_available", plan.available());
        settings.put("histories_needed", plan.mode() == HistoryMode.DISTINCT ? plan.needed() : null);
        settings.put("max_uses_per_history", plan.mode() == HistoryMode.DISTINCT ? plan.maxUses() : null);
        settings.put(
                "users", plan.mode() == HistoryMode.REPEAT ? plan.eventUsers().size() : null);
        settings.put("seed", options.seed());
        settings.put("history_length", BenchUsers.HISTORY_LENGTH);
        settings.put("size", RequestKind.SIZE);
        settings.put("window_size", RequestKind.WINDOW);
        settings.put("query_k", RequestKind.QUERY_K);
        settings.put("recommend_k", RequestKind.RECOMMEND_K);
        settings.put("events_size", RequestKind.EVENTS_SIZE);
        return settings;
    }
}
