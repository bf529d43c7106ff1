package org.seqrec.plugin.rescore;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexService;
import org.opensearch.index.engine.Engine;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.index.shard.IndexShard;
import org.opensearch.indices.IndicesService;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.SearchHit;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.test.OpenSearchSingleNodeTestCase;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.plugin.SeqRecPlugin;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreMode;
import org.seqrec.plugin.testing.TestEvents;
import org.seqrec.plugin.testing.TestModels;

/**
 * The rescorer in one in-JVM node with the plugin: registration, the coordinator's encoding,
 * shard scoring from doc values, and the errors users see. Multi-node and real-process tests live
 * in integ-tests.
 */
public class SeqRecRescoreSingleNodeIT extends OpenSearchSingleNodeTestCase {
    private static final List<String> HISTORY = List.of("sku-3", "sku-8", "sku-1");

    @BeforeClass
    public static void useTheSharedDjlCache() {
        // The first configuration in a JVM wins: keep libtorch in ~/.djl.ai instead of extracting
        // it again under each test node's temporary data path.
        DjlRuntime.configure(null, 1);
    }

    @Override
    protected Collection<Class<? extends Plugin>> getPlugins() {
        return List.of(SeqRecPlugin.class);
    }

    private void indexProducts() throws IOException {
        Environment env = getInstanceFromNode(Environment.class);
        TestModels.install(env.configDir(), "shop", TestModels.sasrec(10, 8, 5, 11L));
        createIndex("products", client().admin().indices().prepareCreate("products")
                .setMapping("title", "type=text", "item_id", "type=keyword", "sku_text", "type=text"));
        String[][] docs = {{"1", "sku-2"}, {"2", "sku-5"}, {"3", "sku-9"}, {"4", "unknown-sku"}, {"5", null}};
        for (String[] d : docs) {
            Map<String, Object> source = new HashMap<>();
            source.put("title", "warm winter gloves " + d[0]);
            source.put("sku_text", "x");
            if (d[1] != null) {
                source.put("item_id", d[1]);
            }
            client().prepareIndex("products").setId(d[0]).setSource(source).get();
        }
        client().admin().indices().prepareRefresh("products").get();
    }

    private SearchResponse search(SeqRecRescorerBuilder rescorer) {
        return client().prepareSearch("products").setQuery(QueryBuilders.matchQuery("title", "gloves")).setSize(10)
                .addRescorer(rescorer, 10).get();
    }

    public void testRescoresWithTheModelAndKeepsUnknownItems() throws IOException {
        indexProducts();
        Map<String, Float> firstPass = new HashMap<>();
        for (SearchHit hit : client().prepareSearch("products").setQuery(QueryBuilders.matchQuery("title", "gloves")).get().getHits()) {
            firstPass.put(hit.getId(), hit.getScore());
        }
        LoadedModel model = getInstanceFromNode(ModelRegistry.class).get("shop");
        float[] user = model.encode(HISTORY);

        SearchResponse response = search(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)
                .withRescoreQueryWeight(2f)));
        assertEquals(5, response.getHits().getHits().length);
        Map<String, String> items = Map.of("1", "sku-2", "2", "sku-5", "3", "sku-9");
        float previous = Float.POSITIVE_INFINITY;
        for (SearchHit hit : response.getHits()) {
            String item = items.get(hit.getId());
            float expected = item == null
                    ? firstPass.get(hit.getId())
                    : firstPass.get(hit.getId()) + 2f * model.itemEmbeddings().dot(user, model.vocabulary().rowOf(item));
            assertEquals("hit " + hit.getId(), expected, hit.getScore(), 1e-4f);
            assertTrue(hit.getScore() <= previous);
            previous = hit.getScore();
        }
    }

    public void testParsedJsonRescoresLikeTheJavaBuilder() throws IOException {
        indexProducts();
        String json = """
                {"query": {"match": {"title": "gloves"}},
                 "rescore": {"window_size": 10, "seqrec": {"model_id": "shop", "item_field": "item_id",
                   "history": ["sku-3", "sku-8", "sku-1"], "score_mode": "replace", "normalize": "sigmoid"}}}""";
        SearchSourceBuilder source;
        try (XContentParser parser = createParser(getInstanceFromNode(NamedXContentRegistry.class), JsonXContent.jsonXContent,
                new org.opensearch.core.common.bytes.BytesArray(json))) {
            source = SearchSourceBuilder.fromXContent(parser);
        }
        SearchResponse parsed = client().prepareSearch("products").setSource(source).get();
        SearchResponse java = search(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)
                .withScoreMode(ScoreMode.REPLACE).withNormalizer(Normalizer.SIGMOID)));
        assertEquals(java.getHits().getHits().length, parsed.getHits().getHits().length);
        for (int i = 0; i < parsed.getHits().getHits().length; i++) {
            assertEquals(java.getHits().getAt(i).getId(), parsed.getHits().getAt(i).getId());
            assertEquals(java.getHits().getAt(i).getScore(), parsed.getHits().getAt(i).getScore(), 1e-6f);
        }
    }

    public void testExplainShowsTheModelPart() throws IOException {
        indexProducts();
        SearchResponse response = client().prepareSearch("products").setQuery(QueryBuilders.matchQuery("title", "gloves"))
                .addRescorer(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)), 10).setExplain(true).get();
        for (SearchHit hit : response.getHits()) {
            assertEquals(hit.getScore(), hit.getExplanation().getValue().floatValue(), 1e-5f);
        }
        SearchHit sku2 = java.util.Arrays.stream(response.getHits().getHits()).filter(h -> h.getId().equals("1")).findFirst().orElseThrow();
        assertThat(sku2.getExplanation().toString(), containsString("logit of model [shop] for item [sku-2]"));
    }

    public void testAShardEncodesWhenTheBuilderCarriesNoVector() throws IOException {
        indexProducts();
        IndexService index = getInstanceFromNode(IndicesService.class).indexServiceSafe(resolveIndex("products"));
        LoadedModel model = getInstanceFromNode(ModelRegistry.class).get("shop");
        float[] user = model.encode(HISTORY);
        SeqRecRescorerBuilder noVector = new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY));
        IndexShard shard = index.getShard(0);
        try (Engine.Searcher searcher = shard.acquireSearcher("test")) {
            QueryShardContext context = index.newQueryShardContext(0, searcher, () -> 0L, null);
            SeqRecRescoreContext rescore = (SeqRecRescoreContext) noVector.buildContext(context);
            int scored = 0;
            for (int doc = 0; doc < searcher.getIndexReader().maxDoc(); doc++) {
                ItemModelScores.ItemScore item = rescore.scores().forDoc(doc, searcher);
                if (item != null) {
                    assertEquals(model.itemEmbeddings().dot(user, model.vocabulary().rowOf(item.itemId())), item.score(), 1e-5f);
                    scored++;
                }
            }
            assertEquals(3, scored); // sku-2, sku-5 and sku-9; not the unknown id nor the doc without one
        }
    }

    /**
     * User u-1's events, oldest first: two older ones, one without an item (skipped), then {@link
     * #HISTORY}; u-2 has events of their own. The latest 4 events of u-1 make {@link #HISTORY}.
     */
    private void indexEvents() {
        TestEvents.index(client(), "events", Map.of("u-1", Arrays.asList("sku-7", "sku-2", "sku-3", null, "sku-8", "sku-1"),
                "u-2", List.of("sku-9", "sku-3", "sku-4")), 3L);
    }

    private static HistorySpec user(String userId, int size) {
        return HistorySpec.byUser(userId, EventsSource.of("events").withSize(size));
    }

    private static void assertSameHits(SearchResponse expected, SearchResponse actual) {
        assertEquals(expected.getHits().getHits().length, actual.getHits().getHits().length);
        for (int i = 0; i < expected.getHits().getHits().length; i++) {
            assertEquals(expected.getHits().getAt(i).getId(), actual.getHits().getAt(i).getId());
            assertEquals(expected.getHits().getAt(i).getScore(), actual.getHits().getAt(i).getScore(), 1e-6f);
        }
    }

    private static Map<String, Float> scoresById(SearchResponse response) {
        Map<String, Float> scores = new HashMap<>();
        for (SearchHit hit : response.getHits()) {
            scores.put(hit.getId(), hit.getScore());
        }
        return scores;
    }

    private SearchResponse replace(HistorySpec history) {
        return search(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", history).withScoreMode(ScoreMode.REPLACE)));
    }

    public void testUserIdAndEventsRescoreLikeTheEquivalentHistory() throws IOException {
        indexProducts();
        indexEvents();
        SearchResponse expected = replace(HistorySpec.given(HISTORY));
        assertSameHits(expected, replace(user("u-1", 4)));

        // all of u-1's events: a longer history, other scores
        SearchResponse all = replace(user("u-1", 50));
        assertSameHits(replace(HistorySpec.given(List.of("sku-7", "sku-2", "sku-3", "sku-8", "sku-1"))), all);
        assertNotEquals(scoresById(expected), scoresById(all));
    }

    public void testParsedUserIdAndEventsFromJson() throws IOException {
        indexProducts();
        indexEvents();
        String json = """
                {"query": {"match": {"title": "gloves"}},
                 "rescore": {"window_size": 10, "seqrec": {"model_id": "shop", "item_field": "item_id", "user_id": "u-1",
                   "events": {"index": "events", "user_field": "user_id", "item_field": "item_id", "time_field": "timestamp", "size": 4},
                   "score_mode": "replace"}}}""";
        SearchSourceBuilder source;
        try (XContentParser parser = createParser(getInstanceFromNode(NamedXContentRegistry.class), JsonXContent.jsonXContent,
                new org.opensearch.core.common.bytes.BytesArray(json))) {
            source = SearchSourceBuilder.fromXContent(parser);
        }
        SearchResponse parsed = client().prepareSearch("products").setSource(source).setSize(10).get();
        assertSameHits(replace(HistorySpec.given(HISTORY)), parsed);
    }

    public void testAnUnknownUserRescoresLikeAnEmptyHistory() throws IOException {
        indexProducts();
        indexEvents();
        assertSameHits(replace(HistorySpec.given(List.of())), replace(user("nobody", 50)));
    }

    public void testEventsErrorsComeFromTheEventsSearch() throws IOException {
        indexProducts();
        indexEvents();
        Exception missing = failure(SeqRecRescoreOptions.of("shop", "item_id", HistorySpec.byUser("u-1", EventsSource.of("no-such-events"))));
        assertEquals(RestStatus.NOT_FOUND, ExceptionsHelper.status(missing));
        assertThat(detailed(missing), containsString("no such index [no-such-events]"));

        EventsSource textTime = new EventsSource("events", "user_id", "item_id", "note", 5);
        Exception unsortable = failure(SeqRecRescoreOptions.of("shop", "item_id", HistorySpec.byUser("u-1", textTime)));
        assertEquals(RestStatus.BAD_REQUEST, ExceptionsHelper.status(unsortable));
    }

    private Exception failure(SeqRecRescoreOptions options) throws IOException {
        return expectThrows(Exception.class, () -> search(new SeqRecRescorerBuilder(options)));
    }

    public void testErrorsUsersSee() throws IOException {
        indexProducts();
        Exception unknownModel = failure(SeqRecRescoreOptions.of("nope", "item_id", HISTORY));
        assertEquals(RestStatus.NOT_FOUND, ExceptionsHelper.status(unknownModel));
        assertThat(ExceptionsHelper.unwrapCause(unknownModel).getMessage(), containsString("seqrec model [nope] not found"));

        Exception textField = failure(SeqRecRescoreOptions.of("shop", "sku_text", HISTORY));
        assertEquals(RestStatus.BAD_REQUEST, ExceptionsHelper.status(textField));
        assertThat(detailed(textField), containsString("[item_field] [sku_text] must be a keyword field, but it is of type [text]"));

        Exception unmapped = failure(SeqRecRescoreOptions.of("shop", "no_such_field", HISTORY));
        assertEquals(RestStatus.BAD_REQUEST, ExceptionsHelper.status(unmapped));
        assertThat(detailed(unmapped), containsString("[item_field] [no_such_field] is not mapped in index [products]"));

        // plugins.seqrec.max_window_size defaults to 1000
        Exception window = expectThrows(Exception.class,
                () -> client().prepareSearch("products").setQuery(QueryBuilders.matchQuery("title", "gloves"))
                        .addRescorer(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)), 1001).get());
        assertEquals(RestStatus.BAD_REQUEST, ExceptionsHelper.status(window));
        assertThat(detailed(window), containsString("must be <= 1000 (plugins.seqrec.max_window_size), got [1001]"));
    }

    private static String detailed(Exception e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        if (e instanceof org.opensearch.action.search.SearchPhaseExecutionException spe) {
            for (var failure : spe.shardFailures()) {
                all.append(failure.reason()).append('\n');
            }
        }
        return all.toString();
    }
}
