package org.seqrec.it.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * The benchmark's two indices on the node, set up over HTTP: the catalogue ({@value #CATALOGUE}:
 * one document per model item, {@code item_id} keyword, {@code title} text from
 * {@link BenchCatalogue}; 2 shards, no replica) and the events ({@value #EVENTS}: one document per
 * interaction of the sampled users, {@code user_id} and {@code item_id} keywords, {@code timestamp}
 * date one minute apart in the log's order; 1 shard). Both are force-merged to one segment per
 * shard so that runs compare on the same layout. Every failed request throws
 * {@link IllegalStateException} with the node's answer. Does not own the client.
 */
final class BenchIndices {
    static final String CATALOGUE = "bench-catalogue";
    static final String EVENTS = "bench-events";
    /** 2026-01-01T00:00:00Z: the first event of every user. */
    private static final long EPOCH_MILLIS = 1_767_225_600_000L;

    private static final int BULK_DOCS = 5_000;

    private final NodeHttpClient http;

    BenchIndices(NodeHttpClient http) {
        this.http = http;
    }

    /** Creates and fills the catalogue; returns the number of documents. */
    int indexCatalogue(List<String> itemIds, List<String> titles) {
        expectOk("create " + CATALOGUE, http.put("/" + CATALOGUE, """
                {"settings": {"number_of_shards": 2, "number_of_replicas": 0},
                 "mappings": {"dynamic": false, "properties": {"item_id": {"type": "keyword"}, "title": {"type": "text"}}}}
                """));
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < itemIds.size(); i++) {
            bulk.append("{\"index\": {\"_id\": ")
                    .append(RequestKind.quote(itemIds.get(i)))
                    .append("}}\n")
                    .append("{\"item_id\": ")
                    .append(RequestKind.quote(itemIds.get(i)))
                    .append(", \"title\": ")
                    .append(RequestKind.quote(titles.get(i)))
                    .append("}\n");
            if ((i + 1) % BULK_DOCS == 0) {
                send(CATALOGUE, bulk);
            }
        }
        send(CATALOGUE, bulk);
        settle(CATALOGUE);
        return itemIds.size();
    }

    /**
     * Creates and fills {@code index} (1 shard, no replica) with one document per item, in the
     * given order, with {@code _id} and {@code item_id} (keyword) the item id, and the item's
     * attribute ids both as a keyword array ({@code keywordField}) and as one space-separated text
     * ({@code textField}, standard analyzer). Refreshes are off while it fills, so the documents
     * land in one segment in the order given: equal scores are then broken by that order in every
     * run (timed refreshes would cut segments at random points and the merge would order them
     * differently from run to run). Returns the documents.
     */
    int indexAttributes(
            String index,
            List<String> itemIds,
            Map<String, List<String>> attributes,
            String keywordField,
            String textField) {
        expectOk("create " + index, http.put("/" + index, String.format(Locale.ROOT, """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0, "refresh_interval": "-1"},
                 "mappings": {"dynamic": false, "properties": {"item_id": {"type": "keyword"},
                   "%s": {"type": "keyword"}, "%s": {"type": "text"}}}}
                """, keywordField, textField)));
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < itemIds.size(); i++) {
            String id = RequestKind.quote(itemIds.get(i));
            List<String> attrs = attributes.getOrDefault(itemIds.get(i), List.of());
            bulk.append("{\"index\": {\"_id\": ")
                    .append(id)
                    .append("}}\n{\"item_id\": ")
                    .append(id)
                    .append(", \"")
                    .append(keywordField)
                    .append("\": [")
                    .append(String.join(
                            ", ", attrs.stream().map(RequestKind::quote).toList()))
                    .append("], \"")
                    .append(textField)
                    .append("\": ")
                    .append(RequestKind.quote(String.join(" ", attrs)))
                    .append("}\n");
            if ((i + 1) % BULK_DOCS == 0) {
                send(index, bulk);
            }
        }
        send(index, bulk);
        settle(index);
        return itemIds.size();
    }

    /** Creates and fills the events index with every interaction of the users; returns the number of events. */
    int indexEvents(List<BenchUsers.User> users) {
        expectOk("create " + EVENTS, http.put("/" + EVENTS, """
                {"settings": {"number_of_shards": 1, "number_of_replicas": 0},
                 "mappings": {"dynamic": false, "properties": {"user_id": {"type": "keyword"},
                   "item_id": {"type": "keyword"}, "timestamp": {"type": "date"}}}}
                """));
        StringBuilder bulk = new StringBuilder();
        int events = 0;
        for (BenchUsers.User user : users) {
            for (int i = 0; i < user.items().size(); i++) {
                bulk.append("{\"index\": {}}\n{\"user_id\": ")
                        .append(RequestKind.quote(user.id()))
                        .append(", \"item_id\": ")
                        .append(RequestKind.quote(user.items().get(i)))
                        .append(", \"timestamp\": ")
                        .append(EPOCH_MILLIS + 60_000L * i)
                        .append("}\n");
                if (++events % BULK_DOCS == 0) {
                    send(EVENTS, bulk);
                }
            }
        }
        send(EVENTS, bulk);
        settle(EVENTS);
        return events;
    }

    /** How many catalogue documents a {@code match} of {@code text} on {@code title} finds (exact count). */
    long matchCount(String text) {
        NodeResponse r = expectOk(
                "count",
                http.post(
                        "/" + CATALOGUE + "/_count",
                        "{\"query\": {\"match\": {\"title\": " + RequestKind.quote(text) + "}}}"));
        return ((Number) r.json().get("count")).longValue();
    }

    private void send(String index, StringBuilder bulk) {
        if (bulk.isEmpty()) {
            return;
        }
        NodeResponse r = expectOk("bulk-index " + index, http.post("/" + index + "/_bulk", bulk.toString()));
        if (!Boolean.FALSE.equals(r.json().get("errors"))) {
            throw new IllegalStateException("bulk indexing into " + index + " reported errors: "
                    + r.body().substring(0, Math.min(2000, r.body().length())));
        }
        bulk.setLength(0);
    }

    private void settle(String index) {
        expectOk("refresh " + index, http.post("/" + index + "/_refresh", "{}"));
        NodeResponse merged =
                expectOk("force-merge " + index, http.post("/" + index + "/_forcemerge?max_num_segments=1", "{}"));
        Object shards = merged.json().get("_shards");
        if (shards instanceof Map<?, ?> m && m.get("failed") instanceof Number failed && failed.intValue() > 0) {
            throw new IllegalStateException("force-merge of " + index + " failed on a shard: " + merged);
        }
    }

    private static NodeResponse expectOk(String what, NodeResponse response) {
        if (response.status() / 100 != 2) {
            throw new IllegalStateException(what + " failed: " + response);
        }
        return response;
    }
}
