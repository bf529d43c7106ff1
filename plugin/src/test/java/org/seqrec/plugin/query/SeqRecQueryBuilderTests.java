package org.seqrec.plugin.query;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.instanceOf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.NamedWriteableRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.BoolQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.search.SearchModule;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.test.EqualsHashCodeTestUtils;
import org.opensearch.test.OpenSearchTestCase;
import org.seqrec.plugin.SeqRecPlugin;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.retrieval.RecommendedItem;
import org.seqrec.plugin.testing.RandomHistories;

/**
 * JSON, wire and equality round trips of the query builder, registered the way a node registers
 * it (through {@link SeqRecPlugin#getQueries()} and {@link SearchModule}), and the parser's
 * rejections. The node is not started, so the default history limit (200) applies.
 */
public class SeqRecQueryBuilderTests extends OpenSearchTestCase {
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

    private static SeqRecQueryOptions randomOptions() {
        return new SeqRecQueryOptions(randomAlphaOfLengthBetween(1, 30).toLowerCase(Locale.ROOT), randomAlphaOfLengthBetween(1, 20),
                RandomHistories.randomSpec(), randomIntBetween(1, 1000), randomBoolean());
    }

    private static List<RecommendedItem> randomItems() {
        return randomList(0, 30, () -> new RecommendedItem(randomAlphaOfLengthBetween(1, 10), randomFloat() * 20 - 10));
    }

    private static SeqRecQueryBuilder make(SeqRecQueryOptions options, float boost, String name, List<RecommendedItem> items) {
        SeqRecQueryBuilder b = new SeqRecQueryBuilder(options);
        b = items == null ? b : b.withItems(items);
        return b.boost(boost).queryName(name);
    }

    private static SeqRecQueryBuilder randomBuilder(boolean withItems) {
        return make(randomOptions(), randomBoolean() ? 1f : randomFloat() * 5, randomBoolean() ? null : randomAlphaOfLength(5),
                withItems ? randomItems() : null);
    }

    private QueryBuilder parseQuery(String json) throws IOException {
        try (XContentParser parser = createParser(JsonXContent.jsonXContent, json)) {
            return AbstractQueryBuilder.parseInnerQueryBuilder(parser);
        }
    }

    public void testJsonRoundTrip() throws IOException {
        for (int i = 0; i < 50; i++) {
            SeqRecQueryBuilder original = randomBuilder(false);
            XContentBuilder json = XContentFactory.jsonBuilder();
            original.toXContent(json, ToXContent.EMPTY_PARAMS);
            QueryBuilder parsed = parseQuery(json.toString());
            assertEquals(original, parsed);
            assertEquals(original.hashCode(), parsed.hashCode());
        }
    }

    public void testJsonLeavesTheRetrievedItemsOut() {
        SeqRecQueryBuilder b = make(SeqRecQueryOptions.of("m", "f", List.of()), 1f, null, List.of(new RecommendedItem("secret-sku", 1f)));
        assertFalse(b.toString(), b.toString().contains("secret-sku"));
    }

    public void testWireRoundTripKeepsTheItems() throws IOException {
        for (int i = 0; i < 50; i++) {
            boolean withItems = randomBoolean();
            SeqRecQueryBuilder original = randomBuilder(withItems);
            QueryBuilder copy = copyNamedWriteable(original, writableRegistry(), QueryBuilder.class);
            assertEquals(original, copy);
            assertEquals(original.hashCode(), copy.hashCode());
            assertEquals(original.items(), ((SeqRecQueryBuilder) copy).items());
            assertEquals(withItems, ((SeqRecQueryBuilder) copy).items() != null);
        }
    }

    public void testEqualsAndHashCode() {
        for (int i = 0; i < 20; i++) {
            EqualsHashCodeTestUtils.checkEqualsAndHashCode(randomBuilder(randomBoolean()),
                    b -> (SeqRecQueryBuilder) copyNamedWriteable(b, writableRegistry(), QueryBuilder.class),
                    SeqRecQueryBuilderTests::mutate);
        }
    }

    /** A builder that differs from {@code b} in exactly one wire field. */
    private static SeqRecQueryBuilder mutate(SeqRecQueryBuilder b) {
        SeqRecQueryOptions o = b.options();
        float boost = b.boost();
        String name = b.queryName();
        List<RecommendedItem> items = b.items();
        switch (randomIntBetween(0, 7)) {
            case 0 -> o = new SeqRecQueryOptions(o.modelId() + "x", o.itemField(), o.history(), o.k(), o.excludeHistory());
            case 1 -> o = new SeqRecQueryOptions(o.modelId(), o.itemField() + "x", o.history(), o.k(), o.excludeHistory());
            case 2 -> o = new SeqRecQueryOptions(o.modelId(), o.itemField(), RandomHistories.mutate(o.history()), o.k(), o.excludeHistory());
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
        SeqRecQueryBuilder b = (SeqRecQueryBuilder) parseQuery("""
                {"seqrec": {"model_id": "shop-sasrec", "item_field": "item_id", "history": ["sku-991", 17]}}""");
        assertEquals(new SeqRecQueryOptions("shop-sasrec", "item_id", HistorySpec.given(List.of("sku-991", "17")), 100, true), b.options());
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
            SeqRecQueryBuilder b = (SeqRecQueryBuilder) ((BoolQueryBuilder) source.query()).should().get(0);
            assertEquals(new SeqRecQueryOptions("shop-sasrec", "item_id", HistorySpec.given(List.of("sku-991", "sku-17")), 200, false),
                    b.options());
            assertEquals(2.5f, b.boost(), 0f);
            assertEquals("next-items", b.queryName());
        }
    }

    private ParsingException rejected(String body) {
        Exception e = expectThrows(Exception.class, () -> parseQuery("{\"seqrec\": " + body + "}"));
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
        assertThat(rejected("{" + VALID + ", \"items\": []}").getMessage(), containsString("unknown field [items]"));
        assertThat(rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": \"sku-1\"}").getMessage(),
                containsString("[seqrec] [history] must be an array of item ids, oldest first, got VALUE_STRING"));
        assertThat(rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [\"a\", null]}").getMessage(),
                containsString("[history] must be an array of item ids (strings), got VALUE_NULL at position 1"));
        assertThat(rejected("{" + VALID + ", \"k\": \"many\"}").getMessage(), containsString("[k]"));
        assertThat(rejected("{" + VALID + ", \"exclude_history\": \"maybe\"}").getMessage(), containsString("exclude_history"));
    }

    public void testRejectsBadValuesNamingTheAllowedRange() {
        assertThat(rejected("{\"model_id\": \"../x\", \"item_field\": \"f\", \"history\": []}").getMessage(),
                containsString("[model_id] must match [a-z0-9][a-z0-9_.-]{0,99}"));
        assertThat(rejected("{\"model_id\": \"m\", \"item_field\": \" \", \"history\": []}").getMessage(),
                containsString("[item_field] must be a non-empty field name"));
        for (int bad : new int[] {0, -3, 1001}) {
            assertThat(rejected("{" + VALID + ", \"k\": " + bad + "}").getMessage(),
                    containsString("[seqrec] [k] must be between 1 and 1000, got [" + bad + "]"));
        }
        assertThat(rejected("{" + VALID + ", \"boost\": -1}").getMessage(), containsString("negative [boost]"));
    }

    public void testRejectsHistoriesOverTheLimit() {
        StringBuilder h = new StringBuilder();
        for (int i = 0; i < 201; i++) {
            h.append(i == 0 ? "" : ",").append("\"sku-").append(i).append('"');
        }
        assertThat(rejected("{\"model_id\": \"m\", \"item_field\": \"f\", \"history\": [" + h + "]}").getMessage(),
                containsString("[history] holds 201 item ids, more than the 200 allowed (plugins.seqrec.max_history_length)"));
    }

    public void testParsesUserIdAndEventsNextToEveryOtherOption() throws IOException {
        SeqRecQueryBuilder b = (SeqRecQueryBuilder) parseQuery("""
                {"seqrec": {"model_id": "shop", "item_field": "item_id", "user_id": "u-42", "k": 20, "exclude_history": false,
                  "events": {"index": "events", "size": 7}, "boost": 2.0}}""");
        assertEquals(new SeqRecQueryOptions("shop", "item_id", HistorySpec.byUser("u-42", EventsSource.of("events").withSize(7)), 20, false),
                b.options());
        assertEquals(2f, b.boost(), 0f);
        SeqRecQueryBuilder copy = (SeqRecQueryBuilder) parseQuery(b.toString());
        assertEquals(b, copy);
    }

    public void testRejectsBadUserHistorySources() {
        String base = "\"model_id\": \"m\", \"item_field\": \"f\"";
        assertThat(rejected("{" + base + ", \"history\": [], \"user_id\": \"u\", \"events\": {\"index\": \"e\"}}").getMessage(),
                containsString("[seqrec] takes exactly one of [history] or [user_id], not both"));
        assertThat(rejected("{" + base + ", \"user_id\": \"u\"}").getMessage(), containsString("[seqrec] [user_id] requires [events]"));
        assertThat(rejected("{" + base + ", \"history\": [], \"events\": {\"index\": \"e\"}}").getMessage(),
                containsString("[seqrec] [events] is only allowed with [user_id]"));
        assertThat(rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"bogus\": 1}}").getMessage(),
                containsString("[events] unknown field [bogus]"));
        assertThat(rejected("{" + base + ", \"user_id\": \"u\", \"events\": {\"index\": \"e\", \"size\": 201}}").getMessage(),
                containsString("[seqrec] [events] [size] must be between 1 and 200 (plugins.seqrec.max_history_length), got [201]"));
    }
}
