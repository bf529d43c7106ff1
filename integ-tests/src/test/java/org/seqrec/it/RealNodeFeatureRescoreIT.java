package org.seqrec.it;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
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
 * Item features on a real node process: a model trained with features, installed in the node's
 * {@code config/seqrec/models}; hits whose item the model has never seen are scored from their
 * keyword fields through the rescorer's {@code feature_fields}; a DIN trained with features ranks
 * the items added to it through {@code _items}.
 */
public class RealNodeFeatureRescoreIT {
    private static final String MODEL_ID = "grouped-features";
    private static final String DIN_ID = "grouped-din-features";
    private static LocalOpenSearchNode node;
    private static NodeHttpClient http;

    @BeforeClass
    public static void startNodeWithModel() throws Exception {
        GroupedFeatureModel model = GroupedFeatureModel.train(3);
        node = ItEnvironment.node("real-node-feature-rescore")
                .optPlugin(ItEnvironment.pluginDir())
                .start();
        model.installInto(node.home().config(), MODEL_ID);
        GroupedFeatureModel.train(3, "din").installInto(node.home().config(), DIN_ID);
        http = node.http();
        NodeResponse created = http.put("/catalogue", """
                {"settings": {"number_of_shards": 2},
                 "mappings": {"properties": {"item_id": {"type": "keyword"}, "kind": {"type": "keyword"},
                                             "grp": {"type": "keyword"}, "price": {"type": "long"},
                                             "title": {"type": "text"}}}}""");
        assertEquals(created.toString(), 200, created.status());
        StringBuilder bulk = new StringBuilder();
        for (int g = 0; g < GroupedFeatureModel.GROUPS; g++) {
            // new followers: the model has never seen these ids, only their features
            bulk.append(String.format(Locale.ROOT, """
                    {"index": {"_id": "new-follow-%d"}}
                    {"item_id": "new-follow-%d", "kind": "follow", "grp": "g%d", "price": 10, "title": "new arrival"}
                    """, g, g, g));
        }
        bulk.append("""
                {"index": {"_id": "new-mystery"}}
                {"item_id": "new-mystery", "kind": "unheard-of", "price": 10, "title": "new arrival"}
                """);
        NodeResponse indexed = http.post("/catalogue/_bulk?refresh=true", bulk.toString());
        assertEquals(indexed.toString(), false, indexed.json().get("errors"));
    }

    @AfterClass
    public static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void aNewItemIsScoredFromItsFeatures() {
        Map<Object, Double> plain = new HashMap<>();
        NodeResponse text = http.post("/catalogue/_search", """
                {"size": 10, "query": {"match": {"title": "arrival"}}}""");
        for (Map<String, Object> hit : hits(text)) {
            plain.put(hit.get("_id"), ((Number) hit.get("_score")).doubleValue());
        }
        for (int g = 0; g < GroupedFeatureModel.GROUPS; g++) {
            NodeResponse r = search(g, "{\"kind\": \"kind\", \"grp\": \"group\"}");
            assertEquals(r.toString(), 200, r.status());
            List<Map<String, Object>> hits = hits(r);
            assertEquals(
                    "after lead-" + g + ": " + r.body(),
                    "new-follow-" + g,
                    hits.get(0).get("_id"));
            // the hit with no value the model knows keeps its first-pass score, below the scored ones
            Map<String, Object> mystery = hits.stream()
                    .filter(h -> h.get("_id").equals("new-mystery"))
                    .findFirst()
                    .orElseThrow();
            assertEquals(plain.get("new-mystery"), ((Number) mystery.get("_score")).doubleValue(), 1e-6);
        }
        // Without feature_fields every new item keeps its first-pass score (as documented for unknown items)
        for (Map<String, Object> hit : hits(search(0, null))) {
            assertEquals(plain.get(hit.get("_id")), ((Number) hit.get("_score")).doubleValue(), 1e-6);
        }
    }

    @Test
    public void addedItemsAreReturnedByRecommend() {
        // bad bodies: 400, and nothing changes
        NodeResponse unknownField = http.post("/_plugins/_seqrec/models/" + MODEL_ID + "/_items", """
                {"items": [{"id": "added-follow-0", "features": {"kind": "follow", "colour": "red"}}]}""");
        assertEquals(unknownField.toString(), 400, unknownField.status());
        assertTrue(unknownField.body(), unknownField.body().contains("unknown feature field 'colour'"));
        NodeResponse known = http.post("/_plugins/_seqrec/models/" + MODEL_ID + "/_items", """
                {"items": [{"id": "added-follow-0", "features": {"kind": "follow", "group": "g0"}},
                           {"id": "lead-1", "features": {"kind": "lead"}}]}""");
        assertEquals(known.toString(), 400, known.status());
        assertTrue(known.body(), known.body().contains("item [lead-1] is already known"));
        NodeResponse notABody = http.post("/_plugins/_seqrec/models/" + MODEL_ID + "/_items", "{\"things\": []}");
        assertEquals(notABody.toString(), 400, notABody.status());
        assertEquals(
                List.of(),
                recommendedIds(0).stream().filter(id -> id.startsWith("added-")).toList());

        StringBuilder items = new StringBuilder();
        for (int g = 0; g < GroupedFeatureModel.GROUPS; g++) {
            items.append(g == 0 ? "" : ", ").append(String.format(Locale.ROOT, """
                            {"id": "added-follow-%d", "features": {"kind": "follow", "group": ["g%d"]}}""", g, g));
        }
        NodeResponse added =
                http.post("/_plugins/_seqrec/models/" + MODEL_ID + "/_items", "{\"items\": [" + items + "]}");
        assertEquals(added.toString(), 200, added.status());
        assertEquals(
                added.body(), GroupedFeatureModel.GROUPS, ((Number) added.json().get("added")).intValue());
        for (int g = 0; g < GroupedFeatureModel.GROUPS; g++) {
            List<String> ids = recommendedIds(g);
            List<String> addedIds =
                    ids.stream().filter(id -> id.startsWith("added-")).toList();
            assertTrue("after lead-" + g + ": " + ids, addedIds.contains("added-follow-" + g));
            assertEquals("after lead-" + g + ": " + ids, "added-follow-" + g, addedIds.get(0));
        }
    }

    /**
     * A ranking model (DIN) trained with features: the catalogue's new followers, unknown to it, keep
     * their first-pass scores until they are added through {@code _items}; then the rescore ranks the
     * lead's group's new follower first.
     */
    @Test
    public void aRankingModelWithFeaturesRanksItemsAddedToIt() {
        Map<Object, Double> plain = new HashMap<>();
        for (Map<String, Object> hit : hits(http.post("/catalogue/_search", """
                {"size": 10, "query": {"match": {"title": "arrival"}}}"""))) {
            plain.put(hit.get("_id"), ((Number) hit.get("_score")).doubleValue());
        }
        for (Map<String, Object> hit : hits(dinSearch(1))) {
            assertEquals(hit.toString(), plain.get(hit.get("_id")), ((Number) hit.get("_score")).doubleValue(), 1e-6);
        }
        StringBuilder items = new StringBuilder();
        for (int g = 0; g < GroupedFeatureModel.GROUPS; g++) {
            items.append(g == 0 ? "" : ", ").append(String.format(Locale.ROOT, """
                            {"id": "new-follow-%d", "features": {"kind": "follow", "group": "g%d"}}""", g, g));
        }
        NodeResponse added =
                http.post("/_plugins/_seqrec/models/" + DIN_ID + "/_items", "{\"items\": [" + items + "]}");
        assertEquals(added.toString(), 200, added.status());
        for (int g = 0; g < GroupedFeatureModel.GROUPS; g++) {
            List<Map<String, Object>> hits = hits(dinSearch(g));
            assertEquals(
                    "after lead-" + g + ": " + hits,
                    "new-follow-" + g,
                    hits.get(0).get("_id"));
        }
    }

    private static NodeResponse dinSearch(int group) {
        return http.post("/catalogue/_search", String.format(Locale.ROOT, """
                {"size": 10, "query": {"match": {"title": "arrival"}},
                 "rescore": {"window_size": 50, "seqrec": {"model_id": "%s", "item_field": "item_id",
                   "history": ["noise-3", "noise-17", "lead-%d"]}}}""", DIN_ID, group));
    }

    @SuppressWarnings("unchecked")
    private static List<String> recommendedIds(int group) {
        NodeResponse r = http.post(
                "/_plugins/_seqrec/models/" + MODEL_ID + "/_recommend", String.format(Locale.ROOT, """
                {"history": ["noise-3", "noise-17", "lead-%d"], "k": 12}""", group));
        assertEquals(r.toString(), 200, r.status());
        return ((List<Map<String, Object>>) r.json().get("items"))
                .stream().map(m -> (String) m.get("item_id")).toList();
    }

    @Test
    public void badFeatureFieldsAreA400() {
        NodeResponse notKeyword = search(0, "{\"price\": \"group\"}");
        assertEquals(notKeyword.toString(), 400, notKeyword.status());
        assertTrue(notKeyword.body(), notKeyword.body().contains("[feature_fields] [price] must be a keyword field"));
        NodeResponse unknownFeature = search(0, "{\"grp\": \"colour\"}");
        assertEquals(unknownFeature.toString(), 400, unknownFeature.status());
        assertTrue(unknownFeature.body(), unknownFeature.body().contains("[colour]"));
        assertTrue(unknownFeature.body(), unknownFeature.body().contains("its features are [kind, group]"));
        NodeResponse notAnObject = search(0, "[\"grp\"]");
        assertEquals(notAnObject.toString(), 400, notAnObject.status());
    }

    private static NodeResponse search(int group, String featureFields) {
        return http.post(
                "/catalogue/_search",
                String.format(
                        Locale.ROOT,
                        """
                {"size": 10, "query": {"match": {"title": "arrival"}},
                 "rescore": {"window_size": 50, "seqrec": {"model_id": "%s", "item_field": "item_id",
                   "history": ["noise-3", "noise-17", "lead-%d"]%s}}}""",
                        MODEL_ID,
                        group,
                        featureFields == null ? "" : ", \"feature_fields\": " + featureFields));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> hits(NodeResponse response) {
        assertEquals(response.toString(), 200, response.status());
        return (List<Map<String, Object>>)
                ((Map<String, Object>) response.json().get("hits")).get("hits");
    }
}
