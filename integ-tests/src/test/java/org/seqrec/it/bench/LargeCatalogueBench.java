package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;

import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.Test;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.it.ItEnvironment;
import org.seqrec.it.LargeCatalogue;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * A catalogue of a million items on a real node over HTTP (issue 11's targets): a trained model (the
 * Games SASRec) grown to {@code seqrec.bench.items} items around its own rows
 * ({@link LargeCatalogue#grow}, noise 0.5 sigma: the RetrievalBenchmark catalogue), installed in the
 * node's config directory. Measures, one request at a time with real users' histories (each user's
 * items but the last, the latest 50): latency while the HNSW graph builds (the exact scan answers),
 * the time from the first request (which loads the model and starts the build) to the first answer
 * from the graph, then {@code _recommend} and the {@code seqrec} query latencies from the graph, and
 * the graph's estimated native memory. Not part of the suite (the name matches neither *Tests nor
 * *IT); run it with the command in docs/benchmarks.md. Properties: {@code seqrec.bench.artifact}
 * (required), {@code seqrec.bench.histories} (required, the {@code pairs} log the model was trained
 * on), {@code seqrec.bench.items} (1000000), {@code seqrec.bench.requests} (500).
 */
public class LargeCatalogueBench {

    @Test
    public void largeCatalogueLatency() throws Exception {
        Path artifactFile = Path.of(System.getProperty("seqrec.bench.artifact", ""));
        Path log = Path.of(System.getProperty("seqrec.bench.histories", ""));
        if (!Files.isRegularFile(artifactFile) || !Files.isRegularFile(log)) {
            throw new IllegalArgumentException("set -Dseqrec.bench.artifact and -Dseqrec.bench.histories to files");
        }
        int items = Integer.getInteger("seqrec.bench.items", 1_000_000);
        int requests = Integer.getInteger("seqrec.bench.requests", 500);
        ModelArtifact base = ModelArtifact.read(artifactFile);
        long t = System.nanoTime();
        ModelArtifact large = LargeCatalogue.grow(base, items - base.manifest().numItems(), 1f, 0.5, 42L);
        List<List<String>> histories = histories(log, 42L);
        try (LocalOpenSearchNode node = ItEnvironment.node("bench-large-catalogue")
                .optPlugin(ItEnvironment.pluginDir())
                .optHeap("3g", "3g")
                .optSetting("plugins.seqrec.model_cache.max_size", "2gb")
                .optSetting("thread_pool.seqrec_index_build.size", "1")
                .start()) {
            Path models = node.home().modelsDir();
            Files.createDirectories(models);
            large.write(models.resolve("bench.seqrec"));
            System.out.printf(
                    Locale.ROOT,
                    "%n%d items x %d written (%.0f MiB) in %.1f s%n",
                    items,
                    base.manifest().embeddingDim(),
                    Files.size(models.resolve("bench.seqrec")) / 1048576.0,
                    (System.nanoTime() - t) / 1e9);
            NodeHttpClient http = node.http();
            indexItems(http, base.vocabulary().ids());

            // while the graph builds: every answer comes from the exact scan
            List<Long> building = new ArrayList<>();
            long start = System.nanoTime();
            long firstMillis = -1;
            String state = "exact";
            int i = 0;
            while (state.equals("hnsw") == false) {
                long s = System.nanoTime();
                recommend(http, histories.get(i++ % histories.size()));
                long micros = (System.nanoTime() - s) / 1_000;
                if (firstMillis < 0) {
                    firstMillis = micros / 1_000;
                } else {
                    building.add(micros);
                }
                if (i % 10 == 0 || building.isEmpty()) {
                    state = (String) loadedModel(http).get("item_index");
                }
            }
            double toHnswS = (System.nanoTime() - start) / 1e9;
            Map<?, ?> stats = loadedModel(http);
            System.out.printf(
                    Locale.ROOT,
                    "first request (loads the model, starts the build): %d ms; first HNSW answer %.1f s after it%n",
                    firstMillis,
                    toHnswS);
            print("_recommend while the graph builds (exact scan)", sorted(building));
            System.out.printf(
                    Locale.ROOT,
                    "graph: item_index_native_bytes %d (%.0f MiB, %.0f bytes per item); model memory_bytes %d%n",
                    ((Number) stats.get("item_index_native_bytes")).longValue(),
                    ((Number) stats.get("item_index_native_bytes")).longValue() / 1048576.0,
                    ((Number) stats.get("item_index_native_bytes")).doubleValue() / items,
                    ((Number) stats.get("memory_bytes")).longValue());

            for (int w = 0; w < 100; w++) {
                recommend(http, histories.get(i++ % histories.size()));
                query(http, histories.get(i++ % histories.size()));
            }
            final int offset = i;
            print(
                    "_recommend k 10, HNSW",
                    time(requests, r -> recommend(http, histories.get((offset + r) % histories.size()))));
            print(
                    "seqrec query k 100 (size 10), HNSW",
                    time(requests, r -> query(http, histories.get((offset + r) % histories.size()))));
        }
    }

    private static long[] time(int requests, IntFunction<NodeResponse> send) {
        long[] micros = new long[requests];
        for (int r = 0; r < requests; r++) {
            long s = System.nanoTime();
            send.apply(r);
            micros[r] = (System.nanoTime() - s) / 1_000;
        }
        Arrays.sort(micros);
        return micros;
    }

    private static long[] sorted(List<Long> values) {
        long[] out = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(out);
        return out;
    }

    private static void print(String what, long[] sortedMicros) {
        if (sortedMicros.length == 0) {
            System.out.printf(Locale.ROOT, "%s: no requests%n", what);
            return;
        }
        System.out.printf(
                Locale.ROOT,
                "%s: %d requests, median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                what,
                sortedMicros.length,
                pct(sortedMicros, 50) / 1000.0,
                pct(sortedMicros, 90) / 1000.0,
                pct(sortedMicros, 99) / 1000.0,
                sortedMicros[sortedMicros.length - 1] / 1000.0);
    }

    private static NodeResponse recommend(NodeHttpClient http, List<String> history) {
        NodeResponse r = http.post(
                "/_plugins/_seqrec/models/bench/_recommend", "{\"history\": " + json(history) + ", \"k\": 10}");
        assertEquals(r.toString(), 200, r.status());
        return r;
    }

    private static NodeResponse query(NodeHttpClient http, List<String> history) {
        NodeResponse r = http.post(
                "/items/_search",
                "{\"size\": 10, \"query\": {\"seqrec\": {\"model_id\": \"bench\","
                        + " \"item_field\": \"item_id\", \"k\": 100, \"history\": " + json(history) + "}}}");
        assertEquals(r.toString(), 200, r.status());
        return r;
    }

    private static String json(List<String> ids) {
        List<String> quoted = new ArrayList<>(ids.size());
        ids.forEach(id -> quoted.add("\"" + id + "\""));
        return "[" + String.join(", ", quoted) + "]";
    }

    private static void indexItems(NodeHttpClient http, List<String> ids) {
        assertEquals(200, http.put("/items", """
                {"settings": {"number_of_shards": 1},
                 "mappings": {"properties": {"item_id": {"type": "keyword"}}}}""").status());
        StringBuilder bulk = new StringBuilder();
        for (String id : ids) {
            bulk.append("{\"index\": {\"_id\": \"").append(id).append("\"}}\n");
            bulk.append("{\"item_id\": \"").append(id).append("\"}\n");
        }
        NodeResponse r = http.post("/items/_bulk?refresh=true", bulk.toString());
        assertEquals(r.toString(), 200, r.status());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> loadedModel(NodeHttpClient http) {
        NodeResponse stats = http.get("/_plugins/_seqrec/stats");
        assertEquals(stats.toString(), 200, stats.status());
        Map<?, ?> nodeStats = (Map<?, ?>)
                ((Map<?, ?>) stats.json().get("nodes")).values().iterator().next();
        for (Object m : (List<?>) nodeStats.get("loaded_models")) {
            if ("bench".equals(((Map<?, ?>) m).get("model_id"))) {
                return (Map<String, Object>) m;
            }
        }
        throw new AssertionError("model bench is not loaded: " + stats.body());
    }

    /** Users of a {@code pairs} log with at least 2 items: all but the last item, the latest 50, shuffled. */
    private static List<List<String>> histories(Path log, long seed) throws Exception {
        Map<String, List<String>> users = new LinkedHashMap<>();
        try (BufferedReader in = Files.newBufferedReader(log, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 2) {
                    users.computeIfAbsent(f[0], u -> new ArrayList<>()).add(f[1]);
                }
            }
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> items : users.values()) {
            if (items.size() >= 2) {
                List<String> h = items.subList(0, items.size() - 1);
                out.add(List.copyOf(h.subList(Math.max(0, h.size() - 50), h.size())));
            }
        }
        Collections.shuffle(out, new Random(seed));
        return out;
    }

    private static long pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
