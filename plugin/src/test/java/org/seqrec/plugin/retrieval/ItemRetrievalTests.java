package org.seqrec.plugin.retrieval;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.support.PlainActionFuture;
import org.opensearch.core.action.ActionListener;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.index.ExactItemIndex;
import org.seqrec.index.ScoredItem;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.model.ConfigDirectoryModelSource;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.model.ModelClosedException;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.stats.SeqRecStats;
import org.seqrec.plugin.testing.TestModels;

/**
 * Retrieval through a real model's item index, checked against brute force over the same embeddings,
 * and the stats it counts.
 */
public class ItemRetrievalTests {
    private static final List<String> HISTORY = List.of("sku-3", "sku-17", "not-a-sku", "sku-8");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private ModelRegistry registry;
    private ExecutorService pool;
    private SeqRecServices services;

    @Before
    public void loadModel() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        TestModels.install(config, "shop", TestModels.sasrec(40, 8, 5, 3L));
        registry = new ModelRegistry(new ConfigDirectoryModelSource(config), DevicePreference.CPU);
        pool = Executors.newSingleThreadExecutor();
        services = new SeqRecServices(registry, pool, 50);
    }

    @After
    public void close() throws InterruptedException {
        pool.shutdown();
        assertTrue(pool.awaitTermination(10, TimeUnit.SECONDS));
        registry.close();
    }

    private static List<RecommendedItem> exact(LoadedModel model, float[] user, int k, List<String> excluded) {
        ExactItemIndex exact = new ExactItemIndex(model.itemEmbeddings());
        List<RecommendedItem> items = new ArrayList<>();
        for (ScoredItem hit : exact.search(
                user, k, row -> excluded.contains(model.vocabulary().idOf(row)))) {
            items.add(new RecommendedItem(model.vocabulary().idOf(hit.row()), hit.score()));
        }
        return items;
    }

    @Test
    public void findsTheTopItemsByInnerProductWithoutTheHistory() {
        LoadedModel model = registry.get("shop");
        float[] user = model.encode(HISTORY);
        List<RecommendedItem> found = ItemRetrieval.topItems(model, user, HISTORY, 10, true);
        // 40 items: the model searches them exactly, so this must match brute force item for item
        assertEquals(exact(model, user, 10, HISTORY), found);
        for (RecommendedItem item : found) {
            assertFalse(item.itemId(), HISTORY.contains(item.itemId()));
        }
    }

    @Test
    public void keepsTheHistoryWhenAsked() {
        LoadedModel model = registry.get("shop");
        float[] user = model.encode(HISTORY);
        assertEquals(exact(model, user, 40, List.of()), ItemRetrieval.topItems(model, user, HISTORY, 40, false));
    }

    @Test
    public void returnsEveryOtherItemWhenKExceedsTheCatalogue() {
        LoadedModel model = registry.get("shop");
        float[] user = model.encode(HISTORY);
        List<RecommendedItem> found = ItemRetrieval.topItems(model, user, HISTORY, 1000, true);
        assertEquals(40 - 3, found.size());
        for (int i = 1; i < found.size(); i++) {
            assertTrue(found.get(i - 1).score() >= found.get(i).score());
        }
    }

    @Test
    public void asyncRetrievalEncodesOnThePoolAndMatchesTheSyncPath() throws Exception {
        PlainActionFuture<List<RecommendedItem>> future = new PlainActionFuture<>();
        ItemRetrieval.retrieveAsync(services, "shop", HISTORY, 5, true, future);
        List<RecommendedItem> found = future.actionGet(30, TimeUnit.SECONDS);
        assertEquals(ItemRetrieval.retrieve(services, "shop", HISTORY, 5, true), found);
        assertEquals(5, found.size());
    }

    @Test
    public void aLoadedSmallModelIsSearchedOnTheThreadThatEncodedIt() throws Exception {
        List<RecommendedItem> expected = ItemRetrieval.retrieve(services, "shop", HISTORY, 5, true); // loads it
        LoadedModel model = registry.get("shop");
        assertTrue("40 x 8 values, searched exactly", model.searchesCheaply());
        AtomicReference<Thread> answeredOn = new AtomicReference<>();
        PlainActionFuture<List<RecommendedItem>> future = new PlainActionFuture<>();
        ItemRetrieval.retrieveAsync(
                services,
                "shop",
                HISTORY,
                5,
                true,
                ActionListener.runBefore(future, () -> answeredOn.set(Thread.currentThread())));
        assertEquals(expected, future.actionGet(30, TimeUnit.SECONDS));
        assertSame("encoded and searched here, no hop to the pool", Thread.currentThread(), answeredOn.get());
        model.close();
        assertFalse("a closed model is never searched here", model.searchesCheaply());
    }

    @Test
    public void unknownModelsFailThroughTheListener() {
        PlainActionFuture<List<RecommendedItem>> future = new PlainActionFuture<>();
        ItemRetrieval.retrieveAsync(services, "missing", HISTORY, 5, true, future);
        assertThrows(ResourceNotFoundException.class, () -> future.actionGet(30, TimeUnit.SECONDS));
    }

    /** docs/rest-api.md: model-cache hits and misses count requests, not lookups (retrieval uses the model twice). */
    @Test
    public void countsOneModelCacheLookupPerRequest() throws Exception {
        Path config = tmp.newFolder("counted").toPath();
        TestModels.install(config, "shop", TestModels.sasrec(40, 8, 5, 3L));
        SeqRecStats stats = new SeqRecStats();
        try (ModelRegistry counted = new ModelRegistry(
                List.of(new ConfigDirectoryModelSource(config)),
                DevicePreference.CPU,
                Long.MAX_VALUE,
                stats,
                Runnable::run)) {
            SeqRecServices node = new SeqRecServices(counted, Runnable::run, 50, stats);
            ItemRetrieval.retrieve(node, "shop", HISTORY, 5, true);
            SeqRecStats.Counters first = stats.counters();
            assertEquals(1, first.encodes());
            assertEquals(1, first.cacheMisses());
            assertEquals(0, first.cacheHits());

            ItemRetrieval.retrieve(node, "shop", List.of("sku-9", "sku-2"), 5, true);
            SeqRecStats.Counters second = stats.counters();
            assertEquals(2, second.encodes());
            assertEquals(1, second.cacheMisses());
            assertEquals(1, second.cacheHits());

            // the same history again: its user vector is cached, so the model is neither run nor looked up
            ItemRetrieval.retrieve(node, "shop", HISTORY, 5, true);
            SeqRecStats.Counters third = stats.counters();
            assertEquals(2, third.encodes());
            assertEquals(1, third.cacheHits());
            assertEquals(1, node.encoder().cacheStats().hits());
        }
    }

    @Test
    public void aSmallCatalogueIsSearchedExactlyAndClosedWithTheModel() {
        LoadedModel model = registry.get("shop");
        float[] u = model.encode(HISTORY);
        assertFalse(model.usesHnsw());
        assertEquals(model.search(u, 3, null), model.search(u, 3, null, 0));
        assertEquals(LoadedModel.IndexState.EXACT, model.indexState());
        assertEquals(0, model.indexNativeBytes());
        registry.close();
        assertThrows(ModelClosedException.class, () -> model.search(u, 3, null));
    }
}
