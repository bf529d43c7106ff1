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
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.it.ItEnvironment;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeResponse;

/**
 * The soak ({@code scripts/soak-serving}, docs/benchmarks.md "Soak"): a node serving {@code seqrec}
 * searches from many clients for a long time while its model is replaced again and again. It checks
 * that no search fails and that the node's resident memory stays flat.
 * <ol>
 *   <li>takes or trains two models ({@link SoakOptions.Second}) with the shared setup
 *       ({@link BenchSetup}), starts a node with the plugin zip and the java agent, uploads the first
 *       with the real {@code seqrec-trainer upload} (generation 1) and indexes the benchmark's
 *       catalogue;</li>
 *   <li>runs {@code --clients} clients for {@code --duration} ({@link SoakLoad}: {@code match} +
 *       {@code seqrec} rescore and the {@code seqrec} query, alternately, with every distinct 50-item
 *       window of the log's users in turn), uploads a new version every {@code --replace-every}
 *       ({@link ModelReplacer}), and samples the node every {@value SoakSample#SLOT_SECONDS} s
 *       ({@link NodeSampler}), printing a line per minute;</li>
 *   <li>prints and writes the result ({@link SoakReport}): searches sent and failed (the first
 *       failures' answers), requests/s per minute, resident memory (start, peak, end, per minute) in
 *       all and outside the Java heap, heap used, generations reached.</li>
 * </ol>
 * Exit status 0: no search failed and every replacement was uploaded; 1: a search or an upload
 * failed, or a step did; 2: bad arguments. Not a test (the name matches neither {@code *Tests} nor
 * {@code *IT}). Traffic goes to 127.0.0.1 only.
 */
public final class ServingSoak {
    static final String MODEL_ID = "soak-serving";
    static final String WORK_DIR_NAME = "serving-soak";
    static final List<RequestKind> KINDS = List.of(RequestKind.MATCH_SEQREC_RESCORE, RequestKind.SEQREC_QUERY);
    /** The count bound of the load, per second of the duration: far above what a node answers on 2 cores. */
    static final long MAX_REQUESTS_PER_SECOND = 10_000;

    private static final int STEPS = 4;

    private final SoakOptions options;
    private final PrintStream out = System.out;
    private final BenchSetup setup = new BenchSetup(out, STEPS);
    private final List<SoakSample> samples = new ArrayList<>();

    private ServingSoak(SoakOptions options) {
        this.options = options;
    }

    /** Exit status 0: passed; 1: a search, an upload or a step failed; 2: bad arguments. */
    public static void main(String[] args) {
        BenchSetup.exit("soak-serving", SoakOptions.USAGE, args, a -> new ServingSoak(SoakOptions.parse(a)).run());
    }

    private int run() {
        Path outDir = BenchSetup.writableFolder(options.out().toAbsolutePath());
        ItEnvironment.pluginDir(); // fails before the slow steps when the build is missing
        options.artifact().ifPresent(file -> BenchSetup.requireFile("--artifact", file));
        options.secondArtifact().ifPresent(file -> BenchSetup.requireFile("--second-artifact", file));
        BenchSetup.requireFile("--data", options.data());
        List<BenchUsers.User> windows = BenchUsers.windows(options.data(), options.seed());

        setup.step(
                1,
                "models: "
                        + (options.artifact().isPresent()
                                ? "take " + options.artifact().get()
                                : "train one") + ", and a second one: "
                        + options.second().name().toLowerCase(Locale.ROOT));
        Path first = options.artifact().orElseGet(() -> train(outDir, options.seed()));
        Path second = switch (options.second()) {
            case TRAIN -> train(outDir, options.seed() + 1);
            case SAME -> first;
            case FILE -> options.secondArtifact().orElseThrow();
        };
        ModelArtifact firstArtifact = BenchSetup.read(first);
        ModelArtifact secondArtifact = second.equals(first) ? firstArtifact : BenchSetup.read(second);
        if (!secondArtifact.vocabulary().ids().equals(firstArtifact.vocabulary().ids())) {
            throw new IllegalArgumentException("--second-artifact: " + second + " has other items than " + first
                    + "; the catalogue holds the first model's items (use --second-artifact same, or a model trained on the"
                    + " same data)");
        }
        Map<String, Object> facts = facts(first, firstArtifact, second, secondArtifact, windows.size());
        Map<String, Object> settings = settings(first, second, windows.size());

        setup.step(
                2,
                "start a node with the plugin (heap " + options.heap()
                        + "), upload the first model, index the catalogue");
        try (LocalOpenSearchNode node = setup.startNode(WORK_DIR_NAME, options.heap());
                HttpClient client = LoadPhase.newClient()) {
            facts.put("OpenSearch", BenchSetup.openSearchVersion(node.http()));
            setup.upload(node, first, MODEL_ID);
            long generation = currentGeneration(node);
            BenchSetup.Catalogue catalogue =
                    BenchSetup.indexCatalogue(new BenchIndices(node.http()), firstArtifact, options.seed());
            facts.put("catalogue", catalogue.describe());
            out.println("indexed: " + catalogue.describe());
            List<RequestInput> inputs = inputs(windows);
            for (RequestKind kind : KINDS) {
                BenchSetup.check(node.http(), kind, kind.request(MODEL_ID, inputs.getFirst()));
            }
            NodeSampler sampler = NodeSampler.of(node.http());
            facts.put(
                    "sampling",
                    "every " + SoakSample.SLOT_SECONDS + " s: VmRSS of " + sampler.procStatus()
                            + ", the Rss of the Java heap's mapping in " + sampler.procSmaps()
                            + " (the anonymous rw-p one of about heap_max_in_bytes), heap_used_in_bytes of"
                            + " GET /_nodes/_local/stats/jvm, loaded_models_memory_bytes of"
                            + " GET /_plugins/_seqrec/_local/stats");
            out.println("sampling: " + facts.get("sampling"));

            setup.step(
                    3,
                    String.format(
                            Locale.ROOT,
                            "soak: %d clients for %s, a new model version every %s (%d uploads)",
                            options.clients(),
                            SoakOptions.format(options.duration()),
                            SoakOptions.format(options.replaceEvery()),
                            options.replacements()));
            SoakLoad load = new SoakLoad(client, node.httpUri(), MODEL_ID, KINDS, inputs);
            ModelReplacer replacer = new ModelReplacer(node.httpUri(), MODEL_ID, first, second, generation, out);
            long start = System.nanoTime();
            long deadline = start + options.duration().toNanos();
            record(sampler.sample(0, seconds(start), load::succeeded, load::failed, replacer::generation));
            Thread sampling = Thread.ofPlatform()
                    .name("soak-sampler")
                    .daemon()
                    .start(() -> sample(sampler, load, replacer, start));
            replacer.start(start, options.replaceEvery(), options.replacements(), deadline);
            SoakLoad.Result result = load.run(
                    options.clients(),
                    start,
                    options.duration(),
                    MAX_REQUESTS_PER_SECOND * Math.max(1, options.duration().toSeconds()));
            join(sampling, Duration.ofSeconds(90));
            List<ModelReplacer.Upload> uploads = replacer.finish();
            record(sampler.sample(SoakSample.END, seconds(start), load::succeeded, load::failed, replacer::generation));
            long current = currentGeneration(node);
            facts.put(
                    "end",
                    "the node " + (node.isRunning() ? "still runs" : "is NOT running")
                            + "; GET /_plugins/_seqrec/models/"
                            + MODEL_ID + " reports generation " + current
                            + (current == replacer.generation()
                                    ? " (the last uploaded)"
                                    : ", NOT the last uploaded " + replacer.generation()));

            setup.step(4, "results");
            SoakReport report;
            synchronized (samples) {
                report = new SoakReport(
                        facts, settings, result, new SoakSummary(samples), uploads, options.replacements());
            }
            out.println();
            report.resultLines().forEach(out::println);
            for (SoakLoad.Failure f : result.firstFailures()) {
                out.printf(
                        Locale.ROOT,
                        "failure at t=%.1fs, %s: %s%n",
                        f.seconds(),
                        f.kind().cliName(),
                        f.what());
            }
            out.println();
            out.print(report.minuteTable());
            Path written = report.write(outDir);
            out.println("\nwritten: " + written + " and " + written.resolveSibling(SoakReport.JSON_FILE));
            if (!report.passed()) {
                System.err.println("seqrec soak-serving: FAILED: " + result.totalFailed() + " of "
                        + result.totalAttempted()
                        + " searches failed, " + report.failedUploads() + " uploads failed, " + uploads.size() + " of "
                        + options.replacements() + " replacements made");
                return 1;
            }
            return 0;
        }
    }

    /** The sampler thread: slots 1.. up to the duration, each at its time; a line per completed minute. */
    private void sample(NodeSampler sampler, SoakLoad load, ModelReplacer replacer, long start) {
        long slots = options.duration().toSeconds() / SoakSample.SLOT_SECONDS;
        long slotNanos = Duration.ofSeconds(SoakSample.SLOT_SECONDS).toNanos();
        for (int slot = 1; slot <= slots; slot++) {
            long due = start + slot * slotNanos;
            if (System.nanoTime() - due > slotNanos) {
                continue; // a slow sample made this slot pass: skip it rather than sample twice at once
            }
            try {
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(Duration.ofNanos(wait));
                }
            } catch (InterruptedException e) {
                return;
            }
            record(sampler.sample(slot, seconds(start), load::succeeded, load::failed, replacer::generation));
            if (slot % SoakSample.SLOTS_PER_MINUTE == 0) {
                SoakSummary.Minute minute;
                synchronized (samples) {
                    minute = new SoakSummary(samples).minute(slot / SoakSample.SLOTS_PER_MINUTE);
                }
                if (minute != null) {
                    out.println(SoakReport.minuteLine(minute));
                    out.flush();
                }
            }
        }
    }

    private void record(SoakSample sample) {
        synchronized (samples) {
            samples.add(sample);
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static void join(Thread thread, Duration limit) {
        try {
            thread.join(limit.toMillis());
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(10_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One input per window, in the windows' (seeded) order, with drawn {@code match} texts. */
    private List<RequestInput> inputs(List<BenchUsers.User> windows) {
        List<RequestInput> drawn = RequestInput.draw(
                windows, BenchCatalogue.queries(), BenchCatalogue.rescoreWords(), windows.size(), options.seed() + 3);
        List<RequestInput> inputs = new ArrayList<>(windows.size());
        for (int i = 0; i < windows.size(); i++) {
            inputs.add(drawn.get(i).withUser(windows.get(i)));
        }
        return inputs;
    }

    private static long currentGeneration(LocalOpenSearchNode node) {
        NodeResponse r = node.http().get("/_plugins/_seqrec/models/" + MODEL_ID);
        if (r.status() != 200 || !(r.json().get("generation") instanceof Number g)) {
            throw new IllegalStateException(
                    "GET /_plugins/_seqrec/models/" + MODEL_ID + " did not report a generation: " + r);
        }
        return g.longValue();
    }

    private Path train(Path outDir, long seed) {
        String stem = options.data().getFileName().toString().replaceFirst("\\.[^.]*$", "");
        return setup.trainSasRec(
                options.data(),
                options.epochs(),
                seed,
                outDir.resolve(stem + "-sasrec-" + options.epochs() + "ep-seed" + seed + ".seqrec"));
    }

    private Map<String, Object> facts(
            Path first, ModelArtifact firstArtifact, Path second, ModelArtifact secondArtifact, int windows) {
        String trained = ", trained " + options.epochs() + " epoch(s) here";
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put(
                "machine",
                Runtime.getRuntime().availableProcessors() + " cores seen by the JVM, Java "
                        + System.getProperty("java.version") + "; node and clients share them");
        facts.put(
                "node",
                "one OpenSearch node on 127.0.0.1 with the plugin zip and the java agent, heap " + options.heap()
                        + ", default plugin settings");
        facts.put(
                "first model",
                BenchSetup.describeModel(
                        first,
                        firstArtifact,
                        options.artifact().isPresent() ? "" : trained + " (seed " + options.seed() + ")"));
        facts.put(
                "second model",
                switch (options.second()) {
                    case TRAIN ->
                        BenchSetup.describeModel(
                                second,
                                secondArtifact,
                                trained + " (seed " + (options.seed() + 1) + "): other weights, the same items");
                    case SAME -> "the first model's file again: each upload is still a new version (a new upload id)";
                    case FILE -> BenchSetup.describeModel(second, secondArtifact, "");
                });
        facts.put(
                "replacements",
                String.format(
                        Locale.ROOT,
                        "%d, one every %s from the start: upload k sends the second model"
                                + " for odd k, the first for even k (ModelUploader, the code of `seqrec-trainer upload`)",
                        options.replacements(),
                        SoakOptions.format(options.replaceEvery())));
        facts.put(
                "load",
                String.format(
                        Locale.ROOT,
                        "%d clients in a closed loop for %s (bounded by %,d requests per second of the"
                                + " duration in all), alternating `match` + `seqrec` rescore (`history`, window %d) and the `seqrec` query"
                                + " (`history`, k %d), size %d; any status but 200, a failed shard, no hits, a connection error or a %d s"
                                + " timeout counts as a failed search",
                        options.clients(),
                        SoakOptions.format(options.duration()),
                        MAX_REQUESTS_PER_SECOND,
                        RequestKind.WINDOW,
                        RequestKind.QUERY_K,
                        RequestKind.SIZE,
                        LoadPhase.REQUEST_TIMEOUT.toSeconds()));
        facts.put(
                "histories",
                String.format(
                        Locale.ROOT,
                        "the %,d distinct windows of %d consecutive items of the users of %s"
                                + " (seed %d), in turn: request n takes window n mod %,d, so each recurs every %,d requests",
                        windows,
                        BenchUsers.HISTORY_LENGTH,
                        options.data().getFileName(),
                        options.seed(),
                        windows,
                        windows));
        return facts;
    }

    private Map<String, Object> settings(Path first, Path second, int windows) {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("clients", options.clients());
        settings.put("duration_seconds", options.duration().toSeconds());
        settings.put("replace_every_seconds", options.replaceEvery().toSeconds());
        settings.put("replacements_planned", options.replacements());
        settings.put("second_artifact", options.second().name().toLowerCase(Locale.ROOT));
        settings.put("first_model_file", first.toString());
        settings.put("second_model_file", second.toString());
        settings.put("kinds", KINDS.stream().map(RequestKind::cliName).toList());
        settings.put("histories", windows);
        settings.put("sample_seconds", SoakSample.SLOT_SECONDS);
        settings.put("heap", options.heap());
        settings.put("cores", Runtime.getRuntime().availableProcessors());
        settings.put("java", System.getProperty("java.version"));
        settings.put("data", options.data().toString());
        settings.put("epochs", options.epochs());
        settings.put("seed", options.seed());
        return settings;
    }
}
