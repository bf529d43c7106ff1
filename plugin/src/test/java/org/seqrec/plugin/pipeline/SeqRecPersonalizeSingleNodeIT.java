package org.seqrec.plugin.pipeline;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.search.PutSearchPipelineRequest;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.env.Environment;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.SearchHit;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.rescore.QueryRescorerBuilder;
import org.opensearch.test.OpenSearchSingleNodeTestCase;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.plugin.SeqRecPlugin;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.query.SeqRecQueryBuilder;
import org.seqrec.plugin.query.SeqRecQueryOptions;
import org.seqrec.plugin.rescore.SeqRecRescoreOptions;
import org.seqrec.plugin.rescore.SeqRecRescorerBuilder;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreMode;
import org.seqrec.plugin.testing.TestEvents;
import org.seqrec.plugin.testing.TestModels;

/**
 * The {@code seqrec_personalize} processor in one in-JVM node with the plugin: a search through the
 * pipeline (named, or the index's default) for a user gets exactly what the hand-written clauses
 * with the user's history give; no user, a user without events, a sorted search or one that has a
 * {@code seqrec} rescore already pass unchanged; bad configurations are refused when the pipeline
 * is created. The real-node test (integ-tests {@code RealNodePipelineIT}) does the same over HTTP.
 */
public class SeqRecPersonalizeSingleNodeIT extends OpenSearchSingleNodeTestCase {
    private static final List<String> HISTORY = List.of("sku-3", "sku-8", "sku-1");
    private static final String EVENTS = """
            "events": {"index": "events", "user_field": "user_id", "item_field": "item_id",
                       "time_field": "timestamp", "size": 4}""";

    @BeforeClass
    public static void useTheSharedDjlCache() {
        DjlRuntime.configure(null, 1);
    }

    @Override
    protected Collection<Class<? extends Plugin>> getPlugins() {
        return List.of(SeqRecPlugin.class);
    }

    /** Model {@code shop}, products d1..d12 holding sku-1..sku-12 (half of them "gloves"), u-1's and u-2's events. */
    private void setUpShop() throws IOException {
        Environment env = getInstanceFromNode(Environment.class);
        TestModels.install(env.configDir(), "shop", TestModels.sasrec(12, 8, 5, 11L));
        createIndex(
                "products",
                client().admin()
                        .indices()
                        .prepareCreate("products")
                        .setMapping("title", "type=text", "item_id", "type=keyword", "rank", "type=integer"));
        for (int i = 1; i <= 12; i++) {
            Map<String, Object> source = new HashMap<>();
            source.put("title", i % 2 == 0 ? "warm winter gloves" : "winter hat");
            source.put("item_id", "sku-" + i);
            source.put("rank", i);
            client().prepareIndex("products").setId("d" + i).setSource(source).get();
        }
        client().admin().indices().prepareRefresh("products").get();
        TestEvents.index(
                client(),
                "events",
                Map.of(
                        "u-1",
                        Arrays.asList("sku-7", "sku-2", "sku-3", null, "sku-8", "sku-1"),
                        "u-2",
                        List.of("sku-9")),
                5L);
    }

    private void putPipeline(String id, String processorConfig) {
        String body =
                "{\"request_processors\": [{\"" + ClauseFields.PERSONALIZE_PROCESSOR + "\": " + processorConfig + "}]}";
        assertTrue(client().admin()
                .cluster()
                .putSearchPipeline(new PutSearchPipelineRequest(id, new BytesArray(body), MediaTypeRegistry.JSON))
                .actionGet()
                .isAcknowledged());
    }

    private static String config(String extra) {
        return "{\"model_id\": \"shop\", \"item_field\": \"item_id\", " + EVENTS + extra + "}";
    }

    private SearchSourceBuilder parseSource(String json) throws IOException {
        try (XContentParser parser = createParser(
                getInstanceFromNode(NamedXContentRegistry.class), JsonXContent.jsonXContent, new BytesArray(json))) {
            return SearchSourceBuilder.fromXContent(parser);
        }
    }

    private SearchResponse search(String pipeline, String sourceJson) throws IOException {
        SearchRequest request = new SearchRequest("products").source(parseSource(sourceJson));
        if (pipeline != null) {
            request.pipeline(pipeline);
        }
        return client().search(request).actionGet();
    }

    private static final String GLOVES_FOR_U1 = """
            {"size": 12, "query": {"match": {"title": "winter"}}, "ext": {"seqrec": {"user_id": "u-1"}}}""";
    private static final String GLOVES = """
            {"size": 12, "query": {"match": {"title": "winter"}}}""";

    private SearchResponse handWritten(SearchSourceBuilder source) {
        return client().search(new SearchRequest("products").source(source)).actionGet();
    }

    private static SearchSourceBuilder winter() {
        return new SearchSourceBuilder().size(12).query(QueryBuilders.matchQuery("title", "winter"));
    }

    public void testAUserGetsTheRescoreOfTheirHistory() throws IOException {
        setUpShop();
        putPipeline("personalize", config(", \"rescore\": {\"window_size\": 12, \"score_mode\": \"replace\"}"));
        SearchResponse expected = handWritten(winter().addRescorer(new SeqRecRescorerBuilder(
                        SeqRecRescoreOptions.of("shop", "item_id", HISTORY).withScoreMode(ScoreMode.REPLACE))
                .windowSize(12)));
        SearchResponse personalised = search("personalize", GLOVES_FOR_U1);
        assertSameHits(expected, personalised);
        assertNotSameOrder(search(null, GLOVES), personalised);
    }

    public void testTheHeaderNamesTheUserWhenTheExtDoesNot() throws IOException {
        setUpShop();
        putPipeline("personalize", config(", \"rescore\": {\"window_size\": 12, \"score_mode\": \"replace\"}"));
        SearchRequest request =
                new SearchRequest("products").source(parseSource(GLOVES)).pipeline("personalize");
        SearchResponse byHeader = client().filterWithHeader(Map.of(ClauseFields.USER_HEADER, "u-1"))
                .search(request)
                .actionGet();
        assertSameHits(search("personalize", GLOVES_FOR_U1), byHeader);
    }

    public void testTheQueryIsAddedInABoolWhenConfigured() throws IOException {
        setUpShop();
        putPipeline(
                "personalize",
                config(", \"rescore\": {\"window_size\": 5, \"normalize\": \"sigmoid\"},"
                        + " \"query\": {\"k\": 4, \"boost\": 2.0, \"exclude_history\": false}"));
        SearchResponse expected = handWritten(new SearchSourceBuilder()
                .size(12)
                .query(QueryBuilders.boolQuery()
                        .must(QueryBuilders.matchQuery("title", "winter"))
                        .should(new SeqRecQueryBuilder(SeqRecQueryOptions.of("shop", "item_id", HISTORY)
                                        .withK(4)
                                        .withExcludeHistory(false))
                                .boost(2f)))
                .addRescorer(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)
                                .withNormalizer(Normalizer.SIGMOID))
                        .windowSize(5)));
        assertSameHits(expected, search("personalize", GLOVES_FOR_U1));
        // no query of its own: match_all, plus the seqrec query
        SearchResponse noQuery = search("personalize", "{\"size\": 12, \"ext\": {\"seqrec\": {\"user_id\": \"u-1\"}}}");
        assertEquals(12, noQuery.getHits().getHits().length);
    }

    public void testNoUserAnUnknownUserAndUnrescorableSearchesPassUnchanged() throws IOException {
        setUpShop();
        putPipeline("personalize", config(", \"rescore\": {\"window_size\": 12, \"score_mode\": \"replace\"}"));
        SearchResponse plain = search(null, GLOVES);
        assertSameHits(plain, search("personalize", GLOVES));
        assertSameHits(plain, search("personalize", GLOVES_FOR_U1.replace("u-1", "nobody")));

        String sorted =
                "{\"size\": 12, \"query\": {\"match\": {\"title\": \"winter\"}}, \"sort\": [{\"rank\": \"desc\"}],"
                        + " \"ext\": {\"seqrec\": {\"user_id\": \"u-1\"}}}";
        SearchResponse sortedHits = search("personalize", sorted);
        assertEquals("d12", sortedHits.getHits().getAt(0).getId());

        // a request with its own seqrec rescore keeps it, alone
        String own = """
                {"size": 12, "query": {"match": {"title": "winter"}}, "ext": {"seqrec": {"user_id": "u-1"}},
                 "rescore": {"window_size": 12, "seqrec": {"model_id": "shop", "item_field": "item_id", "history": ["sku-9"]}}}""";
        assertSameHits(search(null, own), search("personalize", own));
    }

    public void testARescoreOfTheRequestsOwnRunsFirst() throws IOException {
        setUpShop();
        putPipeline("personalize", config(", \"rescore\": {\"window_size\": 12, \"score_mode\": \"replace\"}"));
        QueryRescorerBuilder phrase =
                new QueryRescorerBuilder(QueryBuilders.matchPhraseQuery("title", "winter gloves"));
        SearchResponse expected = handWritten(winter().addRescorer(phrase.windowSize(12))
                .addRescorer(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)
                                .withScoreMode(ScoreMode.REPLACE))
                        .windowSize(12)));
        String withOwn = """
                {"size": 12, "query": {"match": {"title": "winter"}}, "ext": {"seqrec": {"user_id": "u-1"}},
                 "rescore": {"window_size": 12, "query": {"rescore_query": {"match_phrase": {"title": "winter gloves"}}}}}""";
        assertSameHits(expected, search("personalize", withOwn));
    }

    public void testWorksAsTheIndexsDefaultPipeline() throws IOException {
        setUpShop();
        putPipeline("personalize", config(", \"rescore\": {\"window_size\": 12, \"score_mode\": \"replace\"}"));
        client().admin()
                .indices()
                .prepareUpdateSettings("products")
                .setSettings(Settings.builder().put("index.search.default_pipeline", "personalize"))
                .get();
        SearchResponse byDefault = search(null, GLOVES_FOR_U1);
        client().admin()
                .indices()
                .prepareUpdateSettings("products")
                .setSettings(Settings.builder().putNull("index.search.default_pipeline"))
                .get();
        assertSameHits(search("personalize", GLOVES_FOR_U1), byDefault);
        assertNotSameOrder(search(null, GLOVES), byDefault);
    }

    public void testErrorsAreTheClausesErrors() throws IOException {
        setUpShop();
        putPipeline("unknown-model", "{\"model_id\": \"nope\", \"item_field\": \"item_id\", " + EVENTS + "}");
        Exception unknownModel = expectThrows(Exception.class, () -> search("unknown-model", GLOVES_FOR_U1));
        assertEquals(RestStatus.NOT_FOUND, ExceptionsHelper.status(unknownModel));
        putPipeline(
                "no-events",
                "{\"model_id\": \"shop\", \"item_field\": \"item_id\", \"events\": {\"index\": \"no-such-events\"}}");
        Exception noEvents = expectThrows(Exception.class, () -> search("no-events", GLOVES_FOR_U1));
        assertEquals(RestStatus.NOT_FOUND, ExceptionsHelper.status(noEvents));
        // without a user the pipeline never looks, so nothing fails
        assertEquals(12, search("no-events", GLOVES).getHits().getHits().length);
        // nor when the search asks for no hits: nothing to rerank, so no events search either
        String countOnly = "{\"size\": 0, \"query\": {\"match\": {\"title\": \"winter\"}},"
                + " \"ext\": {\"seqrec\": {\"user_id\": \"u-1\"}}}";
        assertEquals(
                12L, search("no-events", countOnly).getHits().getTotalHits().value());
    }

    public void testBadConfigurationsAreRefusedWhenThePipelineIsCreated() throws IOException {
        setUpShop();
        assertRefused("{\"item_field\": \"item_id\", " + EVENTS + "}", "[seqrec_personalize] requires [model_id]");
        assertRefused(
                "{\"model_id\": \"shop\", \"item_field\": \"item_id\"}", "[seqrec_personalize] requires [events]");
        assertRefused(config(", \"rescore\": {\"score_mode\": \"sum\"}"), "[score_mode] must be one of");
        assertRefused(config(", \"bogus\": 1"), "unknown field [bogus]");
        assertRefused(config(", \"rescore\": {\"window_size\": 5000}"), "(plugins.seqrec.max_window_size)");
        assertRefused(config(", \"query\": {\"k\": 0}"), "[k] must be between 1 and 1000, got [0]");
        assertRefused(
                "{\"model_id\": \"shop\", \"item_field\": \"item_id\", \"events\": {\"index\": \"events\", \"size\": 500}}",
                "[events] [size] must be between 1 and 200");
        assertRefused(
                "{\"model_id\": \"Bad/Id\", \"item_field\": \"item_id\", " + EVENTS + "}", "[model_id] must match");
    }

    private void assertRefused(String processorConfig, String message) {
        Exception refused = expectThrows(Exception.class, () -> putPipeline("bad", processorConfig));
        assertEquals(processorConfig, RestStatus.BAD_REQUEST, ExceptionsHelper.status(refused));
        assertThat(detailed(refused), containsString(message));
    }

    private static String detailed(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static void assertSameHits(SearchResponse expected, SearchResponse actual) {
        assertEquals(ids(expected), ids(actual));
        for (int i = 0; i < expected.getHits().getHits().length; i++) {
            assertEquals(
                    expected.getHits().getAt(i).getScore(),
                    actual.getHits().getAt(i).getScore(),
                    1e-6f);
        }
    }

    private static void assertNotSameOrder(SearchResponse plain, SearchResponse personalised) {
        assertNotEquals("the model changes the order", ids(plain), ids(personalised));
    }

    private static List<String> ids(SearchResponse response) {
        return Arrays.stream(response.getHits().getHits()).map(SearchHit::getId).toList();
    }
}
