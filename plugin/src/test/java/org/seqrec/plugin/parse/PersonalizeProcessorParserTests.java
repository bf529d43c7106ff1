package org.seqrec.plugin.parse;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.common.xcontent.XContentType;
import org.opensearch.core.common.bytes.BytesArray;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.pipeline.PersonalizeOptions;
import org.seqrec.plugin.query.SeqRecQueryOptions;
import org.seqrec.plugin.rescore.SeqRecRescoreOptions;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreMode;

/** The {@code seqrec_personalize} configuration parser (its use at pipeline creation is tested on a node). */
public class PersonalizeProcessorParserTests {

    private static Map<String, Object> config(String json) {
        return new HashMap<>(XContentHelper.convertToMap(new BytesArray(json), true, XContentType.JSON)
                .v2());
    }

    private static PersonalizeOptions parse(String json) throws IOException {
        return PersonalizeProcessorParser.parse(config(json), 200, 1000);
    }

    private static String rejected(String json) {
        return assertThrows(Exception.class, () -> parse(json)).getMessage();
    }

    @Test
    public void appliesTheClausesDefaultsAndConsumesTheConfig() throws IOException {
        Map<String, Object> config =
                config("{\"model_id\": \"shop\", \"item_field\": \"item_id\", \"events\": {\"index\": \"ev\"}}");
        PersonalizeOptions options = PersonalizeProcessorParser.parse(config, 200, 1000);
        assertTrue("every key is consumed", config.isEmpty());
        assertEquals(EventsSource.of("ev"), options.events());
        assertEquals(SeqRecRescoreOptions.of("shop", "item_id", List.of()), options.rescore());
        assertNull(options.windowSize());
        assertNull(options.query());
        assertNull(options.queryFor(List.of("a")));
        assertEquals(
                SeqRecRescoreOptions.of("shop", "item_id", List.of("a", "b")), options.rescoreFor(List.of("a", "b")));
    }

    @Test
    public void readsEveryField() throws IOException {
        PersonalizeOptions options = parse("""
                {"model_id": "shop", "item_field": "sku",
                 "events": {"index": "ev", "user_field": "u", "item_field": "i", "time_field": "t", "size": 7},
                 "rescore": {"window_size": 50, "query_weight": 0.5, "rescore_query_weight": 2, "score_mode": "multiply",
                             "normalize": "minmax"},
                 "query": {"k": 30, "exclude_history": false, "boost": 3}}""");
        assertEquals(new EventsSource("ev", "u", "i", "t", 7), options.events());
        assertEquals(
                new SeqRecRescoreOptions(
                        "shop", "sku", HistorySpec.given(List.of()), 0.5f, 2f, ScoreMode.MULTIPLY, Normalizer.MINMAX),
                options.rescore());
        assertEquals(Integer.valueOf(50), options.windowSize());
        assertEquals(
                new SeqRecQueryOptions("shop", "sku", HistorySpec.given(List.of("x")), 30, false),
                options.queryFor(List.of("x")));
        assertEquals(3f, options.queryBoost(), 0f);
    }

    @Test
    public void rejectsBadConfigurationsNamingTheField() {
        String events = "\"events\": {\"index\": \"ev\"}";
        assertTrue(rejected("{\"item_field\": \"i\", " + events + "}")
                .contains("[seqrec_personalize] requires [model_id]"));
        assertTrue(rejected("{\"model_id\": \"shop\", " + events + "}")
                .contains("[seqrec_personalize] requires [item_field]"));
        assertTrue(rejected("{\"model_id\": \"shop\", \"item_field\": \"i\"}")
                .contains("[seqrec_personalize] requires [events]"));
        String base = "{\"model_id\": \"shop\", \"item_field\": \"i\", " + events;
        assertTrue(rejected(base + ", \"history\": []}").contains("unknown field [history]"));
        assertTrue(rejected(base + ", \"rescore\": {\"window_size\": 0}}")
                .contains("[rescore] [window_size] must be >= 1"));
        assertTrue(
                rejected(base + ", \"rescore\": {\"window_size\": 1001}}")
                        .contains(
                                "[seqrec_personalize] [rescore] [window_size] must be <= 1000 (plugins.seqrec.max_window_size)"));
        assertTrue(
                rejected(base + ", \"rescore\": {\"normalize\": \"zscore\"}}").contains("[normalize] must be one of"));
        assertTrue(rejected(base + ", \"rescore\": {\"bogus\": 1}}").contains("unknown field [bogus]"));
        assertTrue(
                rejected(base + ", \"query\": {\"k\": 5000}}").contains("[k] must be between 1 and 1000, got [5000]"));
        assertTrue(rejected(base + ", \"query\": {\"boost\": -1}}")
                .contains("[query] [boost] must be a finite number >= 0"));
        assertTrue(rejected(
                        "{\"model_id\": \"shop\", \"item_field\": \"i\", \"events\": {\"index\": \"ev\", \"size\": 201}}")
                .contains("[events] [size] must be between 1 and 200 (plugins.seqrec.max_history_length)"));
        assertTrue(rejected("{\"model_id\": \"shop\", \"item_field\": \"i\", \"events\": {\"user_field\": \"u\"}}")
                .contains("[events] [index] is required"));
    }
}
