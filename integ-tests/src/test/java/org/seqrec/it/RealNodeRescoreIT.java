package org.seqrec.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.seqrec.it.node.LocalOpenSearchNode;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * The whole path on a real node process: a model trained here with the real trainer, dropped into
 * the node's {@code config/seqrec/models}, used by the installed plugin zip (own class loader, DJL
 * natives extracted under the node's data path, the agent enforcing the plugin's policy), driven
 * only over HTTP.
 */
public class RealNodeRescoreIT {
    private static final String MODEL_ID = "planted-chains";
    private static final String SRGNN_ID = "planted-chains-srgnn";
    private static final String DIN_ID = "planted-chains-din";
    private static final String DIEN_ID = "planted-chains-dien";
    private static final String BST_ID = "planted-chains-bst";
    private static PlantedModel model;
    private static PlantedModel srgnn;
    private static PlantedModel din;
    private static PlantedModel dien;
    private static PlantedModel bst;
    private static LocalOpenSearchNode node;
    private static NodeHttpClient http;
    /** A second node whose ranking models run on the DJL network, as on a GPU ({@code cpu_inference: djl}). */
    private static LocalOpenSearchNode djlNode;

    private static NodeHttpClient djlHttp;

    @BeforeClass
    public static void startNodeWithModel() throws Exception {
        model = PlantedModel.train(5);
        srgnn = PlantedModel.trainSrGnn(5);
        din = PlantedModel.trainRanker("din", 5);
        dien = PlantedModel.trainRanker("dien", 5);
        bst = PlantedModel.trainRanker("bst", 5);
        node = ItEnvironment.node("real-node-rescore")
                .optPlugin(ItEnvironment.pluginDir())
                .start();
        model.installInto(node.home().config(), MODEL_ID);
        srgnn.installInto(node.home().config(), SRGNN_ID);
        din.installInto(node.home().config(), DIN_ID);
        dien.installInto(node.home().config(), DIEN_ID);
        bst.installInto(node.home().config(), BST_ID);
        http = node.http();
        List<String> ids = new ArrayList<>(model.artifact().vocabulary().ids());
        ids.add("not-in-model");
        PlantedModel.indexItems(http, ids, id -> "trail item " + id);
        djlNode = ItEnvironment.node("real-node-rescore-djl")
                .optPlugin(ItEnvironment.pluginDir())
                .optSetting("plugins.seqrec.cpu_inference", "djl")
                .start();
        dien.installInto(djlNode.home().config(), DIEN_ID);
        bst.installInto(djlNode.home().config(), BST_ID);
        djlHttp = djlNode.http();
        PlantedModel.indexItems(djlHttp, ids, id -> "trail item " + id);
    }

    @AfterClass
    public static void stopNode() {
        if (node != null) {
            node.close();
        }
        if (djlNode != null) {
            djlNode.close();
        }
    }

    @Test
    public void rescoringPutsThePlantedNextItemFirst() {
        for (Map.Entry<String, String> planted : model.plantedNext().entrySet()) {
            List<String> plain = ids(search(""));
            List<String> rescored = ids(search(rescore(planted.getKey())));
            assertEquals("after " + planted.getKey(), planted.getValue(), rescored.get(0));
            assertNotEquals("the text query alone does not know", plain, rescored);
        }
    }

    /**
     * A session model reads the history as a graph: in training a chain's item always follows the one
     * before it, so the history here holds the chain up to the item, as a session that walked it would.
     */
    @Test
    public void anSrGnnModelRescoresThePlantedNextItemFirstToo() {
        assertEquals("srgnn", srgnn.artifact().manifest().modelType());
        for (Map.Entry<String, String> planted : srgnn.plantedNext().entrySet()) {
            String item = planted.getKey(); // p<k>_<j>
            int split = item.indexOf('_');
            StringBuilder history = new StringBuilder("\"n3\", \"n8\"");
            for (int j = 0; j <= Integer.parseInt(item.substring(split + 1)); j++) {
                history.append(", \"").append(item, 0, split + 1).append(j).append('"');
            }
            List<String> rescored = ids(search(String.format(Locale.ROOT, """
                    , "rescore": {"window_size": 500, "seqrec": {"model_id": "%s", "item_field": "item_id",
                       "history": [%s]}}""", SRGNN_ID, history)));
            assertEquals("after " + history, planted.getValue(), rescored.get(0));
        }
    }

    /**
     * A ranking model: the coordinator sends the history's rows to both shards, and each scores its
     * window's hits with DIN in one batched pass; the planted next item comes first.
     */
    @Test
    public void aDinRankingModelRescoresThePlantedNextItemFirst() {
        assertRankerPutsThePlantedNextItemFirst(din, "din", DIN_ID);
    }

    /** DIEN: the attention-gated GRU's interest after the history scores each hit. */
    @Test
    public void aDienRankingModelRescoresThePlantedNextItemFirst() {
        assertRankerPutsThePlantedNextItemFirst(dien, "dien", DIEN_ID);
    }

    /** BST, the third ranking model: each hit is appended to the history as the transformer's last token. */
    @Test
    public void aBstRankingModelRescoresThePlantedNextItemFirst() {
        assertRankerPutsThePlantedNextItemFirst(bst, "bst", BST_ID);
    }

    private static void assertRankerPutsThePlantedNextItemFirst(PlantedModel ranker, String type, String modelId) {
        assertEquals(type, ranker.artifact().manifest().modelType());
        for (Map.Entry<String, String> planted : ranker.plantedNext().entrySet()) {
            List<String> rescored = ids(search(String.format(Locale.ROOT, """
                    , "rescore": {"window_size": 500, "seqrec": {"model_id": "%s", "item_field": "item_id",
                       "history": ["n3", "n8", "%s"]}}""", modelId, planted.getKey())));
            assertEquals(type + " after " + planted.getKey(), planted.getValue(), rescored.get(0));
        }
    }

    /**
     * On the DJL network (what a GPU runs; here {@code plugins.seqrec.cpu_inference: djl}) a ranking
     * model's rescore gives the plain-Java pass's hits, in the same order with the same scores.
     */
    @Test
    public void onTheDjlNetworkARankingRescoreScoresAsThePlainJavaPass() throws Exception {
        for (String modelId : List.of(DIEN_ID, BST_ID)) {
            for (String item : bst.plantedNext().keySet()) {
                String rescore = String.format(Locale.ROOT, """
                        , "rescore": {"window_size": 500, "seqrec": {"model_id": "%s", "item_field": "item_id",
                           "history": ["n3", "n8", "%s"]}}""", modelId, item);
                List<Map<String, Object>> java = hits(search(http, rescore));
                List<Map<String, Object>> djl = hits(search(djlHttp, rescore));
                assertEquals(modelId + " after " + item, java.size(), djl.size());
                for (int i = 0; i < java.size(); i++) {
                    assertEquals(java.get(i).get("_id"), djl.get(i).get("_id"));
                    double expected = ((Number) java.get(i).get("_score")).doubleValue();
                    double actual = ((Number) djl.get(i).get("_score")).doubleValue();
                    assertEquals(modelId + " after " + item, expected, actual, 1e-4 * Math.max(1, Math.abs(expected)));
                }
            }
        }
        String log = Files.readString(djlNode.home().logFile());
        for (String modelId : List.of(DIEN_ID, BST_ID)) {
            assertTrue(log, log.contains("ranking model [" + modelId + "]"));
        }
        assertTrue(log, log.contains("scores on device [cpu] (plugins.seqrec.device: auto), engine PyTorch (DJL)"));
        assertFalse(log, log.contains("engine plain Java (plugins.seqrec.cpu_inference: java)"));
    }

    /** A ranking model has no user vector: the query and _recommend refuse it with a 400 naming the kinds. */
    @Test
    public void aRankingModelCannotRetrieve() {
        NodeResponse query = http.post("/items/_search", String.format(Locale.ROOT, """
                {"query": {"seqrec": {"model_id": "%s", "item_field": "item_id", "history": ["p0_0"], "k": 5}}}""", DIN_ID));
        assertEquals(query.toString(), 400, query.status());
        assertTrue(query.body(), query.body().contains("is a ranking model (din)"));
        assertTrue(query.body(), query.body().contains("sasrec"));
        NodeResponse recommend = http.post("/_plugins/_seqrec/models/" + DIN_ID + "/_recommend", """
                {"history": ["p0_0"], "k": 3}""");
        assertEquals(recommend.toString(), 400, recommend.status());
        assertTrue(recommend.body(), recommend.body().contains("is a ranking model (din)"));
        NodeResponse withFeatures = http.post("/items/_search", String.format(Locale.ROOT, """
                {"query": {"match_all": {}}, "rescore": {"seqrec": {"model_id": "%s", "item_field": "item_id",
                 "history": ["p0_0"], "feature_fields": {"title": "category"}}}}""", DIN_ID));
        assertEquals(withFeatures.toString(), 400, withFeatures.status());
        assertEquals(
                200,
                http.get("/_cluster/health?wait_for_status=yellow&timeout=10s").status());
    }

    @Test
    public void unknownItemKeepsItsFirstPassScore() {
        String query = """
                {"size": 1, "query": {"term": {"item_id": "not-in-model"}}%s}""";
        Map<String, Object> plain = hit(http.post("/items/_search", String.format(Locale.ROOT, query, "")));
        Map<String, Object> rescored =
                hit(http.post("/items/_search", String.format(Locale.ROOT, query, rescore("p0_0"))));
        assertEquals("not-in-model", rescored.get("_id"));
        assertEquals(plain.get("_score"), rescored.get("_score"));
    }

    @Test
    public void badRequestsGetClearErrors() {
        NodeResponse unknownModel = http.post("/items/_search", """
                {"query": {"match_all": {}}, "rescore": {"seqrec": {"model_id": "nope", "item_field": "item_id", "history": ["p0_0"]}}}""");
        assertEquals(unknownModel.toString(), 404, unknownModel.status());
        NodeResponse badMode = http.post("/items/_search", """
                {"query": {"match_all": {}}, "rescore": {"seqrec": {"model_id": "planted-chains", "item_field": "item_id",
                 "history": ["p0_0"], "score_mode": "sideways"}}}""");
        assertEquals(badMode.toString(), 400, badMode.status());
        assertTrue(badMode.body(), badMode.body().contains("score_mode"));
        // The node is still healthy after the bad requests
        assertEquals(
                200,
                http.get("/_cluster/health?wait_for_status=yellow&timeout=10s").status());
    }

    private static String rescore(String lastItem) {
        return String.format(Locale.ROOT, """
                , "rescore": {"window_size": 500, "seqrec": {"model_id": "%s", "item_field": "item_id",
                   "history": ["n3", "n8", "%s"]}}""", MODEL_ID, lastItem);
    }

    private static NodeResponse search(String rescore) {
        return search(http, rescore);
    }

    private static NodeResponse search(NodeHttpClient client, String rescore) {
        NodeResponse r = client.post("/items/_search", String.format(Locale.ROOT, """
                {"size": 5, "query": {"match": {"title": "trail"}}%s}""", rescore));
        assertEquals(r.toString(), 200, r.status());
        return r;
    }

    private static List<String> ids(NodeResponse response) {
        return hits(response).stream().map(h -> (String) h.get("_id")).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hits(NodeResponse response) {
        List<Object> hits =
                (List<Object>) ((Map<String, Object>) response.json().get("hits")).get("hits");
        return hits.stream().map(h -> (Map<String, Object>) h).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> hit(NodeResponse response) {
        assertEquals(response.toString(), 200, response.status());
        List<Object> hits =
                (List<Object>) ((Map<String, Object>) response.json().get("hits")).get("hits");
        return (Map<String, Object>) hits.get(0);
    }
}
