package org.seqrec.plugin.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.opensearch.action.bulk.BulkRequestBuilder;
import org.opensearch.action.support.WriteRequest;
import org.opensearch.transport.client.Client;

/**
 * An events index as docs/rescore.md describes it ({@code user_id} and {@code item_id} keywords,
 * {@code timestamp} a date, {@code note} a text field), filled in shuffled order so that only the
 * sort on time can give the right history.
 */
public final class TestEvents {
    private TestEvents() {}

    /** Creates {@code index} and indexes one event per entry of {@code itemsByUser}, oldest first, one second apart. */
    public static void index(Client client, String index, Map<String, List<String>> itemsByUser, long seed) {
        client.admin()
                .indices()
                .prepareCreate(index)
                .setMapping(
                        "user_id",
                        "type=keyword",
                        "item_id",
                        "type=keyword",
                        "timestamp",
                        "type=date",
                        "note",
                        "type=text")
                .get();
        List<Map<String, Object>> events = new ArrayList<>();
        long time = 1_700_000_000_000L;
        for (Map.Entry<String, List<String>> user : itemsByUser.entrySet()) {
            for (String item : user.getValue()) {
                Map<String, Object> event = new HashMap<>();
                event.put("user_id", user.getKey());
                event.put("timestamp", time);
                event.put("note", "viewed");
                if (item != null) {
                    event.put("item_id", item);
                }
                events.add(event);
                time += 1000;
            }
        }
        Collections.shuffle(events, new Random(seed));
        BulkRequestBuilder bulk = client.prepareBulk().setRefreshPolicy(WriteRequest.RefreshPolicy.IMMEDIATE);
        for (Map<String, Object> event : events) {
            bulk.add(client.prepareIndex(index).setSource(event));
        }
        if (bulk.get().hasFailures()) {
            throw new AssertionError("indexing events failed");
        }
    }
}
