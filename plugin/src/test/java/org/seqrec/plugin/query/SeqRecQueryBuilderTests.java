package org.seqrec.plugin.query;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.BoolQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.seqrec.plugin.clause.ClauseBuilderTestCase;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.retrieval.RecommendedItem;
import org.seqrec.plugin.testing.RandomHistories;

/**
 * The query builder's round trips and rejections (see {@link ClauseBuilderTestCase}) and its own
 * options: {@code k}, {@code exclude_history}, {@code boost}, {@code _name}.
 */
public class SeqRecQueryBuilderTests extends ClauseBuilderTestCase<SeqRecQueryBuilder> {

    private static SeqRecQueryOptions randomOptions() {
        return new SeqRecQueryOptions(
                randomAlphaOfLengthBetween(1, 30).toLowerCase(Locale.ROOT),
                randomAlphaOfLengthBetween(1, 20),
                RandomHistories.randomSpec(),
                randomIntBetween(1, 1000),
                randomBoolean());
    }

    private static List<RecommendedItem> randomItems() {
        return randomList(0, 30, () -> new RecommendedItem(randomAlphaOfLengthBetween(1, 10), randomFloat() * 20 - 10));
    }

    private static SeqRecQueryBuilder make(
            SeqRecQueryOptions options, float boost, String name, List<RecommendedItem> items) {
        SeqRecQueryBuilder b = new SeqRecQueryBuilder(options);
        b = items == null ? b : b.withItems(items);
        return b.boost(boost).queryName(name);
    }

    @Override
    protected SeqRecQueryBuilder randomBuilder(boolean withItems) {
        return make(
                randomOptions(),
                randomBoolean() ? 1f : randomFloat() * 5,
                randomBoolean() ? null : randomAlphaOfLength(5),
                withItems ? randomItems() : null);
    }

    @Override
    protected SeqRecQueryBuilder copy(SeqRecQueryBuilder b) throws IOException {
        return (SeqRecQueryBuilder) copyNamedWriteable(b, writableRegistry(), QueryBuilder.class);
    }

    @Override
    protected QueryBuilder parse(String json) throws IOException {
        try (XContentParser parser = createParser(JsonXContent.jsonXContent, json)) {
            return AbstractQueryBuilder.parseInnerQueryBuilder(parser);
        }
    }

    @Override
    protected CommonClauseOptions common(SeqRecQueryBuilder b) {
        return b.options().common();
    }

    @Override
    protected Object result(SeqRecQueryBuilder b) {
        return b.items();
    }

    @Override
    protected void assertSameResult(Object expected, Object actual) {
        assertEquals(expected, actual);
    }

    @Override
    protected SeqRecQueryBuilder builderWithResult() {
        return make(
                SeqRecQueryOptions.of("m", "f", List.of()), 1f, null, List.of(new RecommendedItem("secret-sku", 1f)));
    }

    @Override
    protected String printedOnlyWithTheResult() {
        return "secret-sku";
    }

    @Override
    protected SeqRecQueryBuilder mutate(SeqRecQueryBuilder b) {
        SeqRecQueryOptions o = b.options();
        float boost = b.boost();
        String name = b.queryName();
        List<RecommendedItem> items = b.items();
        switch (randomIntBetween(0, 7)) {
            case 0 ->
                o = new SeqRecQueryOptions(o.modelId() + "x", o.itemField(), o.history(), o.k(), o.excludeHistory());
            case 1 ->
                o = new SeqRecQueryOptions(o.modelId(), o.itemField() + "x", o.history(), o.k(), o.excludeHistory());
            case 2 ->
                o = new SeqRecQueryOptions(
                        o.modelId(), o.itemField(), RandomHistories.mutate(o.history()), o.k(), o.excludeHistory());
            case 3 -> o = o.withK(o.k() == 1000 ? 999 : o.k() + 1);
            case 4 -> o = o.withExcludeHistory(o.excludeHistory() == false);
            case 5 -> boost = boost + 1f;
            case 6 -> name = name == null ? "named" : name + "x";
            default -> {
                List<RecommendedItem> changed = items == null ? new ArrayList<>() : new ArrayList<>(items);
                changed.add(new RecommendedItem("extra", 1f));
                items = changed;
            }
        }
        return make(o, boost, name, items);
    }

    public void testDefaults() throws IOException {
        SeqRecQueryBuilder b = (SeqRecQueryBuilder) parse("""
                {"seqrec": {"model_id": "shop-sasrec", "item_field": "item_id", "history": ["sku-991", 17]}}""");
        assertEquals(
                new SeqRecQueryOptions(
                        "shop-sasrec", "item_id", HistorySpec.given(List.of("sku-991", "17")), 100, true),
                b.options());
        assertEquals(1f, b.boost(), 0f);
        assertNull(b.queryName());
        assertNull(b.items());
    }

    public void testParsesEveryOptionInsideABoolOfASearchSource() throws IOException {
        String json = """
                {"query": {"bool": {
                   "must": {"match": {"title": "gloves"}},
                   "should": {"seqrec": {"model_id": "shop-sasrec", "item_field": "item_id", "history": ["sku-991", "sku-17"],
                                         "k": 200, "exclude_history": false, "boost": 2.5, "_name": "next-items"}}}}}""";
        try (XContentParser parser = createParser(JsonXContent.jsonXContent, json)) {
            SearchSourceBuilder source = SearchSourceBuilder.fromXContent(parser);
            SeqRecQueryBuilder b = (SeqRecQueryBuilder)
                    ((BoolQueryBuilder) source.query()).should().get(0);
            assertEquals(
                    new SeqRecQueryOptions(
                            "shop-sasrec", "item_id", HistorySpec.given(List.of("sku-991", "sku-17")), 200, false),
                    b.options());
            assertEquals(2.5f, b.boost(), 0f);
            assertEquals("next-items", b.queryName());
        }
    }

    public void testRejectsUnknownFieldsAndWrongTypes() {
        assertThat(rejected("{" + VALID + ", \"items\": []}").getMessage(), containsString("unknown field [items]"));
        assertThat(rejected("{" + VALID + ", \"k\": \"many\"}").getMessage(), containsString("[k]"));
        assertThat(
                rejected("{" + VALID + ", \"exclude_history\": \"maybe\"}").getMessage(),
                containsString("exclude_history"));
    }

    public void testRejectsBadValuesNamingTheAllowedRange() {
        for (int bad : new int[] {0, -3, 1001}) {
            assertThat(
                    rejected("{" + VALID + ", \"k\": " + bad + "}").getMessage(),
                    containsString("[seqrec] [k] must be between 1 and 1000, got [" + bad + "]"));
        }
        assertThat(rejected("{" + VALID + ", \"boost\": -1}").getMessage(), containsString("negative [boost]"));
    }

    public void testParsesUserIdAndEventsNextToEveryOtherOption() throws IOException {
        SeqRecQueryBuilder b = (SeqRecQueryBuilder) parse("""
                {"seqrec": {"model_id": "shop", "item_field": "item_id", "user_id": "u-42", "k": 20, "exclude_history": false,
                  "events": {"index": "events", "size": 7}, "boost": 2.0}}""");
        assertEquals(
                new SeqRecQueryOptions(
                        "shop",
                        "item_id",
                        HistorySpec.byUser("u-42", EventsSource.of("events").withSize(7)),
                        20,
                        false),
                b.options());
        assertEquals(2f, b.boost(), 0f);
        SeqRecQueryBuilder copy = (SeqRecQueryBuilder) parse(b.toString());
        assertEquals(b, copy);
    }
}
