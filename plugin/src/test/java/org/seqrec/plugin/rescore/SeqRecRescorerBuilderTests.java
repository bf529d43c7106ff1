package org.seqrec.plugin.rescore;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.rescore.RescorerBuilder;
import org.seqrec.plugin.clause.ClauseBuilderTestCase;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.model.EncodedHistory;
import org.seqrec.plugin.model.ModelRef;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreMode;
import org.seqrec.plugin.testing.RandomHistories;

/**
 * The rescorer builder's round trips and rejections (see {@link ClauseBuilderTestCase}) and its own
 * options: weights, {@code score_mode}, {@code normalize}, {@code window_size}.
 */
public class SeqRecRescorerBuilderTests extends ClauseBuilderTestCase<SeqRecRescorerBuilder> {

    static SeqRecRescoreOptions randomOptions() {
        return new SeqRecRescoreOptions(
                        randomAlphaOfLengthBetween(1, 30).toLowerCase(Locale.ROOT),
                        randomAlphaOfLengthBetween(1, 20),
                        RandomHistories.randomSpec(),
                        randomFloat() * 10 - 5,
                        randomFloat() * 10 - 5,
                        randomFrom(ScoreMode.values()),
                        randomFrom(Normalizer.values()))
                .withFeatureFields(randomFeatureFields());
    }

    private static Map<String, String> randomFeatureFields() {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0, n = randomIntBetween(0, 3); i < n; i++) {
            fields.put(randomAlphaOfLengthBetween(1, 10) + i, randomAlphaOfLengthBetween(1, 10));
        }
        return fields;
    }

    private static SeqRecRescorerBuilder make(SeqRecRescoreOptions options, Integer windowSize, float[] vector) {
        SeqRecRescorerBuilder b = new SeqRecRescorerBuilder(options);
        if (windowSize != null) {
            b.windowSize(windowSize);
        }
        return vector == null
                ? b
                : b.withEncoded(new EncodedHistory(new ModelRef(options.modelId(), "v-" + vector.length), vector));
    }

    @Override
    protected SeqRecRescorerBuilder randomBuilder(boolean withVector) {
        return make(
                randomOptions(),
                randomBoolean() ? randomIntBetween(1, 10_000) : null,
                withVector ? randomVector() : null);
    }

    private static float[] randomVector() {
        float[] v = new float[randomIntBetween(1, 64)];
        for (int i = 0; i < v.length; i++) {
            v[i] = randomFloat();
        }
        return v;
    }

    @Override
    protected SeqRecRescorerBuilder copy(SeqRecRescorerBuilder b) throws IOException {
        return (SeqRecRescorerBuilder) copyNamedWriteable(b, writableRegistry(), RescorerBuilder.class);
    }

    @Override
    protected RescorerBuilder<?> parse(String json) throws IOException {
        try (XContentParser parser = createParser(JsonXContent.jsonXContent, json)) {
            parser.nextToken();
            return RescorerBuilder.parseFromXContent(parser);
        }
    }

    @Override
    protected CommonClauseOptions common(SeqRecRescorerBuilder b) {
        return b.options().common();
    }

    @Override
    protected Object result(SeqRecRescorerBuilder b) {
        return b.userVector();
    }

    @Override
    protected void assertSameResult(Object expected, Object actual) {
        assertArrayEquals((float[]) expected, (float[]) actual, 0f);
    }

    @Override
    protected SeqRecRescorerBuilder builderWithResult() {
        return randomBuilder(true);
    }

    @Override
    protected String printedOnlyWithTheResult() {
        return "vector";
    }

    @Override
    protected SeqRecRescorerBuilder mutate(SeqRecRescorerBuilder b) {
        SeqRecRescoreOptions o = b.options();
        Integer window = b.windowSize();
        float[] vector = b.userVector();
        switch (randomIntBetween(0, 9)) {
            case 0 ->
                o = new SeqRecRescoreOptions(
                        o.modelId() + "x",
                        o.itemField(),
                        o.history(),
                        o.queryWeight(),
                        o.rescoreQueryWeight(),
                        o.scoreMode(),
                        o.normalizer());
            case 1 ->
                o = new SeqRecRescoreOptions(
                        o.modelId(),
                        o.itemField() + "x",
                        o.history(),
                        o.queryWeight(),
                        o.rescoreQueryWeight(),
                        o.scoreMode(),
                        o.normalizer());
            case 2 ->
                o = new SeqRecRescoreOptions(
                        o.modelId(),
                        o.itemField(),
                        RandomHistories.mutate(o.history()),
                        o.queryWeight(),
                        o.rescoreQueryWeight(),
                        o.scoreMode(),
                        o.normalizer());
            case 3 -> o = o.withQueryWeight(o.queryWeight() + 1f);
            case 4 -> o = o.withRescoreQueryWeight(o.rescoreQueryWeight() + 1f);
            case 5 -> o = o.withScoreMode(randomValueOtherThan(o.scoreMode(), () -> randomFrom(ScoreMode.values())));
            case 6 -> o = o.withNormalizer(randomValueOtherThan(o.normalizer(), () -> randomFrom(Normalizer.values())));
            case 7 -> window = window == null ? 7 : window + 1;
            case 8 -> {
                Map<String, String> fields = new LinkedHashMap<>(o.featureFields());
                fields.put("mutated_field", "brand");
                o = o.withFeatureFields(fields);
            }
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
        RescorerBuilder<?> parsed = parse("""
                {"seqrec": {"model_id": "shop-sasrec", "item_field": "item_id", "history": ["sku-991", 17, "sku-342"]}}""");
        SeqRecRescorerBuilder b = (SeqRecRescorerBuilder) parsed;
        assertEquals(
                SeqRecRescoreOptions.of("shop-sasrec", "item_id", List.of("sku-991", "17", "sku-342")), b.options());
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
            assertEquals(
                    new SeqRecRescoreOptions(
                            "shop-sasrec",
                            "item_id",
                            HistorySpec.given(List.of("sku-991", "sku-17", "sku-342")),
                            1f,
                            2.5f,
                            ScoreMode.MULTIPLY,
                            Normalizer.SIGMOID),
                    b.options());
        }
    }

    public void testParsesFeatureFieldsInOrder() throws IOException {
        SeqRecRescorerBuilder b = (SeqRecRescorerBuilder) parse(
                "{\"seqrec\": {" + VALID + ", \"feature_fields\": {\"brand_kw\": \"brand\", \"cat\": \"category\"}}}");
        assertEquals(
                List.of("brand_kw", "cat"),
                List.copyOf(b.options().featureFields().keySet()));
        assertEquals("category", b.options().featureFields().get("cat"));
        assertThat(
                rejected("{" + VALID + ", \"feature_fields\": {\"brand_kw\": 3}}")
                        .getMessage(),
                containsString("[seqrec] [feature_fields] [brand_kw] must name one of the model's feature fields"));
        assertThat(
                rejected("{" + VALID + ", \"feature_fields\": {\"brand_kw\": \"\"}}")
                        .getMessage(),
                containsString("both must be non-empty"));
    }

    public void testRejectsUnknownFieldsAndWrongTypes() {
        assertThat(
                rejected("{" + VALID + ", \"user_vector\": [1]}").getMessage(),
                containsString("unknown field [user_vector]"));
        assertThat(
                rejected("{" + VALID + ", \"query_weight\": \"heavy\"}").getMessage(), containsString("query_weight"));
    }

    public void testRejectsBadValuesNamingTheAllowedRange() {
        assertThat(
                rejected("{" + VALID + ", \"query_weight\": \"NaN\"}").getMessage(),
                containsString("[query_weight] must be a finite number, got [NaN]"));
        assertThat(
                rejected("{" + VALID + ", \"rescore_query_weight\": 1e39}").getMessage(),
                containsString("[rescore_query_weight] must be a finite number, got [Infinity]"));
        assertThat(
                rejected("{" + VALID + ", \"score_mode\": \"sum\"}").getMessage(),
                containsString("[score_mode] must be one of total, multiply, avg, max, min, replace, got [sum]"));
        assertThat(
                rejected("{" + VALID + ", \"normalize\": \"softmax\"}").getMessage(),
                containsString("[normalize] must be one of none, sigmoid, minmax, got [softmax]"));
    }

    public void testRejectsWindowsSmallerThanOne() {
        for (int bad : new int[] {0, -1}) {
            IllegalArgumentException e = expectThrows(
                    IllegalArgumentException.class,
                    () -> parse("{\"window_size\": " + bad + ", \"seqrec\": {" + VALID + "}}"));
            assertEquals("[rescore] [window_size] must be >= 1, got [" + bad + "]", e.getMessage());
        }
    }

    public void testParsesUserIdAndEventsWithTheirDefaults() throws IOException {
        SeqRecRescorerBuilder full = (SeqRecRescorerBuilder) parse("""
                {"seqrec": {"model_id": "shop", "item_field": "item_id", "user_id": "u-42",
                  "events": {"index": "events", "user_field": "user", "item_field": "sku", "time_field": "at", "size": 20}}}""");
        assertEquals(
                SeqRecRescoreOptions.of(
                        "shop",
                        "item_id",
                        HistorySpec.byUser("u-42", new EventsSource("events", "user", "sku", "at", 20))),
                full.options());
        SeqRecRescorerBuilder defaults = (SeqRecRescorerBuilder) parse("""
                {"seqrec": {"model_id": "shop", "item_field": "item_id", "user_id": 42, "events": {"index": "events-*"}}}""");
        assertEquals(
                HistorySpec.byUser("42", new EventsSource("events-*", "user_id", "item_id", "timestamp", 50)),
                defaults.options().history());
        String json = defaults.toString().replaceAll("\\s", "");
        assertThat(json, containsString("\"user_id\":\"42\""));
        assertThat(
                json,
                containsString(
                        "\"events\":{\"index\":\"events-*\",\"user_field\":\"user_id\",\"item_field\":\"item_id\","
                                + "\"time_field\":\"timestamp\",\"size\":50}"));
        assertFalse(json, json.contains("history"));
    }
}
