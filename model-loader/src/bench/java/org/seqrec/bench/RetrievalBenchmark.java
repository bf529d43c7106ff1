package org.seqrec.bench;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.index.ExactItemIndex;
import org.seqrec.index.HnswItemIndex;
import org.seqrec.index.HnswParams;
import org.seqrec.index.ItemIndex;
import org.seqrec.index.ScoredItem;

/**
 * HNSW vs exact inner-product search: build time, native memory, recall@10/@100 against the exact
 * scan and single-threaded queries per second, printed as a Markdown table. Not a test; run with
 * the {@code bench} profile (see docs/benchmarks.md for the command).
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
        if (!args.skipSynthetic()) {
            long t = System.nanoTime();
            ItemEmbeddings e = synthetic(args.items(), args.dim(), args.seed());
            System.out.printf(
                    Locale.ROOT,
                    "generated synthetic %d x %d in %.1f s%n",
                    args.items(),
                    args.dim(),
                    (System.nanoTime() - t) / 1e9);
            run("synthetic " + args.items() + " x " + args.dim() + ", seed " + args.seed(), e, args);
        }
        if (args.artifact() != null) {
            if (!Files.isRegularFile(args.artifact())) {
                throw new IllegalArgumentException("--artifact " + args.artifact() + " is not a file");
            }
            ItemEmbeddings e = ModelArtifact.read(args.artifact()).itemEmbeddings();
            run(
                    "artifact " + args.artifact().getFileName() + " (" + (e.numRows() - 1) + " x " + e.dim() + ")",
                    e,
                    args);
        }
    }

    /**
     * Items with Gaussian directions and log-normal norms (popular items get larger norms, as
     * trained embeddings do); row 0 is zero padding.
     */
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

    /** User-like queries: the mean of 5 random item embeddings plus Gaussian noise. */
    static List<float[]> queries(ItemEmbeddings e, int count, long seed) {
        Random rnd = new Random(seed ^ 0x5eed);
        List<float[]> out = new ArrayList<>(count);
        int n = e.numRows() - 1;
        for (int i = 0; i < count; i++) {
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

    private static void run(String label, ItemEmbeddings e, BenchArgs args) {
        List<float[]> qs = queries(e, args.queries(), args.seed());
        ExactItemIndex exact = new ExactItemIndex(e);
        List<Set<Integer>> truth10 = new ArrayList<>();
        List<Set<Integer>> truth100 = new ArrayList<>();
        warmUp(exact, qs);
        long t = System.nanoTime();
        for (float[] q : qs) {
            truth10.add(rows(exact.search(q, 10, null)));
        }
        double exactQps = qs.size() / ((System.nanoTime() - t) / 1e9);
        for (float[] q : qs) {
            truth100.add(rows(exact.search(q, 100, null)));
        }

        HnswParams params = new HnswParams(args.m(), args.efConstruction(), args.efSearch()[0]);
        long rssBefore = MemoryProbe.rssBytes();
        t = System.nanoTime();
        try (HnswItemIndex hnsw = HnswItemIndex.build(e, params, args.buildThreads())) {
            double buildS = (System.nanoTime() - t) / 1e9;
            long rssDelta = MemoryProbe.rssBytes() - rssBefore;
            System.out.printf(Locale.ROOT, "%n### %s%n%n", label);
            System.out.printf(
                    Locale.ROOT,
                    "HNSW M=%d efConstruction=%d, %d build threads: build %.1f s; native index ~%.0f MiB"
                            + " (hnswlib layout estimate), RSS delta %.0f MiB; exact scan %.1f queries/s;"
                            + " %d queries, k=10 timing single-threaded%n%n",
                    args.m(),
                    args.efConstruction(),
                    args.buildThreads(),
                    buildS,
                    hnsw.estimatedNativeBytes() / 1048576.0,
                    rssDelta / 1048576.0,
                    exactQps,
                    qs.size());
            System.out.println("| efSearch | recall@10 | recall@100 | HNSW q/s (k=10) | exact q/s | speed-up |");
            System.out.println("|---:|---:|---:|---:|---:|---:|");
            for (int ef : args.efSearch()) {
                hnsw.setEfSearch(ef);
                warmUp(hnsw, qs);
                long s = System.nanoTime();
                double r10 = recall(hnsw, qs, truth10, 10);
                double qps = qs.size() / ((System.nanoTime() - s) / 1e9);
                double r100 = recall(hnsw, qs, truth100, 100);
                System.out.printf(
                        Locale.ROOT,
                        "| %d | %.4f | %.4f | %.0f | %.1f | %.1fx |%n",
                        ef,
                        r10,
                        r100,
                        qps,
                        exactQps,
                        qps / exactQps);
            }
        }
        exact.close();
    }

    private static void warmUp(ItemIndex index, List<float[]> qs) {
        for (int i = 0; i < Math.min(20, qs.size()); i++) {
            index.search(qs.get(i), 10, null);
        }
    }

    private static double recall(ItemIndex index, List<float[]> qs, List<Set<Integer>> truth, int k) {
        long found = 0;
        for (int i = 0; i < qs.size(); i++) {
            for (ScoredItem h : index.search(qs.get(i), k, null)) {
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
}
