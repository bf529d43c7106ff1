package org.seqrec.plugin.query;

import static org.hamcrest.Matchers.containsString;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.env.Environment;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.indices.IndicesService;
import org.opensearch.search.SearchHit;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.clause.ClauseSingleNodeTestCase;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.rescore.SeqRecRescoreOptions;
import org.seqrec.plugin.rescore.SeqRecRescorerBuilder;
import org.seqrec.plugin.retrieval.ItemRetrieval;
import org.seqrec.plugin.retrieval.RecommendedItem;
import org.seqrec.plugin.testing.TestModels;
import org.seqrec.plugin.transport.RecommendAction;
import org.seqrec.plugin.transport.RecommendRequest;
import org.seqrec.plugin.transport.RecommendResponse;

/**
 * The {@code seqrec} query and the {@code _recommend} action in one in-JVM node with the plugin
 * (see {@link ClauseSingleNodeTestCase} for what every clause does): retrieval through the model's
 * item index, Lucene scores, use inside {@code bool} and next to the rescorer.
 */
public class SeqRecQuerySingleNodeIT extends ClauseSingleNodeTestCase {
    private static final int ITEMS = 12;

    /** One document per item (id "d<i>" holds "sku-<i>"), plus one with an unknown id and one without. */
    @Override
    protected void indexProducts() throws IOException {
        Environment env = getInstanceFromNode(Environment.class);
        TestModels.install(env.configDir(), "shop", TestModels.sasrec(ITEMS, 8, 5, 11L));
        createIndex(
                "products",
                client().admin()
                        .indices()
                        .prepareCreate("products")
                        .setMapping("title", "type=text", "item_id", "type=keyword", "sku_text", "type=text"));
        for (int i = 1; i <= ITEMS + 2; i++) {
            Map<String, Object> source = new HashMap<>();
            source.put("title", i % 2 == 0 ? "warm winter gloves" : "summer hat");
            source.put("sku_text", "x");
            if (i <= ITEMS + 1) {
                source.put("item_id", i <= ITEMS ? "sku-" + i : "unknown-sku");
            }
            client().prepareIndex("products").setId("d" + i).setSource(source).get();
        }
        client().admin().indices().prepareRefresh("products").get();
    }

    @Override
    protected long eventsSeed() {
        return 5L;
    }

    @Override
    protected SearchResponse searchFor(HistorySpec history) {
        return search(new SeqRecQueryBuilder(
                SeqRecQueryOptions.of("shop", "item_id", history).withK(5)));
    }

    @Override
    protected Exception failure(String modelId, String itemField, HistorySpec history) {
        return expectThrows(
                Exception.class,
                () -> search(new SeqRecQueryBuilder(SeqRecQueryOptions.of(modelId, itemField, history))));
    }

    @Override
    protected String searchByUserJson() {
        return """
                {"query": {"seqrec": {"model_id": "shop", "item_field": "item_id", "k": 5, "user_id": "u-1",
                   "events": {"index": "events", "size": 4}}}, "size": 50}""";
    }

    @Override
    protected float scoreTolerance() {
        return 0f;
    }

    /** What the node's own retrieval finds, by item id. */
    private Map<String, Float> expected(int k, boolean excludeHistory) {
        SeqRecServices services = new SeqRecServices(getInstanceFromNode(ModelRegistry.class), Runnable::run, 200);
        Map<String, Float> byItem = new HashMap<>();
        for (RecommendedItem item : ItemRetrieval.retrieve(services, "shop", HISTORY, k, excludeHistory)) {
            byItem.put(item.itemId(), item.score());
        }
        return byItem;
    }

    private SearchResponse search(QueryBuilder query) {
        return client().prepareSearch("products").setQuery(query).setSize(50).get();
    }

    private static String itemOf(SearchHit hit) {
        return "sku-" + hit.getId().substring(1);
    }

    public void testMatchesTheKNearestItemsScoredByTheirInnerProduct() throws IOException {
        indexProducts();
        Map<String, Float> top = expected(4, true);
        assertEquals(4, top.size());
        SearchResponse response = search(new SeqRecQueryBuilder(
                SeqRecQueryOptions.of("shop", "item_id", HISTORY).withK(4)));
        assertEquals(4, response.getHits().getHits().length);
        float previous = Float.POSITIVE_INFINITY;
        for (SearchHit hit : response.getHits()) {
            String item = itemOf(hit);
            assertTrue(item + " not in " + top, top.containsKey(item));
            assertFalse(HISTORY.contains(item));
            assertEquals(InnerProductScores.toLuceneScore(top.get(item)), hit.getScore(), 1e-5f);
            assertTrue(hit.getScore() <= previous);
            previous = hit.getScore();
        }
    }

    public void testABuilderWithItemsBuildsItsShardQueryOncePerMapping() throws IOException {
        indexProducts();
        createIndex("other", client().admin().indices().prepareCreate("other").setMapping("item_id", "type=keyword"));
        SeqRecQueryBuilder query = new SeqRecQueryBuilder(
                        SeqRecQueryOptions.of("shop", "item_id", HistorySpec.given(HISTORY)))
                .withItems(List.of(new RecommendedItem("sku-2", 1.5f), new RecommendedItem("sku-7", -0.25f)));
        QueryShardContext products = shardContext("products");
        org.apache.lucene.search.Query first = query.toQuery(products);
        assertSame("the other shards and the fetch phase reuse it", first, query.toQuery(shardContext("products")));
        org.apache.lucene.search.Query other = query.toQuery(shardContext("other"));
        assertNotSame("another index's mapping builds its own", first, other);
        assertEquals(first, other);
        assertNotSame(
                "a copy starts afresh", first, query.withItems(query.items()).toQuery(products));
    }

    private QueryShardContext shardContext(String index) {
        return getInstanceFromNode(IndicesService.class)
                .indexServiceSafe(resolveIndex(index))
                .newQueryShardContext(0, null, () -> 0L, null);
    }

    public void testExplainsEachHitByItsRetrievedItem() throws IOException {
        indexProducts();
        Map<String, Float> top = expected(3, true);
        SearchResponse response = client().prepareSearch("products")
                .setQuery(new SeqRecQueryBuilder(
                        SeqRecQueryOptions.of("shop", "item_id", HISTORY).withK(3)))
                .setExplain(true)
                .setSize(50)
                .get();
        assertEquals(3, response.getHits().getHits().length);
        for (SearchHit hit : response.getHits()) {
            String item = itemOf(hit);
            assertEquals(hit.getScore(), hit.getExplanation().getValue().floatValue(), 1e-6f);
            assertTrue(
                    hit.getExplanation().toString(),
                    hit.getExplanation().toString().contains("seqrec item [item_id:" + item + "]"));
            assertEquals(InnerProductScores.toLuceneScore(top.get(item)), hit.getScore(), 1e-5f);
        }
    }

    public void testHistoryItemsComeBackWhenNotExcludedAndBoostMultiplies() throws IOException {
        indexProducts();
        Map<String, Float> all = expected(ITEMS, false);
        SearchResponse response = search(new SeqRecQueryBuilder(
                        new SeqRecQueryOptions("shop", "item_id", HistorySpec.given(HISTORY), ITEMS, false))
                .boost(2f));
        assertEquals(ITEMS, response.getHits().getHits().length); // not the unknown id nor the doc without one
        for (SearchHit hit : response.getHits()) {
            assertEquals(2f * InnerProductScores.toLuceneScore(all.get(itemOf(hit))), hit.getScore(), 1e-5f);
        }
    }

    public void testWorksInsideBoolNextToATextQueryAndWithTheRescorer() throws IOException {
        indexProducts();
        Map<String, Float> top = expected(3, true);
        Map<String, Float> text = new HashMap<>();
        for (SearchHit hit : search(QueryBuilders.matchQuery("title", "gloves")).getHits()) {
            text.put(hit.getId(), hit.getScore());
        }
        QueryBuilder bool = QueryBuilders.boolQuery()
                .must(QueryBuilders.matchQuery("title", "gloves"))
                .should(new SeqRecQueryBuilder(
                        SeqRecQueryOptions.of("shop", "item_id", HISTORY).withK(3)));
        SearchResponse response = search(bool);
        assertEquals(text.size(), response.getHits().getHits().length);
        for (SearchHit hit : response.getHits()) {
            Float model = top.get(itemOf(hit));
            float expected = text.get(hit.getId()) + (model == null ? 0f : InnerProductScores.toLuceneScore(model));
            assertEquals(hit.getId(), expected, hit.getScore(), 1e-5f);
        }

        SearchResponse rescored = client().prepareSearch("products")
                .setQuery(new SeqRecQueryBuilder(
                        SeqRecQueryOptions.of("shop", "item_id", HISTORY).withK(3)))
                .addRescorer(new SeqRecRescorerBuilder(SeqRecRescoreOptions.of("shop", "item_id", HISTORY)), 10)
                .get();
        Set<String> ids = new HashSet<>();
        for (SearchHit hit : rescored.getHits()) {
            ids.add(itemOf(hit));
        }
        assertEquals(top.keySet(), ids);
    }

    public void testRecommendActionReturnsTheNextItems() throws IOException {
        indexProducts();
        RecommendResponse response = client().execute(
                        RecommendAction.INSTANCE, new RecommendRequest("shop", HISTORY, 5, true))
                .actionGet();
        assertEquals("shop", response.modelId());
        SeqRecServices services = new SeqRecServices(getInstanceFromNode(ModelRegistry.class), Runnable::run, 200);
        assertEquals(ItemRetrieval.retrieve(services, "shop", HISTORY, 5, true), response.items());
        assertTrue(response.tookMs() >= 0);

        Exception unknown = expectThrows(
                Exception.class,
                () -> client().execute(RecommendAction.INSTANCE, new RecommendRequest("nope", HISTORY, 5, true))
                        .actionGet());
        assertEquals(RestStatus.NOT_FOUND, ExceptionsHelper.status(unknown));
    }

    public void testRecommendByUserActsLikeTheEquivalentHistory() throws IOException {
        indexProducts();
        indexEvents();
        RecommendResponse byUser = client().execute(
                        RecommendAction.INSTANCE, new RecommendRequest("shop", user("u-1", 4), 5, true))
                .actionGet();
        RecommendResponse given = client().execute(
                        RecommendAction.INSTANCE, new RecommendRequest("shop", HISTORY, 5, true))
                .actionGet();
        assertEquals(given.items(), byUser.items());
        for (RecommendedItem item : byUser.items()) {
            assertFalse("the looked-up history is excluded: " + item, HISTORY.contains(item.itemId()));
        }
        // a user without events: the model's items for an empty history
        assertEquals(
                client().execute(RecommendAction.INSTANCE, new RecommendRequest("shop", List.of(), 5, true))
                        .actionGet()
                        .items(),
                client().execute(RecommendAction.INSTANCE, new RecommendRequest("shop", user("nobody", 50), 5, true))
                        .actionGet()
                        .items());

        Exception missing = expectThrows(
                Exception.class,
                () -> client().execute(
                                RecommendAction.INSTANCE,
                                new RecommendRequest(
                                        "shop", HistorySpec.byUser("u-1", EventsSource.of("no-such-events")), 5, true))
                        .actionGet());
        assertEquals(RestStatus.NOT_FOUND, ExceptionsHelper.status(missing));
        Exception tooMany = expectThrows(
                Exception.class,
                () -> client().execute(
                                RecommendAction.INSTANCE, new RecommendRequest("shop", user("u-1", 201), 5, true))
                        .actionGet());
        assertEquals(RestStatus.BAD_REQUEST, ExceptionsHelper.status(tooMany));
        assertThat(detailed(tooMany), containsString("[events] [size] must be between 1 and 200"));
    }

    private static List<String> idsAndScores(SearchResponse response) {
        List<String> out = new ArrayList<>();
        for (SearchHit hit : response.getHits()) {
            out.add(hit.getId() + "=" + hit.getScore());
        }
        return out;
    }

    public void testALookedUpHistoryIsExcludedOrKeptLikeAGivenOne() throws IOException {
        indexProducts();
        indexEvents();
        SearchResponse byUser = searchFor(user("u-1", 4));
        assertEquals(5, byUser.getHits().getHits().length);
        for (SearchHit hit : byUser.getHits()) {
            assertFalse("the looked-up history is excluded: " + itemOf(hit), HISTORY.contains(itemOf(hit)));
        }

        // not excluded: the history's items may come back, as with the given history
        SearchResponse kept =
                search(new SeqRecQueryBuilder(new SeqRecQueryOptions("shop", "item_id", user("u-1", 4), ITEMS, false)));
        assertEquals(ITEMS, kept.getHits().getHits().length);
        assertEquals(
                idsAndScores(search(new SeqRecQueryBuilder(
                        new SeqRecQueryOptions("shop", "item_id", HistorySpec.given(HISTORY), ITEMS, false)))),
                idsAndScores(kept));
    }
}
