package org.seqrec.it.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.it.ItEnvironment;
import org.seqrec.it.bench.RequestKind.BenchRequest;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;
import org.seqrec.trainer.cli.SeqRecTrainer;

/**
 * The setup the serving benchmark ({@link ServingBenchmark}) and the soak ({@link ServingSoak})
 * share: checking paths before anything slow, training a SASRec with the real
 * {@code seqrec-trainer train} or reading a given artifact, starting a node with the plugin zip and
 * the java agent, uploading with the real {@code seqrec-trainer upload}, indexing the catalogue,
 * and checking one request of a kind. Bad arguments throw {@link IllegalArgumentException}, failed
 * steps {@link IllegalStateException} (or {@link UncheckedIOException}) saying what failed. Progress
 * goes to the given stream. Not thread-safe: one run's main thread uses it.
 */
final class BenchSetup {
    private final PrintStream out;
    private final int steps;
    private final long startNanos = System.nanoTime();

    /** @param steps how many numbered steps the run prints ({@link #step}) */
    BenchSetup(PrintStream out, int steps) {
        this.out = out;
        this.steps = steps;
    }

    /** The catalogue as indexed: documents, and how many documents the {@code match} texts find. */
    record Catalogue(int documents, int queries, long hitsMin, long hitsMax) {
        String describe() {
            return String.format(
                    Locale.ROOT,
                    "%,d documents in `%s` (2 shards, no replica, one segment each);"
                            + " titles `<quality> <scent> <category> <size>` from 40 words; %d `match` texts `<category> <quality>`"
                            + " find %,d to %,d documents each; the built-in rescorer matches one of 16 scents",
                    documents,
                    BenchIndices.CATALOGUE,
                    queries,
                    hitsMin,
                    hitsMax);
        }
    }

    /** Prints {@code === [n/steps] what (t=...)}. */
    void step(int number, String what) {
        out.printf(Locale.ROOT, "%n=== [%d/%d] %s  (t=%.0fs)%n", number, steps, what, elapsedSeconds());
        out.flush();
    }

    /**
     * The main of a bench command: {@code --help} prints {@code usage} (status 0); bad arguments
     * (an {@link IllegalArgumentException}) print the message and the usage (2); any other failure
     * prints its stack trace (1); else {@code run}'s status. Then exits: DJL's native threads would
     * keep the JVM alive (the node is stopped by then either way).
     */
    static void exit(String command, String usage, String[] args, ToIntFunction<String[]> run) {
        if (ServingOptions.wantsHelp(args)) {
            System.out.println(usage);
            System.exit(0);
        }
        int status;
        try {
            status = run.applyAsInt(args);
        } catch (IllegalArgumentException e) {
            System.err.println("seqrec " + command + ": error: " + e.getMessage() + "\n" + usage);
            status = 2;
        } catch (RuntimeException e) {
            e.printStackTrace();
            System.err.println("seqrec " + command + ": error: " + e.getMessage());
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    /** Seconds since this setup was made (the run's start). */
    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Creates the folder and checks, before the slow steps, that results can be written there. */
    static Path writableFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("--out: cannot create " + folder + " (" + e + ")", e);
        }
        if (!Files.isWritable(folder)) {
            throw new IllegalStateException(
                    "--out: " + folder + " is not writable by user " + System.getProperty("user.name"));
        }
        return folder;
    }

    /** @throws IllegalArgumentException naming {@code option} unless {@code file} is a readable file */
    static void requireFile(String option, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException(option + ": " + file.toAbsolutePath()
                    + " is not a readable file (for user " + System.getProperty("user.name") + ")");
        }
    }

    /** Reads and validates an artifact. */
    static ModelArtifact read(Path modelFile) {
        try {
            return ModelArtifact.read(modelFile);
        } catch (ArtifactException e) {
            throw new IllegalStateException(modelFile + " is not a valid .seqrec artifact: " + e.getMessage(), e);
        }
    }

    /** {@code <file>: sasrec, 12,101 items, d 64, L 50, 2 blocks<note>}. */
    static String describeModel(Path modelFile, ModelArtifact artifact, String note) {
        Manifest m = artifact.manifest();
        Object blocks = m.hyperParameters().get("blocks");
        return String.format(
                Locale.ROOT,
                "%s: %s, %,d items, d %d, L %d%s%s",
                modelFile.getFileName(),
                m.modelType(),
                m.numItems(),
                m.embeddingDim(),
                m.maxSeqLen(),
                blocks instanceof Number b ? ", " + b.intValue() + " blocks" : "",
                note);
    }

    /**
     * Trains the benchmark's SASRec (d 64, L 50, 2 blocks, one CPU thread) on {@code data} with the
     * real {@code seqrec-trainer train} into {@code model}; returns {@code model}.
     */
    Path trainSasRec(Path data, int epochs, long seed, Path model) {
        out.println("training " + epochs + " epoch(s) only: model quality does not matter for serving cost"
                + " (the same network and shapes run whatever the weights)");
        // One PyTorch thread: on 2 shared cores, more threads mostly wait on each other (docs/benchmarks.md).
        trainer(List.of(
                "train",
                "--input",
                data.toString(),
                "--format",
                "sequences",
                "--model",
                "sasrec",
                "--epochs",
                Integer.toString(epochs),
                "--dim",
                "64",
                "--max-len",
                "50",
                "--blocks",
                "2",
                "--device",
                "cpu",
                "--threads",
                "1",
                "--seed",
                Long.toString(seed),
                "--out",
                model.toString()));
        out.println("trained: " + model);
        return model;
    }

    /** Runs the real trainer CLI in this JVM. */
    void trainer(List<String> args) {
        out.println("$ seqrec-trainer " + String.join(" ", args));
        out.flush();
        int status = SeqRecTrainer.commandLine().execute(args.toArray(String[]::new));
        if (status != 0) {
            throw new IllegalStateException(
                    "seqrec-trainer " + args.getFirst() + " exited with status " + status + " (its message is above)");
        }
    }

    /**
     * Starts a node with the plugin zip and the java agent in a fresh work dir {@code workDirName},
     * heap {@code heap} ({@code -Xms} = {@code -Xmx}); the caller closes it.
     */
    LocalOpenSearchNode startNode(String workDirName, String heap) {
        return startNode(workDirName, heap, Map.of());
    }

    /** {@link #startNode(String, String)} with more {@code opensearch.yml} settings. */
    LocalOpenSearchNode startNode(String workDirName, String heap, Map<String, String> settings) {
        LocalOpenSearchNode.Builder builder = ItEnvironment.node(workDirName)
                .optPlugin(ItEnvironment.pluginDir())
                .optHeap(heap, heap);
        settings.forEach(builder::optSetting);
        if (!settings.isEmpty()) {
            out.println("node settings: " + settings);
        }
        LocalOpenSearchNode node = builder.start();
        out.println("node:    " + node.httpUri() + " (log: " + node.home().logFile() + ")");
        return node;
    }

    /** The node's OpenSearch version number, or null when the answer has none. */
    static Object openSearchVersion(NodeHttpClient http) {
        return http.get("/").json().get("version") instanceof Map<?, ?> v ? v.get("number") : null;
    }

    /** Uploads {@code model} as {@code modelId} with the real {@code seqrec-trainer upload}. */
    void upload(LocalOpenSearchNode node, Path model, String modelId) {
        trainer(List.of(
                "upload",
                model.toString(),
                "--cluster",
                node.httpUri().toString(),
                "--model-id",
                modelId,
                "--no-progress"));
    }

    /** Indexes one catalogue document per model item ({@link BenchCatalogue} titles) and counts the {@code match} hits. */
    static Catalogue indexCatalogue(BenchIndices indices, ModelArtifact artifact, long seed) {
        List<String> items = artifact.vocabulary().ids();
        int documents = indices.indexCatalogue(items, BenchCatalogue.titles(items.size(), seed));
        long[] hits = BenchCatalogue.queries().stream()
                .mapToLong(indices::matchCount)
                .sorted()
                .toArray();
        return new Catalogue(documents, hits.length, hits[0], hits[hits.length - 1]);
    }

    /** Sends one request and fails, with the node's answer, unless it is a whole 200 ({@link RequestKind#accepts}). */
    static void check(NodeHttpClient http, RequestKind kind, BenchRequest request) {
        NodeResponse r = http.post(request.path(), request.body());
        if (r.status() != 200 || !kind.accepts(r.body())) {
            throw new IllegalStateException(kind.cliName() + ": POST " + request.path() + " " + request.body()
                    + " did not answer a whole 200: " + r);
        }
    }
}
