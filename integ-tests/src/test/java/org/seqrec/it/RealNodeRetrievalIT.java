package org.seqrec.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
 * Retrieval on a real node with the installed plugin zip: the {@code seqrec} query and
 * {@code _recommend} return the planted next items of a model trained here, the query combines
 * with a text query in {@code bool}, and bad parameters get 400/404.
 */
public class RealNodeRetrievalIT {
    private static final String MODEL_ID = "planted-chains";
    private static PlantedModel model;
    private static LocalOpenSearchNode node;
    private static NodeHttpClient http;

    @BeforeClass
    public static void startNodeWithModel() throws Exception {
        model = PlantedModel.train(9);
        node = ItEnvironment.node("real-node-retrieval")
                .optPlugin(ItEnvironment.pluginDir())
                .start();
        model.installInto(node.home().config(), MODEL_ID);
        http = node.http();
        // Only chain items carry the word "trail": the text query alone cannot tell which comes next
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
    public void recommendReturnsThePlantedNextItem() {
        for (Map.Entry<String, String> planted : model.plantedNext().entrySet()) {
            NodeResponse r = http.post(
                    "/_plugins/_seqrec/models/" + MODEL_ID + "/_recommend",
                    String.format(Locale.ROOT, """
                    {"history": ["n3", "n8", "%s"], "k": 5}""", planted.getKey()));
            assertEquals(r.toString(), 200, r.status());
            List<Object> items = list(r.json().get("items"));
            assertEquals(5, items.size());
            assertEquals(
                    "after " + planted.getKey(),
                    planted.getValue(),
                    map(items.get(0)).get("item_id"));
        }
    }

    @Test
    public void queryRetrievesThePlantedNextItemAloneAndInsideBool() {
        for (Map.Entry<String, String> planted : model.plantedNext().entrySet()) {
            String seqrec = String.format(Locale.ROOT, """
                    {"seqrec": {"model_id": "%s", "item_field": "item_id", "history": ["n3", "n8", "%s"], "k": 10}}""", MODEL_ID, planted.getKey());
            assertEquals(planted.getValue(), topId(search("{\"size\": 3, \"query\": " + seqrec + "}")));
            String combined = String.format(Locale.ROOT, """
                    {"size": 3, "query": {"bool": {"must": [{"match": {"title": "trail"}}], "should": [%s]}}}""", seqrec);
            assertEquals(planted.getValue(), topId(search(combined)));
        }
    }

    @Test
    public void badParametersAreRejected() {
        NodeResponse tooMany = http.post("/items/_search", String.format(Locale.ROOT, """
                {"query": {"seqrec": {"model_id": "%s", "item_field": "item_id", "history": ["p0_0"], "k": 5000}}}""", MODEL_ID));
        assertEquals(tooMany.toString(), 400, tooMany.status());
        NodeResponse zero = http.post("/items/_search", String.format(Locale.ROOT, """
                {"query": {"seqrec": {"model_id": "%s", "item_field": "item_id", "history": ["p0_0"], "k": 0}}}""", MODEL_ID));
        assertEquals(zero.toString(), 400, zero.status());
        NodeResponse unknownModel = http.post("/items/_search", """
                {"query": {"seqrec": {"model_id": "nope", "item_field": "item_id", "history": ["p0_0"]}}}""");
        assertEquals(unknownModel.toString(), 404, unknownModel.status());
        NodeResponse textField = http.post("/items/_search", String.format(Locale.ROOT, """
                {"query": {"seqrec": {"model_id": "%s", "item_field": "title", "history": ["p0_0"]}}}""", MODEL_ID));
        assertEquals(textField.toString(), 400, textField.status());
        NodeResponse unmappedField = http.post("/items/_search", String.format(Locale.ROOT, """
                {"query": {"seqrec": {"model_id": "%s", "item_field": "no_such_field", "history": ["p0_0"]}}}""", MODEL_ID));
        assertEquals(unmappedField.toString(), 400, unmappedField.status());
        NodeResponse recommendUnknown =
                http.post("/_plugins/_seqrec/models/nope/_recommend", "{\"history\": [\"p0_0\"]}");
        assertEquals(recommendUnknown.toString(), 404, recommendUnknown.status());
        NodeResponse recommendBadK = http.post(
                "/_plugins/_seqrec/models/" + MODEL_ID + "/_recommend", "{\"history\": [\"p0_0\"], \"k\": 0}");
        assertEquals(recommendBadK.toString(), 400, recommendBadK.status());
        assertTrue(
                http.get("/_cluster/health?wait_for_status=yellow&timeout=10s").status() == 200);
    }

    private static NodeResponse search(String body) {
        NodeResponse r = http.post("/items/_search", body);
        assertEquals(r.toString(), 200, r.status());
        return r;
    }

    private static String topId(NodeResponse r) {
        List<Object> hits = list(map(r.json().get("hits")).get("hits"));
        assertTrue(r.toString(), !hits.isEmpty());
        return (String) map(hits.get(0)).get("_id");
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
