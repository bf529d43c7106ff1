package org.seqrec.it.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.it.ItEnvironment;
import org.seqrec.it.bench.RequestKind.BenchRequest;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeResponse;
import org.seqrec.trainer.cli.SeqRecTrainer;

/**
 * The serving benchmark ({@code scripts/bench-serving}, docs/benchmarks.md "Serving benchmark"):
 * what seqrec costs a node next to a plain search, measured over HTTP only.
 * <ol>
 *   <li>takes a model ({@code --artifact}) or trains a SASRec with the real {@code seqrec-trainer
 *       train} (d 64, L 50, 2 blocks, 1 epoch by default: the network's shapes, not its quality,
 *       set the serving cost);</li>
 *   <li>starts a real OpenSearch node with the plugin zip and the java agent ({@code --heap}),
 *       uploads the model with the real {@code seqrec-trainer upload}, indexes a catalogue of all
 *       the model's items and an events index of the sampled users ({@link BenchIndices});</li>
 *   <li>sends every request kind once and checks its answer, warms up, then measures every kind
 *       at every client count ({@link LoadPhase}) and prints one table ({@link ResultTable}) and
 *       the node's encode latencies, also written to {@code --out}.</li>
 * </ol>
 * Not a test: the name matches neither {@code *Tests} nor {@code *IT}. Needs the system properties
 * the integ-tests build sets (see {@link ItEnvironment}) and a non-root user. Traffic goes to
 * 127.0.0.1 only.
 */
public final class ServingBenchmark {
    static final String MODEL_ID = "bench-serving";
    static final String WORK_DIR_NAME = "serving-bench";
    private static final int STEPS = 5;

    private final ServingOptions options;
    private final PrintStream out = System.out;
    private final long startNanos = System.nanoTime();

    private ServingBenchmark(ServingOptions options) {
        this.options = options;
    }

    /** Exit status 0: measured without errors; 1: a step failed or requests failed; 2: bad arguments. */
    public static void main(String[] args) {
        if (ServingOptions.wantsHelp(args)) {
            System.out.println(ServingOptions.USAGE);
            System.exit(0);
        }
        int status;
        try {
            status = new ServingBenchmark(ServingOptions.parse(args)).run();
        } catch (IllegalArgumentException e) {
            System.err.println("seqrec bench-serving: error: " + e.getMessage() + "\n" + ServingOptions.USAGE);
            status = 2;
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.err.println("seqrec bench-serving: error: " + e.getMessage());
            status = 1;
        }
        System.out.flush();
        // DJL's native threads would keep the JVM alive; the node is stopped by now either way.
        System.exit(status);
    }

    private int run() {
        Path outDir = writableFolder(options.out().toAbsolutePath());
        Path pluginDir = ItEnvironment.pluginDir(); // fails before the slow steps when the build is missing
        options.artifact().ifPresent(file -> requireFile("--artifact", file));
        requireFile("--data", options.data());
        List<BenchUsers.User> users = BenchUsers.sample(options.data(), options.users(), options.seed());

        step(1, options.artifact().isPresent() ? "take the model " + options.artifact().get() : "train a SASRec model");
        Path modelFile = options.artifact().orElseGet(() -> train(outDir));
        ModelArtifact artifact = read(modelFile);
        Map<String, Object> facts = facts(modelFile, artifact, users);
        Map<String, Object> settings = settings(modelFile, artifact, users);

        step(2, "start a node with the plugin (heap " + options.heap() + "), upload the model, index catalogue and events");
        try (LocalOpenSearchNode node = ItEnvironment.node(WORK_DIR_NAME).optPlugin(pluginDir)
                .optHeap(options.heap(), options.heap()).start();
                HttpClient client = LoadPhase.newClient()) {
            out.println("node:    " + node.httpUri() + " (log: " + node.home().logFile() + ")");
            Object version = node.http().get("/").json().get("version") instanceof Map<?, ?> v ? v.get("number") : null;
            facts.put("OpenSearch", version);
            settings.put("opensearch_version", version);
            trainer(List.of("upload", modelFile.toString(), "--cluster", node.httpUri().toString(), "--model-id", MODEL_ID,
                    "--no-progress"));
            BenchIndices indices = new BenchIndices(node.http());
            List<String> items = artifact.vocabulary().ids();
            int documents = indices.indexCatalogue(items, BenchCatalogue.titles(items.size(), options.seed()));
            int events = indices.indexEvents(users);
            long[] hits = BenchCatalogue.queries().stream().mapToLong(indices::matchCount).sorted().toArray();
            facts.put("catalogue", String.format(Locale.ROOT, "%,d documents in `%s` (2 shards, no replica, one segment each);"
                    + " titles `<quality> <scent> <category> <size>` from 40 words; %d `match` texts `<category> <quality>`"
                    + " find %,d to %,d documents each; the built-in rescorer matches one of 16 scents",
                    documents, BenchIndices.CATALOGUE, hits.length, hits[0], hits[hits.length - 1]));
            facts.put("events", String.format(Locale.ROOT, "%,d events (every interaction) of the %d users in `%s`"
                    + " (1 shard), one minute apart; `user_id` requests read the latest %d",
                    events, users.size(), BenchIndices.EVENTS, RequestKind.EVENTS_SIZE));
            settings.put("catalogue_documents", documents);
            settings.put("match_hits_min", hits[0]);
            settings.put("match_hits_max", hits[hits.length - 1]);
            settings.put("events", events);
            out.println("indexed: " + facts.get("catalogue") + "\n         " + facts.get("events"));

            step(3, "check one request of each kind, then warm up (" + options.warmup() + " requests per kind at "
                    + options.maxClients() + " clients)");
            LoadPhase load = new LoadPhase(client, node.httpUri());
            List<RequestInput> warmInputs = RequestInput.draw(users, BenchCatalogue.queries(), BenchCatalogue.rescoreWords(),
                    Math.max(options.warmup(), 1), options.seed() + 1);
            List<RequestInput> measuredInputs = RequestInput.draw(users, BenchCatalogue.queries(),
                    BenchCatalogue.rescoreWords(), options.requests(), options.seed() + 2);
            for (RequestKind kind : options.kinds()) {
                check(node, kind, kind.request(MODEL_ID, warmInputs.getFirst()));
            }
            for (RequestKind kind : options.kinds()) {
                LoadPhase.Result r = load.run(kind, requests(kind, warmInputs, options.warmup()), options.maxClients(),
                        Duration.ofSeconds(options.cellSeconds()));
                out.printf("warm-up %-26s %4d requests, %d errors%n", kind.cliName(), r.attempted(), r.errors());
            }

            step(4, "measure " + options.kinds().size() + " kinds x clients " + options.clients() + ", "
                    + options.requests() + " requests per cell");
            List<CellResult> cells = new ArrayList<>();
            for (int clients : options.clients()) {
                for (RequestKind kind : options.kinds()) {
                    cells.add(measure(load, node, kind, clients, warmInputs, measuredInputs));
                }
            }
            SeqRecStatsSnapshot stats = SeqRecStatsSnapshot.fetch(node.http());

            step(5, "results");
            ServingReport report = new ServingReport(facts, settings, new ResultTable(cells), stats.latencyLines(), stats.raw());
            out.println();
            out.print(report.table().markdown());
            out.println("\nnode stats at the end (GET /_plugins/_seqrec/stats):");
            report.statsLines().forEach(line -> out.println("  " + line));
            Path written = report.write(outDir);
            out.println("\nwritten: " + written + " and " + written.resolveSibling(ServingReport.JSON_FILE));
            int errors = cells.stream().mapToInt(CellResult::errors).sum();
            if (errors > 0) {
                CellResult first = cells.stream().filter(c -> c.errors() > 0).findFirst().orElseThrow();
                System.err.println("seqrec bench-serving: " + errors + " requests failed; first, in " + first.kind().cliName()
                        + " at " + first.clients() + " clients: " + first.firstError());
                return 1;
            }
            return 0;
        }
    }

    private CellResult measure(LoadPhase load, LocalOpenSearchNode node, RequestKind kind, int clients,
            List<RequestInput> warmInputs, List<RequestInput> measuredInputs) {
        // a short warm-up at this concurrency opens the clients' connections and settles the node's pools
        load.run(kind, requests(kind, warmInputs, Math.min(warmInputs.size(), Math.max(20, 4 * clients))), clients,
                Duration.ofSeconds(options.cellSeconds()));
        double encodesBefore = SeqRecStatsSnapshot.fetch(node.http()).encodes();
        LoadPhase.Result r = load.run(kind, requests(kind, measuredInputs, measuredInputs.size()), clients,
                Duration.ofSeconds(options.cellSeconds()));
        double encodes = SeqRecStatsSnapshot.fetch(node.http()).encodes() - encodesBefore;
        CellResult cell = CellResult.of(kind, clients, measuredInputs.size(), r, encodes);
        out.printf("%-26s %3d clients: %8s requests/s  p50 %7s ms  p99 %7s ms  %d errors%s%n", kind.cliName(), clients,
                ResultTable.rate(cell.requestsPerSecond()), ResultTable.millis(cell.p50Millis()),
                ResultTable.millis(cell.p99Millis()), cell.errors(), cell.timedOut() ? "  (time limit reached)" : "");
        out.flush();
        return cell;
    }

    private static List<BenchRequest> requests(RequestKind kind, List<RequestInput> inputs, int count) {
        return inputs.subList(0, Math.min(count, inputs.size())).stream().map(in -> kind.request(MODEL_ID, in)).toList();
    }

    /** Sends one request and fails, with the node's answer, unless it is a whole 200. */
    private static void check(LocalOpenSearchNode node, RequestKind kind, BenchRequest request) {
        NodeResponse r = node.http().post(request.path(), request.body());
        if (r.status() != 200 || !kind.accepts(r.body())) {
            throw new IllegalStateException(kind.cliName() + ": POST " + request.path() + " " + request.body()
                    + " did not answer a whole 200: " + r);
        }
    }

    private Path train(Path outDir) {
        String stem = options.data().getFileName().toString().replaceFirst("\\.[^.]*$", "");
        Path model = outDir.resolve(stem + "-sasrec-" + options.epochs() + "ep.seqrec");
        out.println("training " + options.epochs() + " epoch(s) only: model quality does not matter for serving cost"
                + " (the same network and shapes run whatever the weights)");
        // One PyTorch thread: on 2 shared cores, more threads mostly wait on each other (docs/benchmarks.md).
        trainer(List.of("train", "--input", options.data().toString(), "--format", "sequences", "--model", "sasrec",
                "--epochs", Integer.toString(options.epochs()), "--dim", "64", "--max-len", "50", "--blocks", "2",
                "--device", "cpu", "--threads", "1", "--seed", Long.toString(options.seed()), "--out", model.toString()));
        out.println("trained: " + model + " (rerun with --artifact " + model + " to skip training)");
        return model;
    }

    private Map<String, Object> facts(Path modelFile, ModelArtifact artifact, List<BenchUsers.User> users) {
        Manifest m = artifact.manifest();
        ItemVocabulary vocabulary = artifact.vocabulary();
        long known = users.stream().flatMap(u -> u.history(BenchUsers.HISTORY_LENGTH).stream())
                .filter(id -> vocabulary.rowOf(id) >= 0).count();
        long total = (long) users.size() * BenchUsers.HISTORY_LENGTH;
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put("machine", Runtime.getRuntime().availableProcessors() + " cores seen by the JVM, Java "
                + System.getProperty("java.version") + "; node and clients share them");
        facts.put("node", "one OpenSearch node on 127.0.0.1 with the plugin zip and the java agent, heap " + options.heap());
        Object blocks = m.hyperParameters().get("blocks");
        facts.put("model", String.format(Locale.ROOT, "%s: %s, %,d items, d %d, L %d%s%s", modelFile.getFileName(),
                m.modelType(), m.numItems(), m.embeddingDim(), m.maxSeqLen(),
                blocks instanceof Number b ? ", " + b.intValue() + " blocks" : "", options.artifact().isPresent() ? ""
                        : ", trained " + options.epochs() + " epoch(s) here (quality does not matter for serving cost)"));
        facts.put("histories", String.format(Locale.ROOT, "the last %d items of %d users of %s with %d or more items"
                + " (seed %d), %.1f%% known to the model", BenchUsers.HISTORY_LENGTH, users.size(),
                options.data().getFileName(), BenchUsers.HISTORY_LENGTH, options.seed(), 100.0 * known / total));
        facts.put("load", String.format(Locale.ROOT, "%d measured requests per cell after %d per kind of warm-up (and"
                + " max(20, 4 x clients) before each cell); clients %s; HTTP/1.1 keep-alive from the JDK client;"
                + " time limit %d s per cell", options.requests(), options.warmup(), options.clients(), options.cellSeconds()));
        return facts;
    }

    /** Creates the folder and checks, before the slow steps, that the results can be written there. */
    private static Path writableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("--out: cannot create " + folder + " (" + e + ")", e);
        }
        if (!Files.isWritable(folder)) {
            throw new IllegalStateException("--out: " + folder + " is not writable by user " + System.getProperty("user.name"));
        }
        return folder;
    }

    private static void requireFile(String option, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(option + ": " + file.toAbsolutePath() + " is not a readable file (for user "
                    + System.getProperty("user.name") + ")");
        }
    }

    private static ModelArtifact read(Path modelFile) {
        try {
            return ModelArtifact.read(modelFile);
        } catch (ArtifactException e) {
            throw new IllegalStateException(modelFile + " is not a valid .seqrec artifact: " + e.getMessage(), e);
        }
    }

    private Map<String, Object> settings(Path modelFile, ModelArtifact artifact, List<BenchUsers.User> users) {
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
        settings.put("users", users.size());
        settings.put("seed", options.seed());
        settings.put("history_length", BenchUsers.HISTORY_LENGTH);
        settings.put("size", RequestKind.SIZE);
        settings.put("window_size", RequestKind.WINDOW);
        settings.put("query_k", RequestKind.QUERY_K);
        settings.put("recommend_k", RequestKind.RECOMMEND_K);
        settings.put("events_size", RequestKind.EVENTS_SIZE);
        return settings;
    }

    private void trainer(List<String> args) {
        out.println("$ seqrec-trainer " + String.join(" ", args));
        out.flush();
        int status = SeqRecTrainer.commandLine().execute(args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException("seqrec-trainer " + args.getFirst() + " exited with status " + status
                    + " (its message is above)");
        }
    }

    private void step(int number, String what) {
        out.printf("%n=== [%d/%d] %s  (t=%.0fs)%n", number, STEPS, what, (System.nanoTime() - startNanos) / 1e9);
        out.flush();
    }
}
