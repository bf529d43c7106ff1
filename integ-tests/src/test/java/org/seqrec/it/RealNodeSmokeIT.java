package org.seqrec.it;

import static org.junit.Assert.assertEquals;
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
 * The built plugin zip, installed into a real OpenSearch node started with the OpenSearch agent:
 * it loads, and the {@code seqrec} rescorer answers bad requests with the right status.
 */
public class RealNodeSmokeIT {

    private static LocalOpenSearchNode node;
    private static NodeHttpClient http;

    @BeforeClass
    public static void startNode() {
        node = ItEnvironment.node("real-node-smoke")
                .optPlugin(ItEnvironment.pluginDir())
                .start();
        http = node.http();
        assertEquals(200, http.put("/products", """
                {"mappings": {"properties": {"item_id": {"type": "keyword"}, "title": {"type": "text"}}}}
                """).status());
        String bulk = """
                {"index": {"_id": "1"}}
                {"item_id": "sku-1", "title": "warm gloves"}
                {"index": {"_id": "2"}}
                {"item_id": "sku-2", "title": "ski gloves"}
                {"index": {"_id": "3"}}
                {"item_id": "sku-3", "title": "wool gloves"}
                """;
        NodeResponse indexed = http.post("/products/_bulk?refresh=true", bulk);
        assertEquals(indexed.toString(), 200, indexed.status());
        assertEquals(indexed.toString(), false, indexed.json().get("errors"));
    }

    @AfterClass
    public static void stopNode() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    public void pluginIsInstalled() {
        List<Object> plugins = http.get("/_cat/plugins?format=json").jsonList();
        assertTrue(
                "seqrec missing from " + plugins,
                plugins.stream().anyMatch(p -> "seqrec".equals(((Map<?, ?>) p).get("component"))));
    }

    @Test
    public void rescoreWithUnknownModelIs404() {
        NodeResponse response = search("""
                {"model_id": "no-such-model", "item_field": "item_id", "history": ["sku-1", "sku-2"]}
                """);
        assertEquals(response.toString(), 404, response.status());
        assertTrue(response.toString(), response.body().contains("no-such-model"));
    }

    @Test
    public void rescoreWithoutModelIdIs400() {
        NodeResponse response = search("""
                {"item_field": "item_id", "history": ["sku-1"]}
                """);
        assertEquals(response.toString(), 400, response.status());
        assertTrue(response.toString(), response.body().contains("model_id"));
    }

    @Test
    public void rescoreWithUnknownFieldIs400() {
        NodeResponse response = search("""
                {"model_id": "m", "item_field": "item_id", "history": ["sku-1"], "no_such_option": 1}
                """);
        assertEquals(response.toString(), 400, response.status());
        assertTrue(response.toString(), response.body().contains("no_such_option"));
    }

    private static NodeResponse search(String seqrecClause) {
        return http.post("/products/_search", String.format(Locale.ROOT, """
                {"query": {"match": {"title": "gloves"}},
                  "rescore": {"window_size": 10, "seqrec": %s}}
                """, seqrecClause));
    }
}
