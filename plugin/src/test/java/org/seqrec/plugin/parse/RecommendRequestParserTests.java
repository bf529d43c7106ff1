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
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
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
        assertEquals(new HistorySpec.Given(List.of("sku-1", "17")), r.history());
        assertEquals(10, r.k());
        assertTrue(r.excludeHistory());
    }

    @Test
    public void readsEveryField() throws IOException {
        RecommendRequest r = parse("{\"history\": [], \"k\": 1000, \"exclude_history\": false}");
        assertEquals(new HistorySpec.Given(List.of()), r.history());
        assertEquals(1000, r.k());
        assertEquals(false, r.excludeHistory());
    }

    @Test
    public void readsAUserAndWhereTheirEventsAre() throws IOException {
        RecommendRequest r =
                parse("{\"user_id\": \"u-42\", \"events\": {\"index\": \"events\", \"size\": 20}, \"k\": 5}");
        assertEquals(HistorySpec.byUser("u-42", EventsSource.of("events").withSize(20)), r.history());
        assertEquals(5, r.k());
        // a number is taken as its text, as in the clauses
        assertEquals(
                HistorySpec.byUser("42", EventsSource.of("events")),
                parse("{\"user_id\": 42, \"events\": {\"index\": \"events\"}}").history());
    }

    @Test
    public void takesExactlyOneOfHistoryOrUser() {
        assertTrue(rejected("{\"history\": [], \"user_id\": \"u-1\", \"events\": {\"index\": \"e\"}}")
                .contains("[_recommend] takes exactly one of [history] or [user_id], not both"));
        assertTrue(rejected("{\"user_id\": \"u-1\"}").contains("[_recommend] [user_id] requires [events]"));
        assertTrue(rejected("{\"history\": [], \"events\": {\"index\": \"e\"}}")
                .contains("[_recommend] [events] is only allowed with [user_id], not with [history]"));
        assertTrue(rejected("{\"user_id\": \"u-1\", \"events\": {\"index\": \"e\", \"sort\": 1}}")
                .contains("unknown field [sort]"));
        assertTrue(rejected("{\"user_id\": \"u-1\", \"events\": {\"user_field\": \"u\"}}")
                .contains("[events] [index] is required"));
        assertTrue(rejected("{\"user_id\": \"\", \"events\": {\"index\": \"e\"}}")
                .contains("[_recommend] [user_id] must be a non-empty string"));
    }

    @Test
    public void rejectsBadBodiesNamingTheField() {
        assertTrue(
                rejected("{\"k\": 5}"),
                rejected("{\"k\": 5}")
                        .contains("[_recommend] requires exactly one of [history] (item ids, oldest first) "
                                + "or [user_id] (with [events])"));
        assertTrue(rejected("{\"history\": [], \"k\": 0}").contains("[k] must be between 1 and 1000, got [0]"));
        assertTrue(rejected("{\"history\": [], \"k\": 5000}").contains("[k] must be between 1 and 1000, got [5000]"));
        assertTrue(rejected("{\"history\": [], \"k\": \"many\"}").contains("[k]"));
        assertTrue(rejected("{\"history\": \"sku-1\"}").contains("[history] must be an array of item ids"));
        assertTrue(rejected("{\"history\": [{\"a\": 1}]}")
                .contains("[history][0] has an unknown key [a]: use [item] and [time]"));
        assertTrue(rejected("{\"history\": [], \"size\": 3}").contains("unknown field [size]"));
    }

    @Test
    public void readsItemsWithTimesOrParallelTimesAndAnAt() throws IOException {
        RecommendRequest objects = parse("{\"history\": [{\"item\": \"sku-1\", \"time\": \"2025-11-30T10:00:00Z\"},"
                + " {\"item\": \"sku-2\", \"time\": 1764497400}], \"at\": \"2025-11-30T11:00:00+01:00\"}");
        assertEquals(
                new HistorySpec.Given(
                        List.of("sku-1", "sku-2"), List.of(1_764_496_800.0, 1_764_497_400.0), 1_764_496_800.0),
                objects.history());
        RecommendRequest parallel = parse(
                "{\"history\": [\"sku-1\", \"sku-2\"], \"history_times\": [\"2025-11-30T10:00:00Z\", 1764497400]}");
        assertEquals(
                new HistorySpec.Given(List.of("sku-1", "sku-2"), List.of(1_764_496_800.0, 1_764_497_400.0), null),
                parallel.history());
        assertEquals(
                1_764_496_800.0,
                parse("{\"user_id\": \"u\", \"events\": {\"index\": \"e\"}, \"at\": 1764496800}")
                        .history()
                        .at(),
                0);
    }

    @Test
    public void badTimesAre400sNamingTheField() {
        assertTrue(rejected("{\"history\": [{\"item\": \"a\", \"time\": \"yesterday\"}]}")
                .contains("[history][0][time] [yesterday] is not a time"));
        assertTrue(rejected("{\"history\": [\"a\", \"b\"], \"history_times\": [1764496800, \"soon\"]}")
                .contains("[history_times][1] [soon] is not a time"));
        assertTrue(rejected("{\"history\": [\"a\"], \"history_times\": [1764496800000]}")
                .contains("milliseconds?"));
        assertTrue(rejected("{\"history\": [\"a\", \"b\"], \"history_times\": [1764496800]}")
                .contains("[history_times] must hold one time per item of [history]: 2 items, 1 times"));
        assertTrue(rejected("{\"history\": [\"a\", \"b\"], \"history_times\": [1764496800, 1764496000]}")
                .contains("[history] must be oldest first, but the time of item 1"));
        assertTrue(rejected("{\"history\": [{\"item\": \"a\"}]}").contains("[history][0][time]"));
        assertTrue(rejected("{\"history\": [\"a\", {\"item\": \"b\", \"time\": 1}]}")
                .contains("mixes item ids"));
        assertTrue(rejected("{\"history\": [\"a\"], \"at\": \"noon\"}").contains("[at] [noon] is not a time"));
        assertTrue(rejected("{\"history\": [{\"item\": \"a\", \"time\": 1}], \"history_times\": [1]}")
                .contains("not both"));
        assertTrue(rejected("{\"user_id\": \"u\", \"events\": {\"index\": \"e\"}, \"history_times\": [1]}")
                .contains("[user_id] takes its times from [events] [time_field]"));
    }
}
