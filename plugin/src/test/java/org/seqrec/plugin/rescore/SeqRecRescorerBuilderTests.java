package org.seqrec.plugin.rescore;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.search.SearchModule;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.rescore.RescorerBuilder;
import org.opensearch.test.EqualsHashCodeTestUtils;
import org.opensearch.test.OpenSearchTestCase;
import org.seqrec.plugin.SeqRecPlugin;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.model.EncodedHistory;
import org.seqrec.plugin.model.ModelRef;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreMode;
import org.seqrec.plugin.testing.RandomHistories;

/**
 * JSON, wire and equality round trips of the builder, registered the way a node registers it
 * (through {@link SeqRecPlugin#getRescorers()} and {@link SearchModule}), and the parser's
 * rejections. The node is not started, so the default history limit (200) applies.
 */
public class SeqRecRescorerBuilderTests extends OpenSearchTestCase {
    private static NamedXContentRegistry xContent;
    private static NamedWriteableRegistry writeables;

    @BeforeClass
    public static void registries() {
        SearchModule module = new SearchModule(Settings.EMPTY, List.of(new SeqRecPlugin(Settings.EMPTY)));
        xContent = new NamedXContentRegistry(module.getNamedXContents());
        writeables = new NamedWriteableRegistry(module.getNamedWriteables());
    }

    @AfterClass
    public static void dropRegistries() {
        xContent = null;
        writeables = null;
    }

    @Override
    protected NamedXContentRegistry xContentRegistry() {
        return xContent;
    }

    @Override
    protected NamedWriteableRegistry writableRegistry() {
        return writeables;
    }

    static SeqRecRescoreOptions randomOptions() {
        return new SeqRecRescoreOptions(randomAlphaOfLengthBetween(1, 30).toLowerCase(Locale.ROOT), randomAlphaOfLengthBetween(1, 20),
                RandomHistories.randomSpec(),
                randomFloat() * 10 - 5, randomFloat() * 10 - 5, randomFrom(ScoreMode.values()), randomFrom(Normalizer.values()));
    }

    private static SeqRecRescorerBuilder make(SeqRecRescoreOptions options, Integer windowSize, float[] vector) {
        SeqRecRescorerBuilder b = new SeqRecRescorerBuilder(options);
        if (windowSize != null) {
            b.windowSize(windowSize);
        }
        return vector == null ? b : b.withEncoded(new EncodedHistory(new ModelRef(options.modelId(), "v-" + vector.length), vector));
    }

    private static SeqRecRescorerBuilder randomBuilder(boolean withVector) {
        return make(randomOptions(), randomBoolean() ? randomIntBetween(1, 10_000) : null, withVector ? randomVector() : null);
    }

    private static float[] randomVector() {
        float[] v = new float[randomIntBetween(1, 64)];
        for (int i = 0; i < v.length; i++) {
            v[i] = randomFloat();
        }
        return v;
    }

    private RescorerBuilder<?> parseRescore(String json) throws IOException {
        try (XContentParser parser = createParser(JsonXContent.jsonXContent, json)) {
            parser.nextToken();
            return RescorerBuilder.parseFromXContent(parser);
        }
    }

    public void testJsonRoundTrip() throws IOException {
        for (int i = 0; i < 50; i++) {
            SeqRecRescorerBuilder original = randomBuilder(false);
            XContentBuilder json = XContentFactory.jsonBuilder();
            original.toXContent(json, ToXContent.EMPTY_PARAMS);
            try (XContentParser parser = createParser(json)) {
                parser.nextToken();
                RescorerBuilder<?> parsed = RescorerBuilder.parseFromXContent(parser);
                assertEquals(original, parsed);
                assertEquals(original.hashCode(), parsed.hashCode());
            }
        }
    }

    public void testJsonLeavesTheUserVectorOut() throws IOException {
        SeqRecRescorerBuilder b = randomBuilder(true);
        String json = b.toString();
        assertFalse(json, json.contains("vector"));
    }

    public void testWireRoundTripKeepsTheUserVector() throws IOException {
        for (int i = 0; i < 50; i++) {
            boolean withVector = randomBoolean();
            SeqRecRescorerBuilder original = randomBuilder(withVector);
            RescorerBuilder<?> copy = copyNamedWriteable(original, writableRegistry(), RescorerBuilder.class);
            assertEquals(original, copy);
            assertEquals(original.hashCode(), copy.hashCode());
            assertArrayEquals(original.userVector(), ((SeqRecRescorerBuilder) copy).userVector(), 0f);
            assertEquals(withVector, ((SeqRecRescorerBuilder) copy).userVector() != null);
        }
    }

    public void testEqualsAndHashCode() throws IOException {
        for (int i = 0; i < 20; i++) {
            EqualsHashCodeTestUtils.checkEqualsAndHashCode(randomBuilder(randomBoolean()),
                    b -> (SeqRecRescorerBuilder) copyNamedWriteable(b, writableRegistry(), RescorerBuilder.class),
                    SeqRecRescorerBuilderTests::mutate);
        }
    }

    /** A builder that differs from {@code b} in exactly one wire field. */
    private static SeqRecRescorerBuilder mutate(SeqRecRescorerBuilder b) {
        SeqRecRescoreOptions o = b.options();
        Integer window = b.windowSize();
        float[] vector = b.userVector();
        switch (randomIntBetween(0, 8)) {
            case 0 -> o = new SeqRecRescoreOptions(o.modelId() + "x", o.itemField(), o.history(), o.queryWeight(), o.rescoreQueryWeight(),
                    o.scoreMode(), o.normalizer());
            case 1 -> o = new SeqRecRescoreOptions(o.modelId(), o.itemField() + "x", o.history(), o.queryWeight(), o.rescoreQueryWeight(),
                    o.scoreMode(), o.normalizer());
            case 2 -> o = new SeqRecRescoreOptions(o.modelId(), o.itemField(), RandomHistories.mutate(o.history()), o.queryWeight(),
                    o.rescoreQueryWeight(), o.scoreMode(), o.normalizer());
            case 3 -> o = o.withQueryWeight(o.queryWeight() + 1f);
            case 4 -> o = o.withRescoreQueryWeight(o.rescoreQueryWeight() + 1f);
            case 5 -> o = o.withScoreMode(randomValueOtherThan(o.scoreMode(), () -> randomFrom(ScoreMode.values())));
            case 6 -> o = o.withNormalizer(randomValueOtherThan(o.normalizer(), () -> randomFrom(Normalizer.values())));
            case 7 -> window = window == null ? 7 : window + 1;
            default -> {
                if (vector == null) {
                    vector = new float[] {1f};
                } else {
                    vector = vector.clone();
                    vector[0] += 1f;
                }
            }
        }
        return make(o, window, vector);
    }

    public void testDefaults() throws IOException {
        RescorerBuilder<?> parsed = parseRescore("""
                {"seqrec": {"model_id": "shop-sasrec", "item_field": "item_id", "history": ["sku-991", 17, "sku-342"]}}""");
        SeqRecRescorerBuilder b = (SeqRecRescorerBuilder) parsed;
        assertEquals(SeqRecRescoreOptions.of("shop-sasrec", "item_id", List.of("sku-991", "17", "sku-342")), b.options());
        assertNull(b.windowSize());
        assertNull(b.userVector());
    }

    public void testParsesTheSpecExampleInsideASearchSource() throws IOException {
        String json = """
                {"query": {"match": {"title": "gloves"}},
                 "rescore": {"window_size": 100,
                   "seqrec": {"model_id": "shop-sasrec", "item_field": "item_id", "history": ["sku-991", "sku-17", "sku-342"],
                              "query_weight": 1.0, "rescore_query_weight": 2.5, "score_mode": "multiply", "normalize": "sigmoid"}}}""";
        try (XContentParser parser = createParser(JsonXContent.jsonXContent, json)) {
            SearchSourceBuilder source = SearchSourceBuilder.fromXContent(parser);
            assertEquals(1, source.rescores().size());
            SeqRecRescorerBuilder b = (SeqRecRescorerBuilder) source.rescores().get(0);
            assertEquals(Integer.valueOf(100), b.windowSize());
            assertEquals(new SeqRecRescoreOptions("shop-sasrec", "item_id", HistorySpec.given(List.of("sku-991", "sku-17", "sku-342")), 1f, 2.5f,
                    ScoreMode.MULTIPLY, Normalizer.SIGMOID), b.options());
        }
    }

    private ParsingException rejected(String body) {
        Exception e = expectThrows(Exception.class, () -> parseRescore("{\"seqrec\": " + body + "}"));
        assertThat(e, instanceOf(ParsingException.class));
        return (ParsingException) e;
    }

    private static final String VALID = "\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [\"a\"]";

    public void testRejectsMissingRequiredFields() {
        assertEquals("[seqrec] requires [model_id]", rejected("{\"item_field\": \"f\", \"history\": []}").getMessage());
        assertEquals("[seqrec] requires [item_field]", rejected("{\"model_id\": \"m\", \"history\": []}").getMessage());
        assertEquals("[seqrec] requires exactly one of [history] (item ids, oldest first) or [user_id] (with [events])",
                rejected("{\"model_id\": \"m\", \"item_field\": \"f\"}").getMessage());
    }

    public void testRejectsUnknownFieldsAndWrongTypes() {
        assertThat(rejected("{" + VALID + ", \"user_vector\": [1]}").getMessage(), containsString("unknown field [user_vector]"));
        assertThat(rejected("{\"model_id\": {\"a\": 1}, \"item_field\": \"f\", \"history\": []}").getMessage(),
                containsString("model_id"));
        assertThat(rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": \"sku-1\"}").getMessage(),
                containsString("[history] must be an array of item ids, oldest first, got VALUE_STRING"));
        assertThat(rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [\"a\", null]}").getMessage(),
                containsString("[history] must be an array of item ids (strings), got VALUE_NULL at position 1"));
        assertThat(rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [[\"a\"]]}").getMessage(),
                containsString("[history] must be an array of item ids"));
        assertThat(rejected("{" + VALID + ", \"query_weight\": \"heavy\"}").getMessage(), containsString("query_weight"));
    }

    public void testRejectsBadValuesNamingTheAllowedRange() {
        assertThat(rejected("{\"model_id\": \"../../etc/passwd\", \"item_field\": \"f\", \"history\": []}").getMessage(),
                containsString("[model_id] must match [a-z0-9][a-z0-9_.-]{0,99}"));
        assertThat(rejected("{\"model_id\": \"m\", \"item_field\": \"\", \"history\": []}").getMessage(),
                containsString("[item_field] must be a non-empty field name"));
        assertThat(rejected("{" + VALID + ", \"query_weight\": \"NaN\"}").getMessage(),
                containsString("[query_weight] must be a finite number, got [NaN]"));
        assertThat(rejected("{" + VALID + ", \"rescore_query_weight\": 1e39}").getMessage(),
                containsString("[rescore_query_weight] must be a finite number, got [Infinity]"));
        assertThat(rejected("{" + VALID + ", \"score_mode\": \"sum\"}").getMessage(),
                containsString("[score_mode] must be one of total, multiply, avg, max, min, replace, got [sum]"));
        assertThat(rejected("{" + VALID + ", \"normalize\": \"softmax\"}").getMessage(),
                containsString("[normalize] must be one of none, sigmoid, minmax, got [softmax]"));
    }

    public void testRejectsWindowsSmallerThanOne() {
        for (int bad : new int[] {0, -1}) {
            IllegalArgumentException e = expectThrows(IllegalArgumentException.class,
                    () -> parseRescore("{\"window_size\": " + bad + ", \"seqrec\": {" + VALID + "}}"));
            assertEquals("[rescore] [window_size] must be >= 1, got [" + bad + "]", e.getMessage());
        }
    }

    public void testRejectsHistoriesOverTheLimit() throws IOException {
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            h.append(i == 0 ? "" : ",").append("\"sku-").append(i).append('"');
        }
        assertThat(rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [" + h + "]}").getMessage(),
                containsString("[history] holds 201 item ids, more than the 200 allowed (plugins.seqrec.max_history_length)"));
        String ok = h.substring(0, h.lastIndexOf(","));
        HistorySpec parsed = ((SeqRecRescorerBuilder) parseRescore("{\"seqrec\": {\"model_id\": \"m\", \"item_field\": \"f\", \"history\": ["
                + ok + "]}}")).options().history();
        assertEquals(200, ((HistorySpec.Given) parsed).items().size());
    }

    public void testParsesUserIdAndEventsWithTheirDefaults() throws IOException {
        SeqRecRescorerBuilder full = (SeqRecRescorerBuilder) parseRescore("""
                {"seqrec": {"model_id": "shop", "item_field": "item_id", "user_id": "u-42",
                  "events": {"index": "events", "user_field": "user", "item_field": "sku", "time_field": "at", "size": 20}}}""");
        assertEquals(SeqRecRescoreOptions.of("shop", "item_id", HistorySpec.byUser("u-42", new EventsSource("events", "user", "sku", "at", 20))),
                full.options());
        SeqRecRescorerBuilder defaults = (SeqRecRescorerBuilder) parseRescore("""
                {"seqrec": {"model_id": "shop", "item_field": "item_id", "user_id": 42, "events": {"index": "events-*"}}}""");
        assertEquals(HistorySpec.byUser("42", new EventsSource("events-*", "user_id", "item_id", "timestamp", 50)),
                defaults.options().history());
        String json = defaults.toString().replaceAll("\\s", "");
        assertThat(json, containsString("\"user_id\":\"42\""));
        assertThat(json, containsString("\"events\":{\"index\":\"events-*\",\"user_field\":\"user_id\",\"item_field\":\"item_id\","
                + "\"time_field\":\"timestamp\",\"size\":50}"));
        assertFalse(json, json.contains("history"));
    }

    public void testRejectsBadUserHistorySources() {
        String base = "\"model_id\": \"m\", \"item_field\": \"f\"";
        String events = "\"events\": {\"index\": \"events\"}";
        assertThat(rejected("{" + base + ", \"history\": [\"a\"], \"user_id\": \"u\", " + events + "}").getMessage(),
                containsString("[seqrec] takes exactly one of [history] or [user_id], not both"));
        assertThat(rejected("{" + base + ", \"user_id\": \"u\"}").getMessage(),
                containsString("[seqrec] [user_id] requires [events]"));
        assertThat(rejected("{" + base + ", \"history\": [], " + events + "}").getMessage(),
                containsString("[seqrec] [events] is only allowed with [user_id], not with [history]"));
        assertThat(rejected("{" + base + ", " + events + "}").getMessage(),
                containsString("[seqrec] requires exactly one of [history] (item ids, oldest first) or [user_id] (with [events])"));
        assertThat(rejected("{" + base + ", \"user_id\": \" \", " + events + "}").getMessage(),
                containsString("[seqrec] [user_id] must be a non-empty string"));
        assertThat(rejected("{" + base + ", \"user_id\": true, " + events + "}").getMessage(),
                containsString("[seqrec] [user_id] must be a string, got VALUE_BOOLEAN"));
        assertThat(rejected("{" + base + ", \"user_id\": \"u\", \"events\": \"events\"}").getMessage(), containsString("events"));
        assertThat(rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"sort\": \"x\"}}").getMessage(),
                containsString("[events] unknown field [sort]"));
        assertThat(rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"size\": 5}}").getMessage(),
                containsString("[events] [index] is required"));
        assertThat(rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"time_field\": \"\"}}").getMessage(),
                containsString("[events] [time_field] must be a non-empty field name"));
        for (int bad : new int[] {0, -1, 201}) {
            assertThat(rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"size\": " + bad + "}}").getMessage(),
                    containsString("[events] [size] must be between 1 and "));
        }
        assertThat(rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"size\": 201}}").getMessage(),
                containsString("[seqrec] [events] [size] must be between 1 and 200 (plugins.seqrec.max_history_length), got [201]"));
    }
}
