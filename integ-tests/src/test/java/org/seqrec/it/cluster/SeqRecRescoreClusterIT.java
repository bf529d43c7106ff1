package org.seqrec.it.cluster;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertAcked;
import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertNoFailures;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
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
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.MediaTypeRegistry;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.SearchHit;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.seqrec.it.PlantedModel;
import org.seqrec.plugin.SeqRecPlugin;

/**
 * The rescorer on an in-JVM cluster of two data nodes and an index of several shards: a model
 * trained here on planted chains must put the planted next item first, and must leave hits whose
 * items it does not know exactly as the first pass scored them.
 */
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 2, numClientNodes = 0)
public class SeqRecRescoreClusterIT extends OpenSearchIntegTestCase {
    private static final String INDEX = "products";
    private static final String MODEL_ID = "planted";
    private static PlantedModel model;
    private static Path configDir;

    @BeforeClass
    public static void trainModel() throws IOException {
        model = PlantedModel.train(11);
        configDir = createTempDir("seqrec-config");
        model.installInto(configDir, MODEL_ID);
    }

    @Override
    protected Collection<Class<? extends Plugin>> nodePlugins() {
        return List.of(SeqRecPlugin.class);
    }

    @Override
    protected Path nodeConfigPath(int nodeOrdinal) {
        return configDir;
    }

    private void indexCatalogue() throws Exception {
        if (indexExists(INDEX)) {
            return;
        }
        assertAcked(prepareCreate(INDEX)
                .setSettings(Settings.builder().put("index.number_of_shards", 3).put("index.number_of_replicas", 1))
                .setMapping("item_id", "type=keyword", "title", "type=text"));
        List<String> items = new ArrayList<>(model.artifact().vocabulary().ids());
        for (int i = 0; i < 6; i++) {
            items.add("unknown-" + i);
        }
        for (String item : items) {
            client().prepareIndex(INDEX)
                    .setId(item)
                    .setSource("item_id", item, "title", "winter gear " + item)
                    .get();
        }
        refresh(INDEX);
        ensureGreen(INDEX);
    }

    public void testPlantedNextItemRanksFirst() throws Exception {
        indexCatalogue();
        for (Map.Entry<String, String> planted : model.plantedNext().entrySet()) {
            SearchResponse response = search(String.format(Locale.ROOT, """
                    {"size": 5, "query": {"constant_score": {"filter": {"match": {"title": "winter"}}}},
                     "rescore": {"window_size": 200, "seqrec": {"model_id": "planted", "item_field": "item_id",
                       "history": ["n1", "n7", "%s"]}}}""", planted.getKey()));
            assertNoFailures(response);
            assertThat("after " + planted.getKey(), response.getHits().getAt(0).getId(), equalTo(planted.getValue()));
        }
    }

    public void testUnknownItemsKeepTheirFirstPassOrderAndScore() throws Exception {
        indexCatalogue();
        String query = """
                {"size": 10, "query": {"bool": {"should": [
                   {"term": {"item_id": {"value": "unknown-0", "boost": 6}}},
                   {"term": {"item_id": {"value": "unknown-1", "boost": 5}}},
                   {"term": {"item_id": {"value": "unknown-2", "boost": 4}}},
                   {"term": {"item_id": {"value": "unknown-3", "boost": 3}}}]}}%s}""";
        SearchResponse plain = search(String.format(Locale.ROOT, query, ""));
        SearchResponse rescored = search(String.format(Locale.ROOT, query, """
                , "rescore": {"window_size": 50, "seqrec": {"model_id": "planted", "item_field": "item_id",
                   "history": ["p0_0", "p0_1"]}}"""));
        assertThat(rescored.getHits().getHits().length, equalTo(plain.getHits().getHits().length));
        for (int i = 0; i < plain.getHits().getHits().length; i++) {
            SearchHit a = plain.getHits().getAt(i);
            SearchHit b = rescored.getHits().getAt(i);
            assertThat(b.getId(), equalTo(a.getId()));
            assertThat(b.getScore(), equalTo(a.getScore()));
        }
    }

    public void testUnknownModelIs404() throws Exception {
        indexCatalogue();
        Exception e = expectThrows(Exception.class, () -> search("""
                {"query": {"match_all": {}}, "rescore": {"seqrec": {"model_id": "no-such-model",
                  "item_field": "item_id", "history": ["n1"]}}}"""));
        assertThat(ExceptionsHelper.status(e), equalTo(RestStatus.NOT_FOUND));
        assertThat(ExceptionsHelper.unwrapCause(e).getMessage(), containsString("no-such-model"));
    }

    public void testMalformedClauseIsRejectedWhileParsing() {
        Exception e = expectThrows(Exception.class, () -> parse("""
                {"query": {"match_all": {}}, "rescore": {"seqrec": {"model_id": "planted", "history": ["n1"]}}}"""));
        assertThat(ExceptionsHelper.status(e), equalTo(RestStatus.BAD_REQUEST));
        assertThat(ExceptionsHelper.unwrapCause(e).getMessage(), containsString("item_field"));
    }

    /**
     * The {@code seqrec_personalize} processor on every node: the pipeline is in the cluster state,
     * each node builds it, and a search coordinated by either node, whose shards (and the
     * {@code ext.seqrec} section) travel to both, puts the user's planted next item first.
     */
    public void testThePersonalizeProcessorWorksOnEveryNode() throws Exception {
        indexCatalogue();
        Map.Entry<String, String> planted =
                model.plantedNext().entrySet().iterator().next();
        assertAcked(prepareCreate("events")
                .setMapping("user_id", "type=keyword", "item_id", "type=keyword", "ts", "type=long"));
        List<String> history = List.of("n1", "n7", planted.getKey());
        for (int i = 0; i < history.size(); i++) {
            client().prepareIndex("events")
                    .setSource("user_id", "u-1", "item_id", history.get(i), "ts", i)
                    .get();
        }
        refresh("events");
        String pipeline = """
                {"request_processors": [{"seqrec_personalize": {"model_id": "planted", "item_field": "item_id",
                  "events": {"index": "events", "time_field": "ts"}, "rescore": {"window_size": 200}}}]}""";
        assertAcked(client().admin()
                .cluster()
                .putSearchPipeline(
                        new PutSearchPipelineRequest("personalize", new BytesArray(pipeline), MediaTypeRegistry.JSON))
                .get());
        String body = """
                {"size": 5, "query": {"constant_score": {"filter": {"match": {"title": "winter"}}}},
                 "ext": {"seqrec": {"user_id": "u-1"}}}""";
        for (String node : internalCluster().getNodeNames()) {
            SearchResponse response = internalCluster()
                    .client(node)
                    .search(new SearchRequest(INDEX).source(parse(body)).pipeline("personalize"))
                    .get();
            assertNoFailures(response);
            assertThat("coordinated by " + node, response.getHits().getAt(0).getId(), equalTo(planted.getValue()));
        }
    }

    private SearchResponse search(String json) throws IOException {
        return client().prepareSearch(INDEX).setSource(parse(json)).get();
    }

    private SearchSourceBuilder parse(String json) throws IOException {
        // The node's own registry: its seqrec parser is wired to that node's model registry
        NamedXContentRegistry registry = internalCluster().getInstance(NamedXContentRegistry.class);
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(
                registry, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
            return SearchSourceBuilder.fromXContent(parser);
        }
    }
}
