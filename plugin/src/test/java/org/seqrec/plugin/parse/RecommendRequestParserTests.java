package org.seqrec.plugin.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.Test;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.seqrec.plugin.transport.RecommendRequest;

/** The {@code _recommend} body parser (the REST handler's wiring is exercised against a node). */
public class RecommendRequestParserTests {

    private static RecommendRequest parse(String json) throws IOException {
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(
                NamedXContentRegistry.EMPTY, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
            return RecommendRequestParser.parse("shop", parser);
        }
    }

    private static String rejected(String json) {
        return assertThrows(Exception.class, () -> parse(json)).getMessage();
    }

    @Test
    public void appliesTheDefaults() throws IOException {
        RecommendRequest r = parse("{\"history\": [\"sku-1\", 17]}");
        assertEquals("shop", r.modelId());
        assertEquals(List.of("sku-1", "17"), r.history());
        assertEquals(10, r.k());
        assertTrue(r.excludeHistory());
    }

    @Test
    public void readsEveryField() throws IOException {
        RecommendRequest r = parse("{\"history\": [], \"k\": 1000, \"exclude_history\": false}");
        assertEquals(List.of(), r.history());
        assertEquals(1000, r.k());
        assertEquals(false, r.excludeHistory());
    }

    @Test
    public void rejectsBadBodiesNamingTheField() {
        assertTrue(rejected("{\"k\": 5}"), rejected("{\"k\": 5}").contains("[_recommend] requires [history]"));
        assertTrue(rejected("{\"history\": [], \"k\": 0}").contains("[k] must be between 1 and 1000, got [0]"));
        assertTrue(rejected("{\"history\": [], \"k\": 5000}").contains("[k] must be between 1 and 1000, got [5000]"));
        assertTrue(rejected("{\"history\": [], \"k\": \"many\"}").contains("[k]"));
        assertTrue(rejected("{\"history\": \"sku-1\"}").contains("[history] must be an array of item ids"));
        assertTrue(
                rejected("{\"history\": [{\"a\": 1}]}").contains("[history] must be an array of item ids (strings)"));
        assertTrue(rejected("{\"history\": [], \"size\": 3}").contains("unknown field [size]"));
    }
}
