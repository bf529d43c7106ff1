package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;

/** Every request kind's body is valid JSON in the documented DSL, with the benchmark's window, k and size. */
public class RequestKindTests {
    private static final RequestInput INPUT =
            new RequestInput("u-7", List.of("12", "7", "he said \"hi\""), "cream gentle", "rose");

    @Test
    public void searchesAskForTenHitsOfTheCatalogueWithWindowAndK() throws IOException {
        for (RequestKind kind : RequestKind.values()) {
            RequestKind.BenchRequest r = kind.request("bench-serving", INPUT);
            Map<String, Object> body = parse(r.body());
            if (kind == RequestKind.RECOMMEND) {
                assertEquals("/_plugins/_seqrec/models/bench-serving/_recommend", r.path());
                assertEquals(Map.of("history", INPUT.history(), "k", 10), body);
                continue;
            }
            assertEquals("/bench-catalogue/_search", r.path());
            assertEquals(kind.cliName(), 10, body.get("size"));
            Map<?, ?> rescore = (Map<?, ?>) body.get("rescore");
            assertEquals(
                    kind.cliName(), kind != RequestKind.MATCH && kind != RequestKind.SEQREC_QUERY, rescore != null);
            if (rescore != null) {
                assertEquals(100, rescore.get("window_size"));
            }
        }
    }

    @Test
    public void seqrecClausesNameTheModelHistoryOrUser() throws IOException {
        Map<?, ?> rescored = (Map<?, ?>) ((Map<?, ?>) parse(RequestKind.MATCH_SEQREC_RESCORE
                                .request("m", INPUT)
                                .body())
                        .get("rescore"))
                .get("seqrec");
        assertEquals(Map.of("model_id", "m", "item_field", "item_id", "history", INPUT.history()), rescored);
        Map<?, ?> byUser = (Map<?, ?>) ((Map<?, ?>) parse(RequestKind.MATCH_SEQREC_RESCORE_USER
                                .request("m", INPUT)
                                .body())
                        .get("rescore"))
                .get("seqrec");
        assertEquals("u-7", byUser.get("user_id"));
        assertEquals(
                Map.of(
                        "index",
                        "bench-events",
                        "user_field",
                        "user_id",
                        "item_field",
                        "item_id",
                        "time_field",
                        "timestamp",
                        "size",
                        50),
                byUser.get("events"));
        Map<String, Object> both =
                parse(RequestKind.SEQREC_QUERY_RESCORE.request("m", INPUT).body());
        Map<?, ?> query = (Map<?, ?>) ((Map<?, ?>) both.get("query")).get("seqrec");
        assertEquals(100, query.get("k"));
        assertEquals(INPUT.history(), query.get("history"));
        Map<?, ?> builtIn = (Map<?, ?>) ((Map<?, ?>) parse(RequestKind.MATCH_QUERY_RESCORE
                                .request("m", INPUT)
                                .body())
                        .get("rescore"))
                .get("query");
        assertEquals(Map.of("rescore_query", Map.of("match", Map.of("title", "rose"))), builtIn);
    }

    @Test
    public void onlyWholeAnswersAreAccepted() {
        String ok = "{\"took\":3,\"_shards\":{\"total\":2,\"successful\":2,\"skipped\":0,\"failed\":0},"
                + "\"hits\":{\"total\":{\"value\":2400},\"hits\":[{\"_id\":\"1\"}]}}";
        assertTrue(RequestKind.MATCH.accepts(ok));
        assertFalse("a failed shard", RequestKind.MATCH.accepts(ok.replace("\"failed\":0", "\"failed\":1")));
        assertFalse("no hits", RequestKind.SEQREC_QUERY.accepts(ok.replace("[{\"_id\":\"1\"}]", "[]")));
        assertTrue(RequestKind.RECOMMEND.accepts("{\"model_id\":\"m\",\"items\":[{\"item_id\":\"1\",\"score\":2.0}]}"));
        assertFalse(RequestKind.RECOMMEND.accepts("{\"model_id\":\"m\",\"items\":[]}"));
    }

    private static Map<String, Object> parse(String json) throws IOException {
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(
                NamedXContentRegistry.EMPTY, DeprecationHandler.IGNORE_DEPRECATIONS, json)) {
            return parser.map();
        }
    }
}
