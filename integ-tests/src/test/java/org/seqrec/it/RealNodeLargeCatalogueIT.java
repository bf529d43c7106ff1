package org.seqrec.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * A catalogue of over 100,000 items on a real node with the plugin zip and the java agent, so through
 * hnswlib's native library under the agent: the planted model of {@link RealNodeRetrievalIT} grown by
 * 150,000 generated items ({@link LargeCatalogue}, D 16 so that the graph builds in seconds) is
 * uploaded; the first requests after the upload are answered by the exact scan while the HNSW graph
 * builds in the background (the stats say {@code building}), then the graph answers ({@code hnsw});
 * both return the planted next items, through {@code _recommend} and the {@code seqrec} query.
 */
public class RealNodeLargeCatalogueIT {
    private static final String MODEL_ID = "planted-large";
    private static final int EXTRA_ITEMS = 150_000;
    private static PlantedModel model;
    private static byte[] artifactBytes;
    private static LocalOpenSearchNode node;
    private static NodeHttpClient http;

    @BeforeClass
    public static void startNode() throws Exception {
        model = PlantedModel.train(9);
        ModelArtifact large = LargeCatalogue.grow(model.artifact(), EXTRA_ITEMS, 0.5f, 0.5, 11L);
        node = ItEnvironment.node("real-node-large-catalogue")
                .optPlugin(ItEnvironment.pluginDir())
                // one build thread, as on a node whose other cores serve requests
                .optSetting("thread_pool.seqrec_index_build.size", "1")
                .start();
        http = node.http();
        Path file = node.home().config().resolve("large.seqrec");
        large.write(file);
        artifactBytes = Files.readAllBytes(file);
        PlantedModel.indexItems(
                http,
                model.artifact().vocabulary().ids(),
                id -> id.startsWith("p") ? "trail item " + id : "item " + id);
    }

    @AfterClass
    public static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void exactAnswersWhileTheGraphBuildsThenTheGraphAnswers() throws Exception {
        String body = "{\"artifact\": \"" + Base64.getEncoder().encodeToString(artifactBytes) + "\"}";
        NodeResponse put = http.put("/_plugins/_seqrec/models/" + MODEL_ID, body);
        assertEquals(put.toString(), 201, put.status());

        // the first request loads the model and starts the build; it is answered by the exact scan
        long start = System.nanoTime();
        Map.Entry<String, String> first =
                model.plantedNext().entrySet().iterator().next();
        assertEquals(first.getValue(), recommendTop(first.getKey(), ""));
        long firstMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals("stats right after the first answer (" + firstMillis + " ms)", "building", indexState());
        assertPlantedItems("");

        // the graph takes over
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (indexState().equals("hnsw") == false) {
            assertTrue("the HNSW graph was not built within 180 s", System.nanoTime() < deadline);
            Thread.sleep(250);
        }
        Map<?, ?> stats = loadedModel();
        assertTrue(stats.toString(), ((Number) stats.get("item_index_native_bytes")).longValue() > 10L * EXTRA_ITEMS);
        assertTrue(
                stats.toString(),
                ((Number) stats.get("memory_bytes")).longValue()
                        > ((Number) stats.get("item_index_native_bytes")).longValue());
        assertPlantedItems("");
        assertPlantedItems(", \"ef_search\": 50");

        NodeResponse badEf = http.post(
                "/_plugins/_seqrec/models/" + MODEL_ID + "/_recommend", "{\"history\": [\"p0_0\"], \"ef_search\": 0}");
        assertEquals(badEf.toString(), 400, badEf.status());
        assertTrue(badEf.body(), badEf.body().contains("ef_search"));
    }

    /** Both entry points return every planted next item first; {@code extra} is added to both bodies. */
    private static void assertPlantedItems(String extra) {
        for (Map.Entry<String, String> planted : model.plantedNext().entrySet()) {
            assertEquals(
                    "after " + planted.getKey() + extra, planted.getValue(), recommendTop(planted.getKey(), extra));
            String seqrec = String.format(Locale.ROOT, """
                    {"seqrec": {"model_id": "%s", "item_field": "item_id", "history": ["n3", "n8", "%s"], "k": 10%s}}""", MODEL_ID, planted.getKey(), extra);
            NodeResponse r = http.post("/items/_search", "{\"size\": 3, \"query\": " + seqrec + "}");
            assertEquals(r.toString(), 200, r.status());
            List<Object> hits = list(map(r.json().get("hits")).get("hits"));
            assertTrue(r.toString(), !hits.isEmpty());
            assertEquals(r.toString(), planted.getValue(), map(hits.get(0)).get("_id"));
        }
    }

    private static String recommendTop(String last, String extra) {
        NodeResponse r = http.post(
                "/_plugins/_seqrec/models/" + MODEL_ID + "/_recommend", String.format(Locale.ROOT, """
                {"history": ["n3", "n8", "%s"], "k": 5%s}""", last, extra));
        assertEquals(r.toString(), 200, r.status());
        List<Object> items = list(r.json().get("items"));
        assertEquals(r.toString(), 5, items.size());
        return (String) map(items.get(0)).get("item_id");
    }

    private static String indexState() {
        return (String) loadedModel().get("item_index");
    }

    private static Map<?, ?> loadedModel() {
        NodeResponse stats = http.get("/_plugins/_seqrec/stats");
        assertEquals(stats.toString(), 200, stats.status());
        Map<?, ?> nodeStats = (Map<?, ?>)
                ((Map<?, ?>) stats.json().get("nodes")).values().iterator().next();
        for (Object m : (List<?>) nodeStats.get("loaded_models")) {
            if (MODEL_ID.equals(((Map<?, ?>) m).get("model_id"))) {
                return (Map<?, ?>) m;
            }
        }
        throw new AssertionError("model " + MODEL_ID + " is not loaded: " + stats.body());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return new ArrayList<>((List<Object>) o);
    }
}
