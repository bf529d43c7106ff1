package org.seqrec.plugin.rescore;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.env.Environment;
import org.opensearch.index.IndexService;
import org.opensearch.index.engine.Engine;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.index.shard.IndexShard;
import org.opensearch.indices.IndicesService;
import org.opensearch.search.SearchHit;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.seqrec.plugin.clause.ClauseSingleNodeTestCase;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreMode;
import org.seqrec.plugin.testing.TestModels;

/**
 * The rescorer in one in-JVM node with the plugin (see {@link ClauseSingleNodeTestCase} for what
 * every clause does): registration, the coordinator's encoding, shard scoring from doc values,
 * explain, and the window limit.
 */
public class SeqRecRescoreSingleNodeIT extends ClauseSingleNodeTestCase {

    @Override
    protected void indexProducts() throws IOException {
        Environment env = getInstanceFromNode(Environment.class);
        TestModels.install(env.configDir(), "shop", TestModels.sasrec(10, 8, 5, 11L));
        createIndex(
                "products",
                client().admin()
                        .indices()
                        .prepareCreate("products")
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

    @Override
    protected long eventsSeed() {
        return 3L;
    }

    /** The rescorer with {@code score_mode: replace}, so that the hits' scores are the model's. */
    @Override
    protected SearchResponse searchFor(HistorySpec history) {
        return search(new SeqRecRescorerBuilder(
                SeqRecRescoreOptions.of("shop", "item_id", history).withScoreMode(ScoreMode.REPLACE)));
    }

    @Override
    protected Exception failure(String modelId, String itemField, HistorySpec history) {
        return failure(SeqRecRescoreOptions.of(modelId, itemField, history));
    }

    @Override
    protected String searchByUserJson() {
        return """
                {"query": {"match": {"title": "gloves"}}, "size": 10,
                 "rescore": {"window_size": 10, "seqrec": {"model_id": "shop", "item_field": "item_id", "user_id": "u-1",
                   "events": {"index": "events", "user_field": "user_id", "item_field": "item_id", "time_field": "timestamp", "size": 4},
                   "score_mode": "replace"}}}""";
    }

    private SearchResponse search(SeqRecRescorerBuilder rescorer) {
        return client().prepareSearch("products")
                .setQuery(QueryBuilders.matchQuery("title", "gloves"))
                .setSize(10)
                .addRescorer(rescorer, 10)
                .get();
    }

    private Exception failure(SeqRecRescoreOptions options) {
        return expectThrows(Exception.class, () -> search(new SeqRecRescorerBuilder(options)));
    }

    public void testRescoresWithTheModelAndKeepsUnknownItems() throws IOException {
        indexProducts();
        Map<String, Float> firstPass = new HashMap<>();
        for (SearchHit hit : client().prepareSearch("products")
                .setQuery(QueryBuilders.matchQuery("title", "gloves"))
                .get()
                .getHits()) {
            firstPass.put(hit.getId(), hit.getScore());
        }
        LoadedModel model = getInstanceFromNode(ModelRegistry.class).get("shop");
        float[] user = model.encode(HISTORY);

        SearchResponse response = search(new SeqRecRescorerBuilder(
                SeqRecRescoreOptions.of("shop", "item_id", HISTORY).withRescoreQueryWeight(2f)));
        assertEquals(5, response.getHits().getHits().length);
        Map<String, String> items = Map.of("1", "sku-2", "2", "sku-5", "3", "sku-9");
        float previous = Float.POSITIVE_INFINITY;
        for (SearchHit hit : response.getHits()) {
            String item = items.get(hit.getId());
            float expected = item == null
                    ? firstPass.get(hit.getId())
                    : firstPass.get(hit.getId())
                            + 2f
                                    * model.itemEmbeddings()
                                            .dot(user, model.vocabulary().rowOf(item));
            assertEquals("hit " + hit.getId(), expected, hit.getScore(), 1e-4f);
            assertTrue(hit.getScore() <= previous);
            previous = hit.getScore();
        }
    }

    public void testParsedJsonRescoresLikeTheJavaBuilder() throws IOException {
        indexProducts();
        SearchSourceBuilder source = parseSource("""
                {"query": {"match": {"title": "gloves"}},
                 "rescore": {"window_size": 10, "seqrec": {"model_id": "shop", "item_field": "item_id",
                   "history": ["sku-3", "sku-8", "sku-1"], "score_mode": "replace", "normalize": "sigmoid"}}}""");
        SearchResponse parsed =
                client().prepareSearch("products").setSource(source).get();
        SearchResponse java = search(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)
                .withScoreMode(ScoreMode.REPLACE)
                .withNormalizer(Normalizer.SIGMOID)));
        assertSameHits(java, parsed);
    }

    public void testExplainShowsTheModelPart() throws IOException {
        indexProducts();
        SearchResponse response = client().prepareSearch("products")
                .setQuery(QueryBuilders.matchQuery("title", "gloves"))
                .addRescorer(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)), 10)
                .setExplain(true)
                .get();
        for (SearchHit hit : response.getHits()) {
            assertEquals(hit.getScore(), hit.getExplanation().getValue().floatValue(), 1e-5f);
        }
        SearchHit sku2 = Arrays.stream(response.getHits().getHits())
                .filter(h -> h.getId().equals("1"))
                .findFirst()
                .orElseThrow();
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
                    assertEquals(
                            model.itemEmbeddings().dot(user, model.vocabulary().rowOf(item.itemId())),
                            item.score(),
                            1e-5f);
                    scored++;
                }
            }
            assertEquals(3, scored); // sku-2, sku-5 and sku-9; not the unknown id nor the doc without one
        }
    }

    private static Map<String, Float> scoresById(SearchResponse response) {
        Map<String, Float> scores = new HashMap<>();
        for (SearchHit hit : response.getHits()) {
            scores.put(hit.getId(), hit.getScore());
        }
        return scores;
    }

    public void testAllOfAUsersEventsMakeALongerHistory() throws IOException {
        indexProducts();
        indexEvents();
        SearchResponse all = searchFor(user("u-1", 50));
        assertSameHits(searchFor(HistorySpec.given(List.of("sku-7", "sku-2", "sku-3", "sku-8", "sku-1"))), all);
        assertNotEquals(scoresById(searchFor(HistorySpec.given(HISTORY))), scoresById(all));
    }

    public void testAnUnsortableTimeFieldIsABadRequest() throws IOException {
        indexProducts();
        indexEvents();
        EventsSource textTime = new EventsSource("events", "user_id", "item_id", "note", 5);
        Exception unsortable = failure(SeqRecRescoreOptions.of("shop", "item_id", HistorySpec.byUser("u-1", textTime)));
        assertEquals(RestStatus.BAD_REQUEST, ExceptionsHelper.status(unsortable));
    }

    public void testTheWindowLimitApplies() throws IOException {
        indexProducts();
        // plugins.seqrec.max_window_size defaults to 1000
        Exception window = expectThrows(
                Exception.class,
                () -> client().prepareSearch("products")
                        .setQuery(QueryBuilders.matchQuery("title", "gloves"))
                        .addRescorer(
                                new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)), 1001)
                        .get());
        assertEquals(RestStatus.BAD_REQUEST, ExceptionsHelper.status(window));
        assertThat(detailed(window), containsString("must be <= 1000 (plugins.seqrec.max_window_size), got [1001]"));
    }
}
