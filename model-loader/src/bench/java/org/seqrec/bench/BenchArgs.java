package org.seqrec.bench;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * Command-line options of {@link RetrievalBenchmark}. Flags: --items N (default 1000000),
 * --dim D (64), --queries Q (200), --seed S (42), --m M (16), --ef-construction E (200),
 * --ef-search 10,50,100,200,400, --build-threads T (available processors), --artifact PATH
 * (also benchmark that .seqrec file's item embeddings), --skip-synthetic.
 */
record BenchArgs(
        int items,
        int dim,
        int queries,
        long seed,
        int m,
        int efConstruction,
        int[] efSearch,
        int buildThreads,
        Path artifact,
        boolean skipSynthetic) {

    static BenchArgs parse(String[] args) {
        int items = 1_000_000;
        int dim = 64;
        int queries = 200;
        long seed = 42L;
        int m = 16;
        int efc = 200;
        int[] ef = {10, 50, 100, 200, 400};
        int threads = Runtime.getRuntime().availableProcessors();
        Path artifact = null;
        boolean skipSynthetic = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--skip-synthetic")) {
                skipSynthetic = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            String v = args[++i];
            switch (flag) {
                case "--items" -> items = positive(flag, v);
                case "--dim" -> dim = positive(flag, v);
                case "--queries" -> queries = positive(flag, v);
                case "--seed" -> seed = Long.parseLong(v);
                case "--m" -> m = positive(flag, v);
                case "--ef-construction" -> efc = positive(flag, v);
                case "--ef-search" ->
                    ef = Arrays.stream(v.split(","))
                            .mapToInt(s -> positive(flag, s.trim()))
                            .toArray();
                case "--build-threads" -> threads = positive(flag, v);
                case "--artifact" -> artifact = Path.of(v);
                default ->
                    throw new IllegalArgumentException("unknown flag " + flag
                            + "; known: --items --dim --queries --seed --m --ef-construction --ef-search"
                            + " --build-threads --artifact --skip-synthetic");
            }
        }
        return new BenchArgs(items, dim, queries, seed, m, efc, ef, threads, artifact, skipSynthetic);
    }

    private static int positive(String flag, String v) {
        int n = Integer.parseInt(v);
        if (n < 1) {
            throw new IllegalArgumentException(flag + " must be >= 1, got " + n);
        }
        return n;
    }
}
