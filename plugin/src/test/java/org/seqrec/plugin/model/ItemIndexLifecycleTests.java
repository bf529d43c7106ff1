package org.seqrec.plugin.model;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Executor;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.index.ExactItemIndex;
import org.seqrec.index.HnswParams;
import org.seqrec.index.ScoredItem;
import org.seqrec.plugin.stats.SeqRecStats;
import org.seqrec.plugin.testing.TestModels;

/**
 * The HNSW graph's life in a loaded model: started by the first search, built on the build pool while
 * the exact scan answers, counted in the model's memory, refused when it does not fit, cancelled
 * by close. The build pool here holds its tasks until the test runs them, so "while it builds" is
 * a state the test controls, not a race.
 */
public class ItemIndexLifecycleTests {
    private static final int ITEMS = 3_000;
    private static final List<String> HISTORY = List.of("sku-3", "sku-17", "sku-8");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /** Runs nothing until {@link #runAll}. */
    private static final class HeldExecutor implements Executor {
        final Queue<Runnable> tasks = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable task) {
            tasks.add(task);
        }

        void runAll() {
            while (true) {
                Runnable next;
                synchronized (this) {
                    next = tasks.poll();
                }
                if (next == null) {
                    return;
                }
                next.run();
            }
        }
    }

    private final HeldExecutor builds = new HeldExecutor();
    private ConfigDirectoryModelSource source;
    private ModelRegistry registry;

    @Before
    public void install() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        TestModels.install(config, "big", TestModels.sasrec(ITEMS, 8, 5, 5L));
        source = new ConfigDirectoryModelSource(config);
        registry = registry(Long.MAX_VALUE);
    }

    @After
    public void close() {
        registry.close();
    }

    /** Every catalogue over 1,000 items gets a graph, built with 2 threads of {@link #builds}. */
    private ModelRegistry registry(long maxBytes) {
        ItemIndexConfig config = new ItemIndexConfig(1_000, new HnswParams(16, 100, 100), builds, 2);
        return new ModelRegistry(
                List.of(source),
                DevicePreference.CPU,
                CpuInference.JAVA,
                config,
                maxBytes,
                new SeqRecStats(),
                Runnable::run);
    }

    @Test
    public void exactAnswersWhileTheGraphBuildsThenTheGraphDoes() {
        LoadedModel model = registry.get("big");
        assertTrue(model.usesHnsw());
        long before = model.memoryBytes();
        assertEquals(LoadedModel.IndexState.EXACT, model.indexState());
        float[] u = model.encode(HISTORY);
        ExactItemIndex exact = new ExactItemIndex(model.itemEmbeddings());

        // the first search starts the build and is answered by the exact scan
        assertEquals(exact.search(u, 10, null), model.search(u, 10, null, 0));
        assertEquals(LoadedModel.IndexState.BUILDING, model.indexState());
        assertEquals(1, builds.tasks.size());
        assertTrue(model.indexNativeBytes() > 0);
        assertEquals(before + model.indexNativeBytes(), model.memoryBytes());
        // encodes and searches go on while it builds; a second search starts no second build
        assertEquals(3, model.encodeBatch(List.of(HISTORY, HISTORY, List.of("sku-1"))).length);
        assertEquals(exact.search(u, 5, null), model.search(u, 5, null, 0));
        assertEquals(1, builds.tasks.size());

        builds.runAll();
        assertEquals(LoadedModel.IndexState.HNSW, model.indexState());
        assertTrue(model.itemIndex() instanceof org.seqrec.index.HnswItemIndex);
        // the graph answers with exact scores, without the excluded rows, and finds the true top 10
        BitSet excluded = new BitSet();
        excluded.set(exact.search(u, 1, null).get(0).row());
        List<ScoredItem> hits = model.search(u, 10, excluded, 400);
        assertEquals(10, hits.size());
        Set<Integer> truth = new HashSet<>();
        exact.search(u, 10, excluded::get).forEach(h -> truth.add(h.row()));
        for (ScoredItem h : hits) {
            assertFalse(excluded.get(h.row()));
            assertEquals(model.itemEmbeddings().dot(u, h.row()), h.score(), 0f);
            assertTrue("row " + h.row() + " is not in the exact top 10", truth.contains(h.row()));
        }
    }

    @Test
    public void closingBeforeTheBuildRunsCancelsIt() {
        LoadedModel model = registry.get("big");
        model.search(model.encode(HISTORY), 10, null, 0);
        assertEquals(LoadedModel.IndexState.BUILDING, model.indexState());
        registry.close();
        assertTrue(model.isClosed());
        builds.runAll(); // sees the model closed, stops at once and frees what it built
        assertFalse(model.indexState() == LoadedModel.IndexState.HNSW);
    }

    @Test
    public void aGraphThatDoesNotFitTheBoundIsNotBuilt() {
        long withGraph = registry.get("big").memoryBytesWithGraph();
        registry.close();
        registry = registry(withGraph - 1);
        LoadedModel model = registry.get("big");
        float[] u = model.encode(HISTORY);
        assertEquals(new ExactItemIndex(model.itemEmbeddings()).search(u, 10, null), model.search(u, 10, null, 0));
        assertEquals(LoadedModel.IndexState.EXACT, model.indexState());
        assertEquals(0, model.indexNativeBytes());
        assertTrue(builds.tasks.isEmpty());
        // and a later search does not try again
        model.search(u, 10, null, 0);
        assertTrue(builds.tasks.isEmpty());
    }

    @Test
    public void startingABuildEvictsOtherModelsToMakeRoom() throws Exception {
        TestModels.install(tmp.getRoot().toPath().resolve("config"), "small", TestModels.sasrec(50, 8, 5, 6L));
        LoadedModel big = registry.get("big");
        LoadedModel small = registry.get("small");
        long bound = big.memoryBytesWithGraph() + small.memoryBytes() - 1;
        registry.close();
        registry = registry(bound);
        small = registry.get("small");
        big = registry.get("big");
        assertTrue(registry.isLoaded(small.ref()));
        big.search(big.encode(HISTORY), 10, null, 0); // the graph now counts: small no longer fits
        assertEquals(LoadedModel.IndexState.BUILDING, big.indexState());
        assertFalse(registry.isLoaded(small.ref()));
        assertTrue(registry.isLoaded(big.ref()));
    }
}
