package org.seqrec.it.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.it.ItEnvironment;
import org.seqrec.it.bench.SearchCases.Case;
import org.seqrec.it.bench.SearchCases.Split;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * The search-quality benchmark ({@code scripts/bench-search-quality}, docs/benchmarks.md "Search
 * quality"): what the {@code seqrec} clauses do for the next item a user looks for, on a real node.
 * <ol>
 *   <li>takes a model ({@code --artifact}, trained on {@code --data}) or trains a SASRec with the real
 *       {@code seqrec-trainer train} ({@code --epochs});</li>
 *   <li>starts a real OpenSearch node with the plugin zip and the java agent, uploads the model with
 *       {@code seqrec-trainer upload} and indexes one document per item of the attributes file
 *       (in an order shuffled with the seed, so that ties are not broken by item id), with its
 *       attribute ids as a keyword array and as a text ({@link BenchIndices#indexAttributes});</li>
 *   <li>for each case ({@link SearchCases}: validation and test users, one attribute of their
 *       target), sends every {@link SearchVariant} and records the target's rank among the first
 *       {@link RankMetrics#K} hits, and whether the plain {@code match} has it in its first
 *       {@code --window} hits (the most a rescore of that window can reach);</li>
 *   <li>prints and writes one table per split, and picks the rescore settings with the best
 *       validation NDCG@10 (never looking at test).</li>
 * </ol>
 * Not a test: the name matches neither {@code *Tests} nor {@code *IT}. Needs the system properties of
 * the integ-tests build ({@link ItEnvironment}) and a non-root user. Traffic goes to 127.0.0.1 only.
 */
public final class SearchQualityBenchmark {
    static final String MODEL_ID = "bench-search";
    static final String INDEX = "bench-search-items";
    static final String MARKDOWN_FILE = "search-quality.md";
    static final String JSON_FILE = "search-quality.json";
    private static final int STEPS = 4;

    private final SearchQualityOptions options;
    private final PrintStream out = System.out;
    private final BenchSetup setup = new BenchSetup(out, STEPS);

    private SearchQualityBenchmark(SearchQualityOptions options) {
        this.options = options;
    }

    /** Exit status 0: measured; 1: a step or a request failed; 2: bad arguments. */
    public static void main(String[] args) {
        BenchSetup.exit(
                "bench-search-quality",
                SearchQualityOptions.USAGE,
                args,
                a -> new SearchQualityBenchmark(SearchQualityOptions.parse(a)).run());
    }

    private int run() {
        Path outDir = BenchSetup.writableFolder(options.out().toAbsolutePath());
        ItEnvironment.pluginDir();
        options.artifact().ifPresent(file -> BenchSetup.requireFile("--artifact", file));
        BenchSetup.requireFile("--data", options.data());
        BenchSetup.requireFile("--attributes", options.attributes());
        Map<String, List<String>> attributes = SearchCases.readAttributes(options.attributes());
        Map<String, List<String>> users = SearchCases.readUsers(options.data());
        List<Case> cases = SearchCases.sample(users, attributes, options.users(), options.seed());
        List<SearchVariant> variants = SearchVariant.all(options.window());

        setup.step(
                1,
                options.artifact().isPresent()
                        ? "take the model " + options.artifact().get()
                        : "train a SASRec");
        Path modelFile = options.artifact().orElseGet(() -> train(outDir));
        ModelArtifact artifact = BenchSetup.read(modelFile);
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        facts.put("model", BenchSetup.describeModel(modelFile, artifact, modelMetrics(artifact)));

        setup.step(2, "start a node with the plugin, upload the model, index the items");
        try (LocalOpenSearchNode node = setup.startNode("search-quality-bench", options.heap())) {
            facts.put("OpenSearch", BenchSetup.openSearchVersion(node.http()));
            setup.upload(node, modelFile, MODEL_ID);
            List<String> items = new ArrayList<>(new LinkedHashSet<>(attributes.keySet()));
            Collections.shuffle(items, new Random(options.seed()));
            int documents = new BenchIndices(node.http())
                    .indexAttributes(INDEX, items, attributes, SearchVariant.KEYWORD_FIELD, SearchVariant.TEXT_FIELD);
            long known = items.stream()
                    .filter(id -> artifact.vocabulary().rowOf(id) >= 0)
                    .count();
            facts.put(
                    "index",
                    String.format(
                            Locale.ROOT,
                            "%,d documents in `%s` (1 shard, one segment, documents in an order shuffled with the seed),"
                                    + " %,d of their items known to the model; `%s` keyword array and `%s` text of the"
                                    + " item's attribute ids",
                            documents,
                            INDEX,
                            known,
                            SearchVariant.KEYWORD_FIELD,
                            SearchVariant.TEXT_FIELD));
            out.println("indexed: " + facts.get("index"));

            setup.step(3, "search: " + cases.size() + " cases x " + variants.size() + " variants");
            for (SearchVariant v : variants) {
                search(node.http(), v, cases.getFirst(), RankMetrics.K); // fails fast on a refused request
            }
            Map<Split, SplitResult> results = new LinkedHashMap<>();
            for (Split split : Split.values()) {
                List<Case> splitCases =
                        cases.stream().filter(c -> c.split() == split).toList();
                long start = System.nanoTime();
                results.put(split, measure(node.http(), variants, splitCases));
                out.printf(
                        Locale.ROOT,
                        "%s: %d cases in %.0f s%n",
                        split.label(),
                        splitCases.size(),
                        (System.nanoTime() - start) / 1e9);
            }

            setup.step(4, "results");
            SearchQualityReport report = new SearchQualityReport(facts, options, variants, results);
            out.println();
            out.print(report.markdown());
            Path written = ReportFiles.write(outDir, JSON_FILE, report.json(), MARKDOWN_FILE, report.markdown());
            out.println("\nwritten: " + written + " and " + written.resolveSibling(JSON_FILE));
            return 0;
        }
    }

    /** Per variant the ranks of every case (0: not among the first K), the plain {@code match}'s rank within its first {@code --window} hits, and its total hits. */
    record SplitResult(List<int[]> ranks, int[] plainRanks, long[] matches) {
        /** The share of cases whose target the plain {@code match} has among its first {@code n} hits. */
        double plainWithin(int n) {
            int within = 0;
            for (int r : plainRanks) {
                within += r >= 1 && r <= n ? 1 : 0;
            }
            return plainRanks.length == 0 ? 0 : (double) within / plainRanks.length;
        }
    }

    private SplitResult measure(NodeHttpClient http, List<SearchVariant> variants, List<Case> cases) {
        ExecutorService pool = Executors.newFixedThreadPool(options.clients());
        try {
            List<Future<long[]>> futures = new ArrayList<>();
            for (Case c : cases) {
                // one task per case: all its variants in a row, so the node encodes the history once
                futures.add(pool.submit(() -> oneCase(http, variants, c)));
            }
            List<int[]> ranks = new ArrayList<>();
            for (int v = 0; v < variants.size(); v++) {
                ranks.add(new int[cases.size()]);
            }
            int[] plainRanks = new int[cases.size()];
            long[] matches = new long[cases.size()];
            for (int i = 0; i < cases.size(); i++) {
                long[] r = futures.get(i).get();
                for (int v = 0; v < variants.size(); v++) {
                    ranks.get(v)[i] = (int) r[v];
                }
                plainRanks[i] = (int) r[variants.size()];
                matches[i] = r[variants.size() + 1];
            }
            return new SplitResult(ranks, plainRanks, matches);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** Per variant the target's rank (0: not in the first K), then the plain rank within the window, then the matches. */
    private long[] oneCase(NodeHttpClient http, List<SearchVariant> variants, Case c) {
        long[] result = new long[variants.size() + 2];
        for (int v = 0; v < variants.size(); v++) {
            SearchVariant variant = variants.get(v);
            boolean plainText = variant.kind() == SearchVariant.Kind.PLAIN && !variant.keyword();
            Hits hits = search(http, variant, c, plainText ? options.window() : RankMetrics.K);
            int rank = RankMetrics.rank(hits.ids(), c.target());
            result[v] = rank <= RankMetrics.K ? rank : 0;
            if (plainText) {
                result[variants.size()] = rank;
                result[variants.size() + 1] = hits.total();
            }
        }
        return result;
    }

    record Hits(List<String> ids, long total) {}

    private static Hits search(NodeHttpClient http, SearchVariant variant, Case c, int size) {
        String body = variant.body(c, MODEL_ID, size);
        NodeResponse r = http.post("/" + INDEX + "/_search", body);
        Map<String, Object> json = r.status() == 200 ? r.json() : Map.of();
        if (r.status() != 200
                || !(json.get("_shards") instanceof Map<?, ?> shards)
                || !(shards.get("failed") instanceof Number failed)
                || failed.intValue() != 0
                || !(json.get("hits") instanceof Map<?, ?> hits)
                || !(hits.get("hits") instanceof List<?> list)) {
            throw new IllegalStateException(
                    variant.label() + ": POST /" + INDEX + "/_search " + body + " did not answer a whole 200: " + r);
        }
        List<String> ids = new ArrayList<>(list.size());
        for (Object hit : list) {
            ids.add(String.valueOf(((Map<?, ?>) hit).get("_id")));
        }
        long total =
                hits.get("total") instanceof Map<?, ?> t && t.get("value") instanceof Number n ? n.longValue() : -1;
        return new Hits(ids, total);
    }

    private Path train(Path outDir) {
        Path model = outDir.resolve("search-quality-sasrec-" + options.epochs() + "ep.seqrec");
        setup.trainer(List.of(
                "train",
                "--input",
                options.data().toString(),
                "--format",
                "sequences",
                "--model",
                "sasrec",
                "--epochs",
                Integer.toString(options.epochs()),
                "--device",
                "cpu",
                "--threads",
                "1",
                "--seed",
                Long.toString(options.seed()),
                "--out",
                model.toString()));
        out.println("(rerun with --artifact " + model + " to skip training)");
        return model;
    }

    private static String modelMetrics(ModelArtifact artifact) {
        Map<String, Object> m = artifact.manifest().metrics();
        Object full = m.get("test_full.ndcg@10");
        Object excl = m.get("test_full_excl_seen.ndcg@10");
        Object epochs = artifact.manifest().hyperParameters().get("epochs");
        return String.format(
                Locale.ROOT,
                "%s; the model's own test NDCG@10 (full ranking) %s, seen items excluded %s",
                epochs instanceof Number e ? ", " + e.intValue() + " epochs" : "",
                full instanceof Number f ? String.format(Locale.ROOT, "%.4f", f.doubleValue()) : "n/a",
                excl instanceof Number x ? String.format(Locale.ROOT, "%.4f", x.doubleValue()) : "n/a");
    }
}
