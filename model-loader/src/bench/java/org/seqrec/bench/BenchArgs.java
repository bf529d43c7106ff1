package org.seqrec.bench;

import java.nio.file.Path;
import java.util.Arrays;
import org.seqrec.index.HnswSpace;

/**
 * Command-line options of {@link RetrievalBenchmark}. Flags: --artifact PATH (a trained .seqrec:
 * its item embeddings are benchmarked, its encoder makes the queries), --histories FILE and
 * --format pairs|sequences (the interaction log whose users' histories are encoded into queries;
 * without it queries are means of item rows plus noise), --catalogue N (also benchmark N items
 * drawn around the artifact's rows, 0 = off), --noise X (their noise, in per-dimension standard
 * deviations of the trained rows, default 0.5), --queries Q (500), --seed S (42), --space
 * ip,reduced_l2, --m 16, --ef-construction 200 (lists: every combination is built),
 * --ef-search 10,50,100,200,400,800, --build-threads T (available processors), --save-load DIR
 * (also time saving and loading each graph there), --skip-artifact (only the catalogue), --items N
 * and --dim D (the old Gaussian synthetic catalogue, with --synthetic).
 */
record BenchArgs(
        Path artifact,
        Path histories,
        String format,
        int catalogue,
        double noise,
        int queries,
        long seed,
        HnswSpace[] spaces,
        int[] m,
        int[] efConstruction,
        int[] efSearch,
        int buildThreads,
        Path saveLoad,
        boolean skipArtifact,
        boolean synthetic,
        int items,
        int dim) {

    static BenchArgs parse(String[] args) {
        Path artifact = null;
        Path histories = null;
        String format = "sequences";
        int catalogue = 0;
        double noise = 0.5;
        int queries = 500;
        long seed = 42L;
        HnswSpace[] spaces = {HnswSpace.INNER_PRODUCT, HnswSpace.REDUCED_L2};
        int[] m = {16};
        int[] efc = {200};
        int[] ef = {10, 50, 100, 200, 400, 800};
        int threads = Runtime.getRuntime().availableProcessors();
        Path saveLoad = null;
        boolean skipArtifact = false;
        boolean synthetic = false;
        int items = 1_000_000;
        int dim = 64;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--skip-artifact")) {
                skipArtifact = true;
                continue;
            }
            if (flag.equals("--synthetic")) {
                synthetic = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String v = args[++i];
            switch (flag) {
                case "--artifact" -> artifact = Path.of(v);
                case "--histories" -> histories = Path.of(v);
                case "--format" -> format = v;
                case "--catalogue" -> catalogue = Integer.parseInt(v);
                case "--noise" -> noise = Double.parseDouble(v);
                case "--queries" -> queries = positive(flag, v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--space" ->
                    spaces = Arrays.stream(v.split(","))
                            .map(s -> HnswSpace.parse(s.trim()))
                            .toArray(HnswSpace[]::new);
                case "--m" -> m = list(flag, v);
                case "--ef-construction" -> efc = list(flag, v);
                case "--ef-search" -> ef = list(flag, v);
                case "--build-threads" -> threads = positive(flag, v);
                case "--save-load" -> saveLoad = Path.of(v);
                case "--items" -> items = positive(flag, v);
                case "--dim" -> dim = positive(flag, v);
                default ->
                    throw new IllegalArgumentException("unknown flag " + flag
                            + "; known: --artifact --histories --format --catalogue --noise --queries --seed --space"
                            + " --m --ef-construction --ef-search --build-threads --save-load --skip-artifact"
                            + " --synthetic --items --dim");
            }
        }
        if (!format.equals("pairs") && !format.equals("sequences")) {
            throw new IllegalArgumentException("--format must be pairs or sequences, got " + format);
        }
        return new BenchArgs(
                artifact,
                histories,
                format,
                catalogue,
                noise,
                queries,
                seed,
                spaces,
                m,
                efc,
                ef,
                threads,
                saveLoad,
                skipArtifact,
                synthetic,
                items,
                dim);
    }

    private static int[] list(String flag, String v) {
        return Arrays.stream(v.split(","))
                .mapToInt(s -> positive(flag, s.trim()))
                .toArray();
    }

    private static int positive(String flag, String v) {
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException(flag + " must be >= 1, got " + n);
        }
        return n;
    }
}
