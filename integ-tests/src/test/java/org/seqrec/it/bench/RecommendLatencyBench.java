package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.Test;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.it.ItEnvironment;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * Latency of {@code POST /_plugins/_seqrec/models/{id}/_recommend} over HTTP against a real node
 * with the installed plugin zip: encode a 50-item history with DJL and search the model's item
 * index, one request at a time. Not part of the suite (the name matches neither *Tests nor *IT);
 * run it with the command in docs/benchmarks.md. {@code -Dseqrec.bench.artifact=FILE} (required) is the model,
 * {@code -Dseqrec.bench.requests} (default 1000) the measured requests after 100 warm-up ones.
 */
public class RecommendLatencyBench {

    @Test
    public void recommendLatency() throws Exception {
        Path artifactFile = Path.of(System.getProperty("seqrec.bench.artifact", ""));
        if (!Files.isRegularFile(artifactFile)) {
            throw new IllegalArgumentException(
                    "set -Dseqrec.bench.artifact to a .seqrec file, got '" + artifactFile + "'");
        }
        int requests = Integer.getInteger("seqrec.bench.requests", 1000);
        int historyLength = Integer.getInteger("seqrec.bench.history", 50);
        ModelArtifact artifact = ModelArtifact.read(artifactFile);
        List<String> ids = artifact.vocabulary().ids();
        Random random = new Random(42);
        try (LocalOpenSearchNode node = ItEnvironment.node("bench-recommend")
                .optPlugin(ItEnvironment.pluginDir())
                .start()) {
            Path models = node.home().modelsDir();
            Files.createDirectories(models);
            Files.copy(artifactFile, models.resolve("bench.seqrec"));
            NodeHttpClient http = node.http();
            for (int i = 0; i < 100; i++) {
                recommend(http, randomHistory(ids, historyLength, random));
            }
            long[] clientMicros = new long[requests];
            long[] tookMillis = new long[requests];
            for (int i = 0; i < requests; i++) {
                String body = randomHistory(ids, historyLength, random);
                long start = System.nanoTime();
                NodeResponse r = recommend(http, body);
                clientMicros[i] = (System.nanoTime() - start) / 1_000;
                tookMillis[i] = ((Number) r.json().get("took_ms")).longValue();
            }
            Arrays.sort(clientMicros);
            Arrays.sort(tookMillis);
            System.out.printf(
                    Locale.ROOT,
                    "%n_recommend, %d items, history %d, k 10, %d sequential requests over HTTP (after 100 warm-up)%n",
                    ids.size(),
                    historyLength,
                    requests);
            System.out.printf(
                    Locale.ROOT,
                    "client wall time: median %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                    pct(clientMicros, 50) / 1000.0,
                    pct(clientMicros, 90) / 1000.0,
                    pct(clientMicros, 99) / 1000.0,
                    clientMicros[requests - 1] / 1000.0);
            System.out.printf(
                    Locale.ROOT,
                    "server took_ms:   median %d ms, p99 %d ms%n%n",
                    pct(tookMillis, 50),
                    pct(tookMillis, 99));
        }
    }

    private static NodeResponse recommend(NodeHttpClient http, String body) {
        NodeResponse r = http.post("/_plugins/_seqrec/models/bench/_recommend", body);
        assertEquals(r.toString(), 200, r.status());
        return r;
    }

    private static String randomHistory(List<String> ids, int length, Random random) {
        List<String> quoted = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            quoted.add("\"" + ids.get(random.nextInt(ids.size())) + "\"");
        }
        return "{\"history\": [" + String.join(", ", quoted) + "], \"k\": 10}";
    }

    private static long pct(long[] sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
