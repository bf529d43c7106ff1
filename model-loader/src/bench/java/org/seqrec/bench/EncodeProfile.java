package org.seqrec.bench;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.nn.HistoryPadding;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.SequenceNetwork;
import org.seqrec.nn.cpu.CpuNetworks;
import org.seqrec.nn.cpu.CpuSequenceNetwork;
import org.seqrec.testing.NetworkArtifacts;

/**
 * Where the time of today's DJL encode goes, for one SASRec (default d 64, L 50, 2 blocks, 1 head,
 * 12,101 items, random weights) on one PyTorch thread: {@link SequenceEncoder#encode} and
 * {@link SequenceEncoder#encodeBatch} latencies, then the same forward pass split into its stages
 * (id lookup and padding, input upload, the network's ops, copy-out, freeing the call's arrays), the
 * number of native arrays (each one engine call) and minor page faults a call makes, the cost of
 * single engine calls, Java heap allocated per encode (and, for comparison, per encode of the
 * plain-Java path {@code org.seqrec.nn.cpu}), and a thread hop. Not a test; run with the {@code bench}
 * profile (docs/benchmarks.md, "Encode microbenchmark").
 *
 * <p>Flags: --items N (12101), --dim D (64), --len L (50), --blocks b (2), --heads H (1),
 * --iterations I (2000, batch-1 calls; batch 16 runs I / 8), --seed S (42).
 */
public final class EncodeProfile {
    private EncodeProfile() {}

    public static void main(String[] argv) throws Exception {
        int items = 12_101;
        int dim = 64;
        int len = 50;
        int blocks = 2;
        int heads = 1;
        int iterations = 2000;
        long seed = 42;
        for (int i = 0; i + 1 < argv.length; i += 2) {
            String v = argv[i + 1];
            switch (argv[i]) {
                case "--items" -> items = Integer.parseInt(v);
                case "--dim" -> dim = Integer.parseInt(v);
                case "--len" -> len = Integer.parseInt(v);
                case "--blocks" -> blocks = Integer.parseInt(v);
                case "--heads" -> heads = Integer.parseInt(v);
                case "--iterations" -> iterations = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                default ->
                    throw new IllegalArgumentException("unknown flag " + argv[i]
                            + "; known: --items --dim --len --blocks --heads --iterations --seed");
            }
        }
        DjlRuntime.configure(null, 1);
        SasRecConfig config = new SasRecConfig(items, dim, len, blocks, heads, 0.2f, LayerNormPlacement.PRE);
        ModelArtifact artifact = NetworkArtifacts.initialized(config, seed);
        System.out.printf(
                Locale.ROOT,
                "SASRec items=%d d=%d L=%d blocks=%d heads=%d, PyTorch threads=1, java=%s, cpus=%d%n",
                items,
                dim,
                len,
                blocks,
                heads,
                System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        List<List<String>> histories = histories(artifact.vocabulary(), len, 256, seed);

        try (SequenceEncoder encoder = SequenceEncoder.open(artifact, DevicePreference.CPU, CpuInference.DJL)) {
            for (int batch : new int[] {1, 16}) {
                int n = batch == 1 ? iterations : Math.max(50, iterations / 8);
                LatencySample s = new LatencySample(n);
                for (int warm = 0; warm < n / 2; warm++) {
                    encoder.encodeBatch(slice(histories, warm, batch));
                }
                for (int i = 0; i < n; i++) {
                    List<List<String>> b = slice(histories, i, batch);
                    long t = System.nanoTime();
                    encoder.encodeBatch(b);
                    s.add(System.nanoTime() - t);
                }
                System.out.printf(
                        Locale.ROOT,
                        "SequenceEncoder.encodeBatch, batch %2d: p50 %.3f ms, p99 %.3f ms, mean %.3f ms,"
                                + " %.0f histories/s%n",
                        batch,
                        s.quantileMillis(0.5),
                        s.quantileMillis(0.99),
                        s.meanMillis(),
                        batch * n / s.totalSeconds());
            }
            long allocated = allocatedPerCall(() -> encoder.encode(histories.get(7)), iterations);
            System.out.printf(Locale.ROOT, "Java heap allocated per encode (batch 1): %d bytes%n", allocated);
        }

        try (NDManager base = NDManager.newBaseManager(Device.cpu(), "PyTorch")) {
            SequenceNetwork network = Networks.fromArtifact(
                    org.seqrec.model.ModelTypes.networkConfig(artifact.manifest()), artifact, base);
            for (int batch : new int[] {1, 16}) {
                stages(
                        network,
                        artifact.vocabulary(),
                        histories,
                        batch,
                        batch == 1 ? iterations : Math.max(50, iterations / 8));
            }
            engineCalls(base, dim, len, iterations * 5);
        }
        threadHop(iterations * 5);
        CpuSequenceNetwork plain = org.seqrec.model.ModelTypes.cpuNetwork(artifact);
        int[] rows =
                histories.get(7).stream().mapToInt(artifact.vocabulary()::rowOf).toArray();
        CpuNetworks.warmUp(plain, 5000, Duration.ofSeconds(20));
        System.out.printf(
                Locale.ROOT,
                "Java path (%s): heap allocated per encode (batch 1) %d bytes%n",
                CpuNetworks.kernelDescription(),
                allocatedPerCall(() -> plain.userVector(rows), iterations));
        long full = (long) blocks * (4L * len * dim * dim + 2L * len * len * dim + 2L * len * dim * dim);
        long needed = (blocks - 1L) * (4L * len * dim * dim + (long) len * (len + 1) * dim + 2L * len * dim * dim)
                + 2L * len * dim * dim
                + 2L * dim * dim
                + 2L * len * dim
                + 2L * dim * dim;
        System.out.printf(
                Locale.ROOT,
                "multiply-adds per history: DJL computes %d (every position of every block),"
                        + " the last position needs %d%n",
                full,
                needed);
    }

    /** The forward pass of {@code SequenceEncoder} split into stages, medians per call. */
    private static void stages(
            SequenceNetwork network, ItemVocabulary vocabulary, List<List<String>> histories, int batch, int n) {
        int len = network.maxLen();
        LatencySample lookup = new LatencySample(n);
        LatencySample upload = new LatencySample(n);
        LatencySample forward = new LatencySample(n);
        LatencySample copy = new LatencySample(n);
        LatencySample free = new LatencySample(n);
        int arrays = 0;
        long faults = 0;
        for (int i = -n / 2; i < n; i++) {
            long f0 = i == 0 ? minorFaults() : 0;
            List<List<String>> b = slice(histories, Math.abs(i), batch);
            long t0 = System.nanoTime();
            int[][] rows = new int[batch][];
            for (int k = 0; k < batch; k++) {
                rows[k] = b.get(k).stream()
                        .mapToInt(vocabulary::rowOf)
                        .filter(r -> r > 0)
                        .toArray();
            }
            long[] padded = HistoryPadding.leftPad(rows, len);
            long t1 = System.nanoTime();
            NDManager call = network.itemEmbeddings().getManager().newSubManager();
            NDArray input = call.create(padded, new Shape(batch, len));
            long t2 = System.nanoTime();
            NDArray users = network.userVectors(input);
            long t3 = System.nanoTime();
            float[] flat = users.toFloatArray();
            float[][] out = new float[batch][flat.length / batch];
            for (int k = 0; k < batch; k++) {
                System.arraycopy(flat, k * out[k].length, out[k], 0, out[k].length);
            }
            long t4 = System.nanoTime();
            arrays = call.getManagedArrays().size();
            long t5 = System.nanoTime();
            call.close();
            long t6 = System.nanoTime();
            if (i >= 0) {
                lookup.add(t1 - t0);
                upload.add(t2 - t1);
                forward.add(t3 - t2);
                copy.add(t4 - t3);
                free.add(t6 - t5);
            }
            if (i == n - 1) {
                faults = minorFaults() - f0;
            }
        }
        System.out.printf(
                Locale.ROOT,
                "stages, batch %2d (median ms): ids+padding %.4f, new sub-manager+input %.4f,"
                        + " forward %.4f, toFloatArray+split %.4f, close sub-manager %.4f; %d native arrays and %.1f minor page faults"
                        + " per call%n",
                batch,
                lookup.quantileMillis(0.5),
                upload.quantileMillis(0.5),
                forward.quantileMillis(0.5),
                copy.quantileMillis(0.5),
                free.quantileMillis(0.5),
                arrays,
                faults / (double) n);
    }

    /** Median cost of single engine calls of the sizes the forward pass makes. */
    private static void engineCalls(NDManager base, int dim, int len, int n) {
        try (NDManager m = base.newSubManager()) {
            NDArray small = m.ones(new Shape(1, dim));
            NDArray x = m.ones(new Shape(1, len, dim));
            NDArray w = m.ones(new Shape(dim, dim));
            NDArray b = m.zeros(new Shape(dim));
            NDArray scores = m.ones(new Shape(1, 1, len, len));
            time("add (1, D) + (1, D)", m, n, () -> small.add(small));
            NDArray mid = m.ones(new Shape(1, 16, dim));
            time("add (1, 16, D) + (1, 16, D)", m, n, () -> mid.add(mid));
            time("add (1, L, D) + (1, L, D)", m, n, () -> x.add(x));
            time("linear (1, L, D) x (D, D)", m, n, () -> Linear.linear(x, w, b).singletonOrThrow());
            time("softmax (1, 1, L, L)", m, n, () -> scores.softmax(-1));
        }
    }

    private static void time(String what, NDManager parent, int n, java.util.function.Supplier<NDArray> op) {
        LatencySample s = new LatencySample(n);
        NDManager scope = parent.newSubManager();
        long f0 = 0;
        for (int i = -n / 2; i < n; i++) {
            if (i == 0) {
                f0 = minorFaults();
            }
            long t = System.nanoTime();
            op.get();
            long e = System.nanoTime() - t;
            if (i >= 0) {
                s.add(e);
            }
            if ((i & 255) == 255) {
                scope.close();
                scope = parent.newSubManager();
            }
        }
        scope.close();
        long faults = minorFaults() - f0;
        System.out.printf(
                Locale.ROOT,
                "engine call %-28s median %.4f ms, p99 %.4f ms, %.1f minor page faults per call%n",
                what,
                s.quantileMillis(0.5),
                s.quantileMillis(0.99),
                faults / (double) n);
    }

    /** Round trip of handing a task to another thread and waiting for it, as a pool hop does. */
    private static void threadHop(int n) throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            LatencySample s = new LatencySample(n);
            for (int i = -n / 2; i < n; i++) {
                long t = System.nanoTime();
                pool.submit(() -> 1).get();
                if (i >= 0) {
                    s.add(System.nanoTime() - t);
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "thread hop (submit + get on a 1-thread pool): median %.4f ms, p99 %.4f ms%n",
                    s.quantileMillis(0.5),
                    s.quantileMillis(0.99));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The process's minor page faults so far (Linux /proc/self/stat field 10), or 0 elsewhere. */
    static long minorFaults() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            return Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[7]);
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    private static long allocatedPerCall(Runnable call, int n) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < n / 4; i++) {
            call.run();
        }
        long before = bean.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < n; i++) {
            call.run();
        }
        return (bean.getCurrentThreadAllocatedBytes() - before) / n;
    }

    /** {@code count} histories of {@code len} random known ids. */
    static List<List<String>> histories(ItemVocabulary vocabulary, int len, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> h = new ArrayList<>();
            for (int j = 0; j < len; j++) {
                h.add(vocabulary.idOf(1 + random.nextInt(vocabulary.size())));
            }
            out.add(h);
        }
        return out;
    }

    static <T> List<T> slice(List<T> all, int start, int size) {
        List<T> out = new ArrayList<>(size);
        for (int k = 0; k < size; k++) {
            out.add(all.get((start * size + k) % all.size()));
        }
        return out;
    }
}
