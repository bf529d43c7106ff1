package org.seqrec.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

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
 * The {@code seqrec_personalize} search pipeline processor and {@code _recommend} by user on a real
 * node with the installed plugin zip, over HTTP only: an index whose default search pipeline
 * personalises plain text queries for the user named in {@code ext.seqrec} or the
 * {@code X-Seqrec-User-Id} header, leaves them unchanged without a user or for a user without events,
 * and a bad processor configuration is a 400 when the pipeline is created.
 */
public class RealNodePipelineIT {
    private static final String MODEL_ID = "planted-chains";
    private static final String EVENTS = """
            "events": {"index": "events", "user_field": "user_id", "item_field": "item_id",
                       "time_field": "timestamp", "size": 10}""";
    private static PlantedModel model;
    private static Map.Entry<String, String> planted;
    private static LocalOpenSearchNode node;
    private static NodeHttpClient http;

    @BeforeClass
    public static void startNodeWithPipeline() throws Exception {
        model = PlantedModel.train(11);
        planted = model.plantedNext().entrySet().iterator().next();
        node = ItEnvironment.node("real-node-pipeline")
                .optPlugin(ItEnvironment.pluginDir())
                .start();
        model.installInto(node.home().config(), MODEL_ID);
        http = node.http();
        PlantedModel.indexItems(http, model.artifact().vocabulary().ids(), id -> "trail item " + id);
        PlantedModel.indexEvents(http, "u-1", List.of("n3", "n8", planted.getKey()));

        NodeResponse pipeline =
                http.put("/_search/pipeline/personalize", String.format(Locale.ROOT, """
                {"description": "seqrec for the user of the request",
                 "request_processors": [{"seqrec_personalize": {
                   "model_id": "%s", "item_field": "item_id", %s,
                   "rescore": {"window_size": 500, "score_mode": "total"}}}]}""", MODEL_ID, EVENTS));
        assertEquals(pipeline.toString(), 200, pipeline.status());
        NodeResponse settings = http.put("/items/_settings", """
                {"index.search.default_pipeline": "personalize"}""");
        assertEquals(settings.toString(), 200, settings.status());
    }

    @AfterClass
    public static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    private static final String TRAIL = """
            {"size": 5, "query": {"match": {"title": "trail"}}%s}""";

    private static String ext(String user) {
        return String.format(Locale.ROOT, ", \"ext\": {\"seqrec\": {\"user_id\": \"%s\"}}", user);
    }

    @Test
    public void thePlainQueryOfAUserComesBackReranked() {
        NodeResponse personalised = search("/items/_search", String.format(Locale.ROOT, TRAIL, ext("u-1")));
        assertEquals(planted.getValue(), ids(personalised).get(0));
        // exactly what the hand-written rescore with the user's history gives
        NodeResponse handWritten = search(
                "/items/_search?search_pipeline=_none",
                String.format(Locale.ROOT, TRAIL, String.format(Locale.ROOT, """
                , "rescore": {"window_size": 500, "seqrec": {"model_id": "%s", "item_field": "item_id",
                   "history": ["n3", "n8", "%s"]}}""", MODEL_ID, planted.getKey())));
        assertEquals(hits(handWritten), hits(personalised));
        assertNotEquals(ids(plain()), ids(personalised));

        NodeResponse byHeader =
                http.post("/items/_search", String.format(Locale.ROOT, TRAIL, ""), "X-Seqrec-User-Id", "u-1");
        assertEquals(byHeader.toString(), 200, byHeader.status());
        assertEquals(hits(personalised), hits(byHeader));
    }

    @Test
    public void noUserOrAnUnknownUserLeavesTheSearchUnchanged() {
        NodeResponse plain = plain();
        assertEquals(hits(plain), hits(search("/items/_search", String.format(Locale.ROOT, TRAIL, ""))));
        assertEquals(hits(plain), hits(search("/items/_search", String.format(Locale.ROOT, TRAIL, ext("nobody")))));
    }

    @Test
    public void badPipelineConfigurationsAreRefusedAtCreation() {
        assertRefused("{\"model_id\": \"" + MODEL_ID + "\", \"item_field\": \"item_id\"}", "requires [events]");
        assertRefused(
                "{\"model_id\": \"" + MODEL_ID + "\", \"item_field\": \"item_id\", " + EVENTS
                        + ", \"rescore\": {\"score_mode\": \"sideways\"}}",
                "[score_mode] must be one of");
        assertRefused(
                "{\"model_id\": \"" + MODEL_ID + "\", \"item_field\": \"item_id\", " + EVENTS + ", \"bogus\": 1}",
                "unknown field [bogus]");
        assertEquals(404, http.get("/_search/pipeline/bad").status());
        // an ext section the node does not know is a 400 too
        NodeResponse badExt = http.post("/items/_search", "{\"ext\": {\"seqrec\": {\"user\": \"u-1\"}}}");
        assertEquals(badExt.toString(), 400, badExt.status());
    }

    @Test
    public void recommendByUserActsLikeTheirHistory() {
        String path = "/_plugins/_seqrec/models/" + MODEL_ID + "/_recommend";
        NodeResponse byUser = http.post(path, "{\"user_id\": \"u-1\", " + EVENTS + ", \"k\": 5}");
        assertEquals(byUser.toString(), 200, byUser.status());
        NodeResponse byHistory = http.post(
                path,
                String.format(Locale.ROOT, "{\"history\": [\"n3\", \"n8\", \"%s\"], \"k\": 5}", planted.getKey()));
        assertEquals(byHistory.json().get("items"), byUser.json().get("items"));
        assertEquals(planted.getValue(), ((Map<?, ?>) ((List<?>) byUser.json().get("items")).get(0)).get("item_id"));

        NodeResponse both = http.post(path, "{\"history\": [], \"user_id\": \"u-1\", " + EVENTS + "}");
        assertEquals(both.toString(), 400, both.status());
        assertTrue(both.body(), both.body().contains("takes exactly one of [history] or [user_id]"));
        NodeResponse missing = http.post(path, "{\"user_id\": \"u-1\", \"events\": {\"index\": \"no-such-events\"}}");
        assertEquals(missing.toString(), 404, missing.status());
        NodeResponse tooMany =
                http.post(path, "{\"user_id\": \"u-1\", \"events\": {\"index\": \"events\", \"size\": 201}}");
        assertEquals(tooMany.toString(), 400, tooMany.status());
        assertTrue(tooMany.body(), tooMany.body().contains("[events] [size] must be between 1 and 200"));
    }

    private static void assertRefused(String processorConfig, String message) {
        NodeResponse refused = http.put(
                "/_search/pipeline/bad",
                "{\"request_processors\": [{\"seqrec_personalize\": " + processorConfig + "}]}");
        assertEquals(refused.toString(), 400, refused.status());
        assertTrue(refused.body(), refused.body().contains(message));
    }

    private static NodeResponse plain() {
        return search("/items/_search?search_pipeline=_none", String.format(Locale.ROOT, TRAIL, ""));
    }

    private static NodeResponse search(String path, String body) {
        NodeResponse r = http.post(path, body);
        assertEquals(r.toString(), 200, r.status());
        return r;
    }

    /** The hits' ids and scores, in order. */
    private static List<Object> hits(NodeResponse search) {
        List<?> hits = (List<?>) ((Map<?, ?>) search.json().get("hits")).get("hits");
        return hits.stream()
                .map(h -> (Object) (((Map<?, ?>) h).get("_id") + "=" + ((Map<?, ?>) h).get("_score")))
                .toList();
    }

    private static List<String> ids(NodeResponse search) {
        List<?> hits = (List<?>) ((Map<?, ?>) search.json().get("hits")).get("hits");
        return hits.stream().map(h -> (String) ((Map<?, ?>) h).get("_id")).toList();
    }
}
