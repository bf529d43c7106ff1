package org.seqrec.it.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * The demo's {@code products} index on a node, reached over HTTP only: creates it, loads the
 * catalogue, and runs the same text search without and with the {@code seqrec} rescorer.
 * Every request that does not succeed fails with {@link IllegalStateException} carrying the node's
 * answer. Does not own the client.
 */
final class ShopIndex {
    static final String INDEX = "products";

    private final NodeHttpClient http;

    ShopIndex(NodeHttpClient http) {
        this.http = http;
    }

    /**
     * Creates the index: one shard (so equal text scores keep the catalogue's order), no replica
     * (one node), {@code item_id} keyword, {@code title} text, {@code category} keyword.
     */
    void create() {
        expectOk("create index " + INDEX, http.put("/" + INDEX, """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"dynamic": false, "properties": {
                   "item_id": {"type": "keyword"}, "title": {"type": "text"}, "category": {"type": "keyword"}}}}
                """));
    }

    /** Sends a {@code _bulk} file (as written by {@code seqrec-trainer generate}); returns the document count. */
    int load(Path bulkFile) {
        String body;
        try {
            body = Files.readString(bulkFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + bulkFile, e);
        }
        NodeResponse response =
                expectOk("bulk-index " + bulkFile.getFileName(), http.post("/_bulk?refresh=true", body));
        if (!Boolean.FALSE.equals(response.json().get("errors"))) {
            throw new IllegalStateException("bulk indexing reported errors: " + response.body());
        }
        return ((List<?>) response.json().get("items")).size();
    }

    /**
     * The search request: a {@code match} on {@code title}, {@code size} hits, and, when a rescore
     * clause is given, that clause as {@code rescore}.
     */
    static Map<String, Object> searchRequest(String query, int size, Map<String, Object> rescore) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("size", size);
        request.put("_source", List.of("item_id", "title", "category"));
        request.put("query", Map.of("match", Map.of("title", query)));
        if (rescore != null) {
            request.put("rescore", rescore);
        }
        return request;
    }

    /** The {@code seqrec} rescore clause of SPEC.md with the default weights and score mode. */
    static Map<String, Object> seqrecRescore(String modelId, List<String> history, int windowSize) {
        Map<String, Object> seqrec = new LinkedHashMap<>();
        seqrec.put("model_id", modelId);
        seqrec.put("item_field", "item_id");
        seqrec.put("history", history);
        Map<String, Object> rescore = new LinkedHashMap<>();
        rescore.put("window_size", windowSize);
        rescore.put("seqrec", seqrec);
        return rescore;
    }

    /** Runs a search request on the index; returns its hits in order, ranks from 1. */
    @SuppressWarnings("unchecked")
    List<RankedHit> search(Map<String, Object> request) {
        NodeResponse response = expectOk("search", http.post("/" + INDEX + "/_search", json(request, false)));
        List<Object> hits =
                (List<Object>) ((Map<String, Object>) response.json().get("hits")).get("hits");
        List<RankedHit> ranked = new ArrayList<>(hits.size());
        for (Object o : hits) {
            Map<String, Object> hit = (Map<String, Object>) o;
            Map<String, Object> source = (Map<String, Object>) hit.get("_source");
            ranked.add(new RankedHit(
                    ranked.size() + 1,
                    (String) source.get("item_id"),
                    (String) source.get("title"),
                    (String) source.get("category"),
                    ((Number) hit.get("_score")).floatValue()));
        }
        return ranked;
    }

    /** A request as JSON text, indented when {@code pretty}. */
    static String json(Map<String, Object> request, boolean pretty) {
        try (XContentBuilder builder = JsonXContent.contentBuilder()) {
            if (pretty) {
                builder.prettyPrint();
            }
            builder.map(request);
            return builder.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static NodeResponse expectOk(String what, NodeResponse response) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(what + " failed: " + response);
        }
        return response;
    }
}
