package org.seqrec.it.store;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;
import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertAcked;
import static org.opensearch.test.hamcrest.OpenSearchAssertions.assertNoFailures;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.BeforeClass;
import org.opensearch.ExceptionsHelper;
import org.opensearch.action.search.SearchResponse;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.plugins.Plugin;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.test.OpenSearchIntegTestCase;
import org.seqrec.it.PlantedModel;
import org.seqrec.plugin.SeqRecPlugin;
import org.seqrec.plugin.stats.LoadedModelStats;
import org.seqrec.plugin.transport.DeleteModelAction;
import org.seqrec.plugin.transport.GetModelsAction;
import org.seqrec.plugin.transport.ModelIdRequest;
import org.seqrec.plugin.transport.NodeStats;
import org.seqrec.plugin.transport.PutModelAction;
import org.seqrec.plugin.transport.PutModelRequest;
import org.seqrec.plugin.transport.PutModelResponse;
import org.seqrec.plugin.transport.StatsAction;
import org.seqrec.plugin.transport.StatsRequest;

/**
 * The model store on an in-JVM cluster of three data nodes: models uploaded through one node are
 * served by every node, including nodes started or restarted after the upload; a delete makes
 * every node answer 404; a new version replaces the old one under a running search load without a
 * failed search; bad uploads are refused and change nothing.
 */
@OpenSearchIntegTestCase.ClusterScope(scope = OpenSearchIntegTestCase.Scope.SUITE, numDataNodes = 3, numClientNodes = 0)
public class ModelStoreClusterIT extends OpenSearchIntegTestCase {
    private static final String INDEX = "products";
    /** Small, so that an oversized upload is cheap to make. */
    private static final long MAX_ARTIFACT_BYTES = 1 << 20;

    private static PlantedModel modelA;
    private static PlantedModel modelB;
    private static byte[] bytesA;
    private static byte[] bytesB;

    @BeforeClass
    public static void trainModels() throws IOException {
        modelA = PlantedModel.train(11);
        modelB = PlantedModel.train(12);
        bytesA = bytesOf(modelA);
        bytesB = bytesOf(modelB);
    }

    private static byte[] bytesOf(PlantedModel model) throws IOException {
        Path file = createTempDir("artifact").resolve("model.seqrec");
        model.artifact().write(file);
        return Files.readAllBytes(file);
    }

    @Override
    protected Collection<Class<? extends Plugin>> nodePlugins() {
        return List.of(SeqRecPlugin.class);
    }

    @Override
    protected Settings nodeSettings(int nodeOrdinal) {
        return Settings.builder()
                .put(super.nodeSettings(nodeOrdinal))
                .put("plugins.seqrec.max_artifact_size", MAX_ARTIFACT_BYTES + "b")
                .build();
    }

    public void testUploadThroughOneNodeRescoreThroughAnother() throws Exception {
        indexCatalogue();
        String[] nodes = internalCluster().getNodeNames();
        PutModelResponse put = put(nodes[0], "shop-a", bytesA);
        assertThat(put.generation(), equalTo(1L));
        assertPlantedFirst(nodes[1], "shop-a");
        assertPlantedFirst(nodes[2], "shop-a");

        Map<String, Object> described = get(nodes[2], "shop-a");
        assertThat(described.get("generation"), equalTo(1L));
        assertThat(((Map<?, ?>) described.get("manifest")).get("model_type"), equalTo("sasrec"));
        assertThat(((List<?>) described.get("loaded_on")).size(), greaterThan(0));
        long encodes = 0;
        for (NodeStats node : stats().getNodes()) {
            encodes += node.counters().encodes();
        }
        assertThat("nodes 1 and 2 coordinated searches, so they encoded", encodes, greaterThan(0L));
    }

    public void testNodesStartedOrRestartedAfterTheUploadServeTheModel() throws Exception {
        indexCatalogue();
        put(internalCluster().getNodeNames()[0], "shop-join", bytesA);
        String joined = internalCluster().startDataOnlyNode();
        ensureGreen(INDEX);
        assertPlantedFirst(joined, "shop-join");

        String restarted = internalCluster().getNodeNames()[1];
        internalCluster().restartNode(restarted);
        ensureGreen(INDEX);
        assertPlantedFirst(restarted, "shop-join");
        internalCluster().stopRandomNode(s -> s.get("node.name").equals(joined));
        ensureGreen(INDEX);
    }

    public void testDeleteMakesEveryNodeAnswer404() throws Exception {
        indexCatalogue();
        String[] nodes = internalCluster().getNodeNames();
        put(nodes[0], "shop-gone", bytesA);
        for (String node : nodes) {
            assertPlantedFirst(node, "shop-gone");
        }
        client(nodes[1])
                .execute(DeleteModelAction.INSTANCE, new ModelIdRequest("shop-gone"))
                .actionGet();
        for (String node : nodes) {
            assertStatus(RestStatus.NOT_FOUND, () -> rescore(node, "shop-gone", "p0_0"));
            assertStatus(RestStatus.NOT_FOUND, () -> get(node, "shop-gone"));
            for (NodeStats stats : stats().getNodes()) {
                for (LoadedModelStats loaded : stats.models()) {
                    assertThat(loaded.modelId(), not(equalTo("shop-gone")));
                }
            }
        }
        assertStatus(
                RestStatus.NOT_FOUND,
                () -> client(nodes[2])
                        .execute(DeleteModelAction.INSTANCE, new ModelIdRequest("shop-gone"))
                        .actionGet());
    }

    public void testANewVersionReplacesTheOldOneWhileSearchesRun() throws Exception {
        indexCatalogue();
        String[] nodes = internalCluster().getNodeNames();
        put(nodes[0], "shop-swap", bytesA);
        String firstUpload = (String) get(nodes[0], "shop-swap").get("upload_id");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger searches = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        List<Thread> searchers = new ArrayList<>();
        for (String node : nodes) {
            Thread t = new Thread(
                    () -> {
                        while (running.get()) {
                            try {
                                SearchResponse r = rescore(node, "shop-swap", "p0_0");
                                if (r.getFailedShards() > 0 || r.getHits().getHits().length == 0) {
                                    failures.add(new AssertionError(
                                            "shard failures: " + Arrays.toString(r.getShardFailures())));
                                }
                                searches.incrementAndGet();
                            } catch (Exception e) {
                                failures.add(e);
                            }
                        }
                    },
                    "searcher-" + node);
            t.start();
            searchers.add(t);
        }
        try {
            assertBusy(() -> assertThat(searches.get(), greaterThan(10)), 30, TimeUnit.SECONDS);
            PutModelResponse second = put(nodes[1], "shop-swap", bytesB);
            assertThat(second.generation(), equalTo(2L));
            int afterSwap = searches.get();
            assertBusy(() -> assertThat(searches.get(), greaterThan(afterSwap + 20)), 30, TimeUnit.SECONDS);
        } finally {
            running.set(false);
            for (Thread t : searchers) {
                t.join(30_000);
            }
        }
        assertThat("failed searches: " + failures, failures.size(), equalTo(0));
        Map<String, Object> now = get(nodes[2], "shop-swap");
        assertThat(now.get("generation"), equalTo(2L));
        assertThat(now.get("previous_upload_id"), equalTo(firstUpload));
        assertPlantedFirst(nodes[2], "shop-swap");
        // a third version pushes the first out: no node keeps it loaded
        put(nodes[2], "shop-swap", bytesA);
        assertBusy(() -> {
            for (NodeStats stats : stats().getNodes()) {
                for (LoadedModelStats loaded : stats.models()) {
                    assertThat(loaded.version(), not(equalTo(firstUpload)));
                }
            }
        });
    }

    public void testBadUploadsAreRefusedAndLeaveTheStoreUnchanged() throws Exception {
        String node = internalCluster().getNodeNames()[0];
        put(node, "shop-keep", bytesA);
        Map<String, Object> before = get(node, "shop-keep");

        byte[] corrupt = bytesB.clone();
        corrupt[corrupt.length / 2] ^= 0x5A;
        byte[] truncated = Arrays.copyOf(bytesB, bytesB.length / 2);
        byte[] oversized = new byte[(int) MAX_ARTIFACT_BYTES + 1];
        assertStatus(RestStatus.BAD_REQUEST, () -> put(node, "shop-keep", corrupt));
        assertStatus(RestStatus.BAD_REQUEST, () -> put(node, "shop-keep", truncated));
        assertStatus(RestStatus.REQUEST_ENTITY_TOO_LARGE, () -> put(node, "shop-keep", oversized));
        assertStatus(RestStatus.BAD_REQUEST, () -> put(node, "shop-new", corrupt));
        assertStatus(RestStatus.BAD_REQUEST, () -> put(node, "Bad/Id", bytesA));

        Map<String, Object> after = get(node, "shop-keep");
        assertThat(after.get("generation"), equalTo(before.get("generation")));
        assertThat(after.get("sha256"), equalTo(before.get("sha256")));
        assertStatus(RestStatus.NOT_FOUND, () -> get(node, "shop-new"));
    }

    private PutModelResponse put(String node, String modelId, byte[] bytes) {
        return client(node)
                .execute(PutModelAction.INSTANCE, new PutModelRequest(modelId, new BytesArray(bytes)))
                .actionGet();
    }

    private Map<String, Object> get(String node, String modelId) {
        return client(node)
                .execute(GetModelsAction.INSTANCE, new ModelIdRequest(modelId))
                .actionGet()
                .models()
                .get(0);
    }

    private org.seqrec.plugin.transport.StatsResponse stats() {
        return client().execute(StatsAction.INSTANCE, new StatsRequest()).actionGet();
    }

    private void assertPlantedFirst(String node, String modelId) throws IOException {
        for (Map.Entry<String, String> planted : modelA.plantedNext().entrySet()) {
            SearchResponse response = rescore(node, modelId, planted.getKey());
            assertNoFailures(response);
            assertThat(
                    "after " + planted.getKey() + " on " + node,
                    response.getHits().getAt(0).getId(),
                    equalTo(planted.getValue()));
        }
    }

    private SearchResponse rescore(String node, String modelId, String last) throws IOException {
        return client(node)
                .prepareSearch(INDEX)
                .setSource(parse(node, String.format(Locale.ROOT, """
                {"size": 5, "query": {"constant_score": {"filter": {"match": {"title": "winter"}}}},
                 "rescore": {"window_size": 200, "seqrec": {"model_id": "%s", "item_field": "item_id",
                   "history": ["n1", "n7", "%s"]}}}""", modelId, last)))
                .get();
    }

    private static void assertStatus(RestStatus expected, ThrowingRunnable call) {
        Exception e = expectThrows(Exception.class, call);
        assertThat(ExceptionsHelper.unwrapCause(e).toString(), ExceptionsHelper.status(e), equalTo(expected));
    }

    private void indexCatalogue() {
        if (indexExists(INDEX)) {
            return;
        }
        assertAcked(prepareCreate(INDEX)
                .setSettings(Settings.builder().put("index.number_of_shards", 3).put("index.number_of_replicas", 1))
                .setMapping("item_id", "type=keyword", "title", "type=text"));
        for (String item : modelA.artifact().vocabulary().ids()) {
            client().prepareIndex(INDEX)
                    .setId(item)
                    .setSource("item_id", item, "title", "winter gear " + item)
                    .get();
        }
        refresh(INDEX);
        ensureGreen(INDEX);
    }

    private SearchSourceBuilder parse(String node, String json) throws IOException {
        NamedXContentRegistry registry = internalCluster().getInstance(NamedXContentRegistry.class, node);
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(
                registry, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
            return SearchSourceBuilder.fromXContent(parser);
        }
    }
}
