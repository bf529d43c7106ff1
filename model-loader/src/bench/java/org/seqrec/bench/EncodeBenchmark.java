package org.seqrec.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.nn.Bert4RecConfig;
import org.seqrec.nn.CaserConfig;
import org.seqrec.nn.Gru4RecConfig;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.cpu.CpuNetworks;
import org.seqrec.nn.cpu.CpuSequenceNetwork;
import org.seqrec.nn.cpu.KernelProbe;
import org.seqrec.testing.NetworkArtifacts;

/**
 * Encode latency of every network type on one CPU thread, today's DJL path
 * ({@link SequenceEncoder#encodeRows}, PyTorch with one intra-op thread) against the plain-Java path
 * ({@link CpuSequenceNetwork#userVectors}), at batch 1 and 16: per-call p50 / p99 and histories per
 * second, as a Markdown table. Models have the trainer's default hyper-parameters (d 64, L 50; SASRec
 * and BERT4Rec 2 blocks, 1 head; GRU4Rec 1 layer; Caser window 5, n_h 16, n_v 4), 12,101 items and
 * random weights; histories are 50 random items. Each cell warms up, then times calls for a fixed
 * time. Not a test; run with the {@code bench} profile (docs/benchmarks.md, "Encode microbenchmark").
 *
 * <p>Flags: --seconds S per cell (1.5), --warmup S per cell (1.0), --models list
 * (sasrec,sasrec-post,gru4rec,caser,bert4rec), --paths list (djl,java), --batches list (1,16),
 * --items N (12101), --seed S (42). The Java path uses the Vector API kernel when the JVM reads
 * jdk.incubator.vector (MAVEN_OPTS="--add-modules jdk.incubator.vector", as a stock OpenSearch node),
 * else the portable one; the first line says which.
 */
public final class EncodeBenchmark {
    private EncodeBenchmark() {}

    public static void main(String[] argv) throws Exception {
        double seconds = 1.5;
        double warmup = 1.0;
        List<String> models = List.of("sasrec", "sasrec-post", "gru4rec", "caser", "bert4rec");
        List<String> paths = List.of("DJL", "Java");
        int[] batches = {1, 16};
        int items = 12_101;
        long seed = 42;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            String v = argv[i + 1];
            switch (argv[i]) {
                case "--seconds" -> seconds = Double.parseDouble(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--models" -> models = List.of(v.split(","));
                case "--paths" ->
                    paths = Arrays.stream(v.split(","))
                            .map(p -> p.equalsIgnoreCase("djl") ? "DJL" : "Java")
                            .toList();
                case "--batches" ->
                    batches = Arrays.stream(v.split(","))
                            .mapToInt(Integer::parseInt)
                            .toArray();
                case "--items" -> items = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                default ->
                    throw new IllegalArgumentException("unknown flag " + argv[i]
                            + "; known: --seconds --warmup --models --paths --batches --items --seed");
            }
        }
        // Before anything starts the engine (building the random artifacts does): one PyTorch thread
        DjlRuntime.configure(null, 1);
        // First, while nothing is compiled yet: what the first encodes of a fresh JVM cost
        String cold = coldStart(items, seed);
        String panama = luceneVectorization();
        double[] kernel = KernelProbe.microsPerProduct(50, 64, 192, 2.0);
        System.out.printf(
                Locale.ROOT,
                "java %s, %d cpus, jdk.incubator.vector %s; Lucene VectorUtil: %s%n",
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(),
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent() ? "loaded" : "not loaded",
                panama);
        System.out.printf(
                Locale.ROOT,
                "kernel (50 x 64) . (64 x 192): Vector API kernel %.1f us, portable kernel %.1f us,"
                        + " Lucene dotProduct %.1f us, plain dot loop %.1f us; the Java path uses: %s%n",
                kernel[0],
                kernel[1],
                kernel[2],
                kernel[3],
                CpuNetworks.kernelDescription());
        System.out.println(cold);

        System.out.println();
        System.out.println(
                "| model | path | batch | p50 ms / call | p99 ms / call | histories/s | vs batch 1 | vs DJL |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|");
        for (String model : models) {
            NetworkConfig config = config(model, items);
            ModelArtifact artifact = NetworkArtifacts.initialized(config, seed);
            int[][] pool = histories(items, 50, 256, seed);
            Map<String, double[]> batchOne = new LinkedHashMap<>();
            double[] djlRates = new double[batches.length];
            try (SequenceEncoder djl = SequenceEncoder.open(artifact, DevicePreference.CPU, CpuInference.DJL)) {
                CpuSequenceNetwork java = org.seqrec.model.ModelTypes.cpuNetwork(artifact);
                for (String path : paths) {
                    Function<int[][], float[][]> encode = path.equals("DJL") ? djl::encodeRows : java::userVectors;
                    for (int k = 0; k < batches.length; k++) {
                        double[] r = measure(encode, pool, batches[k], warmup, seconds);
                        batchOne.putIfAbsent(path, r);
                        if (path.equals("DJL")) {
                            djlRates[k] = r[2];
                        }
                        String vsDjl = path.equals("DJL") || djlRates[k] == 0
                                ? ""
                                : String.format(Locale.ROOT, "%.1fx", r[2] / djlRates[k]);
                        System.out.printf(
                                Locale.ROOT,
                                "| %s | %s | %d | %.3f | %.3f | %.0f | %.2fx | %s |%n",
                                model,
                                path,
                                batches[k],
                                r[0],
                                r[1],
                                r[2],
                                r[2] / batchOne.get(path)[2],
                                vsDjl);
                    }
                }
            }
        }
    }

    /** Cumulative time of the first encodes of SASRec on the Java path in this JVM, as one line. */
    private static String coldStart(int items, long seed) throws Exception {
        CpuSequenceNetwork java =
                org.seqrec.model.ModelTypes.cpuNetwork(NetworkArtifacts.initialized(config("sasrec", items), seed));
        int[][] pool = histories(items, 50, 64, seed);
        StringBuilder line = new StringBuilder(
                "cold start, SASRec Java path (" + CpuNetworks.kernelDescription() + "), time of the first encodes:");
        int[] marks = {1, 10, 100, 1000, 3000, 10000};
        int next = 0;
        long start = System.nanoTime();
        for (int i = 1; i <= marks[marks.length - 1]; i++) {
            java.userVector(pool[i & 63]);
            if (i == marks[next]) {
                line.append(String.format(Locale.ROOT, " %d: %.0f ms;", i, (System.nanoTime() - start) / 1e6));
                next++;
            }
        }
        return line.toString();
    }

    static NetworkConfig config(String model, int items) {
        return switch (model) {
            case "sasrec" -> new SasRecConfig(items, 64, 50, 2, 1, 0.2f, LayerNormPlacement.PRE);
            case "sasrec-post" -> new SasRecConfig(items, 64, 50, 2, 1, 0.2f, LayerNormPlacement.POST);
            case "gru4rec" -> new Gru4RecConfig(items, 64, 50, 1, 0.2f);
            case "caser" -> new CaserConfig(items, 64, 50, 5, 16, 4, 0.5f);
            case "bert4rec" -> new Bert4RecConfig(items, 64, 50, 2, 1, 0.2f, 0.2f);
            default ->
                throw new IllegalArgumentException(
                        "unknown model " + model + "; known: sasrec, sasrec-post, gru4rec, caser, bert4rec");
        };
    }

    /** {p50 ms, p99 ms, histories/s} of calls with {@code batch} histories each. */
    private static double[] measure(
            Function<int[][], float[][]> encode, int[][] pool, int batch, double warmup, double seconds) {
        List<int[][]> inputs = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            int[][] b = new int[batch][];
            for (int k = 0; k < batch; k++) {
                b[k] = pool[(i * batch + k) % pool.length];
            }
            inputs.add(b);
        }
        long end = System.nanoTime() + (long) (warmup * 1e9);
        int i = 0;
        while (System.nanoTime() < end) {
            encode.apply(inputs.get(i++ & 63));
        }
        LatencySample s = new LatencySample(100_000);
        long stop = System.nanoTime() + (long) (seconds * 1e9);
        long now;
        do {
            int[][] b = inputs.get(i++ & 63);
            long t = System.nanoTime();
            encode.apply(b);
            now = System.nanoTime();
            s.add(now - t);
        } while (now < stop || s.size() < 20);
        return new double[] {s.quantileMillis(0.5), s.quantileMillis(0.99), batch * s.size() / s.totalSeconds()};
    }

    /** {@code count} histories of {@code len} random rows in 1..items. */
    static int[][] histories(int items, int len, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[][] out = new int[count][len];
        for (int[] h : out) {
            for (int j = 0; j < len; j++) {
                h[j] = 1 + random.nextInt(items);
            }
        }
        return out;
    }

    /** What Lucene's vectorization provider logged when it started (Panama or the scalar fallback). */
    private static String luceneVectorization() {
        Logger logger = Logger.getLogger("org.apache.lucene.internal.vectorization");
        List<String> messages = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                messages.add(record.getMessage()
                        .replaceAll(
                                "\\{0}",
                                String.valueOf(
                                        record.getParameters() == null || record.getParameters().length == 0
                                                ? ""
                                                : record.getParameters()[0])));
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        try {
            org.apache.lucene.util.VectorUtil.dotProduct(new float[8], new float[8]);
        } finally {
            logger.removeHandler(capture);
        }
        return messages.isEmpty() ? "no message" : String.join("; ", messages);
    }
}
