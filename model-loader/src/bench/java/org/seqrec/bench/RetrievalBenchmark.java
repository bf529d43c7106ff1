package org.seqrec.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.index.ExactItemIndex;
import org.seqrec.index.HnswItemIndex;
import org.seqrec.index.HnswParams;
import org.seqrec.index.HnswSpace;
import org.seqrec.index.ItemIndex;
import org.seqrec.index.ScoredItem;

/**
 * HNSW vs exact inner-product search: for every space (raw inner product, the reduction to L2), M
 * and efConstruction asked for, the build time and native memory, then per efSearch the recall@10
 * and @100 against the exact scan and single-threaded queries per second, printed as Markdown
 * tables. Queries are user vectors that the artifact's own encoder makes from real histories (each
 * sampled user's items but the last). Embedding sets: the artifact's item rows, and optionally a
 * generated catalogue of N items drawn around them (see {@link #aroundRows}). Not a test; run with
 * the {@code bench} profile (see docs/benchmarks.md for the commands).
 */
public final class RetrievalBenchmark {
    private RetrievalBenchmark() {}

    public static void main(String[] argv) throws Exception {
        BenchArgs args = BenchArgs.parse(argv);
        System.out.printf(
                Locale.ROOT,
                "cpus=%d java=%s%n",
                Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"));
        if (args.synthetic()) {
            ItemEmbeddings e = synthetic(args.items(), args.dim(), args.seed());
            run(
                    "synthetic " + args.items() + " x " + args.dim() + ", seed " + args.seed(),
                    e,
                    meanQueries(e, args),
                    args);
        }
        if (args.artifact() == null) {
            return;
        }
        if (!Files.isRegularFile(args.artifact())) {
            throw new IllegalArgumentException("--artifact " + args.artifact() + " is not a file");
        }
        ModelArtifact artifact = ModelArtifact.read(args.artifact());
        ItemEmbeddings trained = artifact.itemEmbeddings();
        List<float[]> queries;
        String queryKind;
        if (args.histories() != null) {
            queries = userVectors(artifact, args);
            queryKind = queries.size() + " user vectors encoded from "
                    + args.histories().getFileName();
        } else {
            queries = meanQueries(trained, args);
            queryKind = queries.size() + " means of 5 item rows plus N(0, 0.5^2) noise";
        }
        System.out.printf(Locale.ROOT, "queries: %s; |u| %s%n", queryKind, normSummary(queries));
        if (!args.skipArtifact()) {
            run(
                    "artifact " + args.artifact().getFileName() + " (" + (trained.numRows() - 1) + " x " + trained.dim()
                            + "), " + queryKind,
                    trained,
                    queries,
                    args);
        }
        if (args.catalogue() > 0) {
            long t = System.nanoTime();
            ItemEmbeddings big = aroundRows(trained, args.catalogue(), args.noise(), args.seed());
            System.out.printf(
                    Locale.ROOT, "%ngenerated %d items around the trained rows in %.1f s%n", args.catalogue(), secs(t));
            run(
                    "catalogue of " + args.catalogue() + " x " + trained.dim() + " around the rows of "
                            + args.artifact().getFileName() + " (noise " + args.noise() + " sigma), " + queryKind,
                    big,
                    queries,
                    args);
        }
    }

    /**
     * {@code items} rows, each a uniformly drawn trained row r (1..n) plus Gaussian noise of
     * {@code noise} times the trained rows' standard deviation in each dimension: the catalogue keeps
     * the trained rows' directions (clusters) and norm spread, with about items / n variants per
     * trained item. Row 0 is zero padding.
     */
    static ItemEmbeddings aroundRows(ItemEmbeddings trained, int items, double noise, long seed) {
        int n = trained.numRows() - 1;
        int dim = trained.dim();
        float[] src = trained.asTensor().data();
        double[] mean = new double[dim];
        double[] sq = new double[dim];
        for (int r = 1; r <= n; r++) {
            for (int j = 0; j < dim; j++) {
                double v = src[r * dim + j];
                mean[j] += v / n;
                sq[j] += v * v / n;
            }
        }
        float[] sigma = new float[dim];
        for (int j = 0; j < dim; j++) {
            sigma[j] = (float) (noise * Math.sqrt(Math.max(0, sq[j] - mean[j] * mean[j])));
        }
        Random rnd = new Random(seed ^ 0xCA7A1L);
        float[] data = new float[(items + 1) * dim];
        for (int i = 1; i <= items; i++) {
            int r = 1 + rnd.nextInt(n);
            for (int j = 0; j < dim; j++) {
                data[i * dim + j] = src[r * dim + j] + sigma[j] * (float) rnd.nextGaussian();
            }
        }
        return new ItemEmbeddings(new FloatTensor(new long[] {items + 1, dim}, data));
    }

    /** Items with Gaussian directions and log-normal norms exp(0.3 N(0,1)); row 0 is zero padding. */
    static ItemEmbeddings synthetic(int items, int dim, long seed) {
        Random rnd = new Random(seed);
        float[] data = new float[(items + 1) * dim];
        for (int r = 1; r <= items; r++) {
            float scale = (float) Math.exp(0.3 * rnd.nextGaussian());
            for (int j = 0; j < dim; j++) {
                data[r * dim + j] = scale * (float) rnd.nextGaussian();
            }
        }
        return new ItemEmbeddings(new FloatTensor(new long[] {items + 1, dim}, data));
    }

    /** The old user-like queries: the mean of 5 random item rows plus N(0, 0.5^2) noise. */
    static List<float[]> meanQueries(ItemEmbeddings e, BenchArgs args) {
        Random rnd = new Random(args.seed() ^ 0x5eed);
        List<float[]> out = new ArrayList<>(args.queries());
        int n = e.numRows() - 1;
        for (int i = 0; i < args.queries(); i++) {
            float[] q = new float[e.dim()];
            for (int s = 0; s < 5; s++) {
                float[] row = e.row(1 + rnd.nextInt(n));
                for (int j = 0; j < q.length; j++) {
                    q[j] += row[j] / 5f;
                }
            }
            for (int j = 0; j < q.length; j++) {
                q[j] += 0.5f * (float) rnd.nextGaussian();
            }
            out.add(q);
        }
        return out;
    }

    /**
     * User vectors from the log: {@code queries} users drawn without replacement (seeded) among
     * those with at least 2 items, each encoded from all its items but the last (the next item a
     * recommender would be asked for), with the artifact's encoder on the CPU.
     */
    static List<float[]> userVectors(ModelArtifact artifact, BenchArgs args) throws Exception {
        List<List<String>> users =
                new ArrayList<>(readHistories(args.histories(), args.format()).values());
        users.removeIf(h -> h.size() < 2);
        java.util.Collections.shuffle(users, new Random(args.seed() ^ 0x05e75L));
        List<List<String>> picked = new ArrayList<>();
        for (List<String> h : users.subList(0, Math.min(args.queries(), users.size()))) {
            picked.add(h.subList(0, h.size() - 1));
        }
        List<float[]> out = new ArrayList<>();
        long t = System.nanoTime();
        try (SequenceEncoder encoder = SequenceEncoder.open(artifact, DevicePreference.CPU, CpuInference.JAVA)) {
            for (int i = 0; i < picked.size(); i += 64) {
                out.addAll(Arrays.asList(encoder.encodeBatch(picked.subList(i, Math.min(picked.size(), i + 64)))));
            }
        }
        System.out.printf(Locale.ROOT, "encoded %d histories in %.1f s%n", out.size(), secs(t));
        return out;
    }

    /** Users' item ids in file order: {@code pairs} is "user item" per line, {@code sequences} "user item1 item2 ...". */
    static Map<String, List<String>> readHistories(Path file, String format) throws IOException {
        Map<String, List<String>> users = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                List<String> h = users.computeIfAbsent(f[0], u -> new ArrayList<>());
                if (format.equals("pairs")) {
                    h.add(f[1]);
                } else {
                    h.addAll(Arrays.asList(f).subList(1, f.length));
                }
            }
        }
        return users;
    }

    private static void run(String label, ItemEmbeddings e, List<float[]> qs, BenchArgs args) throws IOException {
        System.out.printf(Locale.ROOT, "%n### %s%n%n", label);
        System.out.printf(Locale.ROOT, "item norms %s%n", rowNormSummary(e));
        ExactItemIndex exact = new ExactItemIndex(e);
        warmUp(exact, qs, 10, 0);
        List<Set<Integer>> truth10 = new ArrayList<>();
        List<Set<Integer>> truth100 = new ArrayList<>();
        long t = System.nanoTime();
        for (float[] q : qs) {
            truth10.add(rows(exact.search(q, 10, null)));
        }
        double exactQps = qs.size() / secs(t);
        t = System.nanoTime();
        for (float[] q : qs) {
            truth100.add(rows(exact.search(q, 100, null)));
        }
        double exactQps100 = qs.size() / secs(t);
        System.out.printf(
                Locale.ROOT,
                "exact scan, one thread: %.1f queries/s at k=10, %.1f at k=100%n%n",
                exactQps,
                exactQps100);
        System.out.println("| space | M | efC | build s | native MiB (est.) | RSS delta MiB | efSearch | recall@10"
                + " | recall@100 | q/s k=10 | speed-up k=10 | q/s k=100 | speed-up k=100 |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (HnswSpace space : args.spaces()) {
            for (int m : args.m()) {
                for (int efc : args.efConstruction()) {
                    HnswParams params = new HnswParams(m, Math.max(m, efc), args.efSearch()[0], space);
                    long rssBefore = MemoryProbe.rssBytes();
                    t = System.nanoTime();
                    try (HnswItemIndex hnsw = HnswItemIndex.build(e, params, args.buildThreads())) {
                        double buildS = secs(t);
                        double rssDelta = (MemoryProbe.rssBytes() - rssBefore) / 1048576.0;
                        for (int ef : args.efSearch()) {
                            warmUp(hnsw, qs, 10, ef);
                            long s = System.nanoTime();
                            double r10 = recall(hnsw, qs, truth10, 10, ef);
                            double qps = qs.size() / secs(s);
                            s = System.nanoTime();
                            double r100 = recall(hnsw, qs, truth100, 100, ef);
                            double qps100 = qs.size() / secs(s);
                            System.out.printf(
                                    Locale.ROOT,
                                    "| %s | %d | %d | %.1f | %.0f | %.0f | %d | %.4f | %.4f | %.0f | %.1fx | %.0f | %.1fx |%n",
                                    space.id(),
                                    m,
                                    params.efConstruction(),
                                    buildS,
                                    hnsw.estimatedNativeBytes() / 1048576.0,
                                    rssDelta,
                                    ef,
                                    r10,
                                    r100,
                                    qps,
                                    qps / exactQps,
                                    qps100,
                                    qps100 / exactQps100);
                        }
                        if (args.saveLoad() != null) {
                            saveLoad(hnsw, e, params, args.saveLoad(), buildS);
                        }
                    }
                }
            }
        }
        exact.close();
    }

    /** Times writing the graph to a file and reading it back, against the build (issue 11, item e). */
    private static void saveLoad(HnswItemIndex hnsw, ItemEmbeddings e, HnswParams params, Path dir, double buildS)
            throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("bench-" + params.space().id() + "-" + params.m() + ".hnsw");
        long t = System.nanoTime();
        hnsw.save(file);
        double saveS = secs(t);
        t = System.nanoTime();
        try (HnswItemIndex loaded = HnswItemIndex.load(file, e, params)) {
            double loadS = secs(t);
            System.out.printf(
                    Locale.ROOT,
                    "    saved %s (%.0f MiB) in %.2f s, loaded in %.2f s (build %.1f s); loaded graph answers %d hits%n",
                    file.getFileName(),
                    Files.size(file) / 1048576.0,
                    saveS,
                    loadS,
                    buildS,
                    loaded.search(new float[e.dim()], 10, null).size());
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void warmUp(ItemIndex index, List<float[]> qs, int k, int ef) {
        for (int i = 0; i < Math.min(50, qs.size()); i++) {
            index.search(qs.get(i), k, null, ef);
        }
    }

    private static double recall(ItemIndex index, List<float[]> qs, List<Set<Integer>> truth, int k, int ef) {
        long found = 0;
        for (int i = 0; i < qs.size(); i++) {
            for (ScoredItem h : index.search(qs.get(i), k, null, ef)) {
                if (truth.get(i).contains(h.row())) {
                    found++;
                }
            }
        }
        return found / ((double) k * qs.size());
    }

    private static Set<Integer> rows(List<ScoredItem> hits) {
        Set<Integer> out = new HashSet<>();
        for (ScoredItem h : hits) {
            out.add(h.row());
        }
        return out;
    }

    private static String rowNormSummary(ItemEmbeddings e) {
        List<float[]> rows = new ArrayList<>();
        int step = Math.max(1, (e.numRows() - 1) / 100_000);
        for (int r = 1; r < e.numRows(); r += step) {
            rows.add(e.row(r));
        }
        return normSummary(rows);
    }

    /** Norm percentiles p1 / p50 / p99 / max, and max over median. */
    private static String normSummary(List<float[]> vectors) {
        double[] norms = new double[vectors.size()];
        for (int i = 0; i < norms.length; i++) {
            double s = 0;
            for (float v : vectors.get(i)) {
                s += (double) v * v;
            }
            norms[i] = Math.sqrt(s);
        }
        Arrays.sort(norms);
        double p50 = norms[norms.length / 2];
        return String.format(
                Locale.ROOT,
                "p1 %.2f, p50 %.2f, p99 %.2f, max %.2f (max/p50 %.1f)",
                norms[(int) (norms.length * 0.01)],
                p50,
                norms[(int) (norms.length * 0.99)],
                norms[norms.length - 1],
                norms[norms.length - 1] / p50);
    }

    private static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
