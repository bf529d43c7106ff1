package org.seqrec.plugin.inference;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.plugin.history.TimedHistory;
import org.seqrec.plugin.model.ConfigDirectoryModelSource;
import org.seqrec.plugin.model.ModelRef;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.stats.SeqRecStats;
import org.seqrec.plugin.testing.TestModels;

/** {@link HistoryEncoder} over a real registry and model: what it returns, caches and counts. */
public class HistoryEncoderTests {
    private static final List<String> HISTORY = List.of("sku-3", "sku-1", "sku-7");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final SeqRecStats stats = new SeqRecStats();
    private Path config;
    private ModelArtifact artifact;
    private ModelRegistry registry;

    @Before
    public void load() throws Exception {
        config = tmp.newFolder("config").toPath();
        artifact = TestModels.sasrec(20, 8, 5, 9L);
        TestModels.install(config, "shop", artifact);
        registry = new ModelRegistry(
                List.of(new ConfigDirectoryModelSource(config)),
                DevicePreference.CPU,
                Long.MAX_VALUE,
                stats,
                Runnable::run);
    }

    @After
    public void close() {
        registry.close();
        pool.shutdownNow();
    }

    private static float[] await(HistoryEncoder encoder, ModelRef ref, List<String> history) throws Exception {
        CompletableFuture<float[]> f = new CompletableFuture<>();
        encoder.encodeAsync(ref, history, ActionListener.wrap(f::complete, f::completeExceptionally));
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    public void encodesLikeTheModelAndServesARepeatedHistoryFromTheCache() throws Exception {
        HistoryEncoder encoder = new HistoryEncoder(registry, pool, 2, Settings.EMPTY, stats);
        ModelRef ref = registry.resolve("shop");
        float[] first = await(encoder, ref, HISTORY);
        try (SequenceEncoder reference = SequenceEncoder.open(artifact, DevicePreference.CPU)) {
            assertArrayEquals(reference.encode(HISTORY), first, 1e-6f);
        }
        assertSame(first, await(encoder, ref, HISTORY));
        assertSame(first, encoder.encode(ref, HISTORY));
        assertEquals(1, stats.counters().encodes());
        assertEquals(1, stats.counters().batching().batches());
        assertEquals(2, encoder.cacheStats().hits());
        assertNotSame(first, await(encoder, ref, List.of("sku-3", "sku-1")));
        assertEquals(2, stats.counters().encodes());
    }

    @Test
    public void aLoadedPlainJavaModelEncodesOnTheCallingThreadAndOnlyTheFirstEncodeIsBatched() throws Exception {
        List<Runnable> tasks = new ArrayList<>();
        HistoryEncoder encoder = new HistoryEncoder(registry, tasks::add, 1, Settings.EMPTY, stats);
        ModelRef ref = registry.resolve("shop");
        CompletableFuture<float[]> first = new CompletableFuture<>();
        encoder.encodeAsync(ref, HISTORY, ActionListener.wrap(first::complete, first::completeExceptionally));
        assertEquals(false, first.isDone()); // not loaded yet: the first encode opens the encoder on the pool
        assertEquals(1, tasks.size());
        tasks.remove(0).run();
        assertEquals(true, first.isDone());

        Thread caller = Thread.currentThread();
        List<Thread> answeredOn = new ArrayList<>();
        List<String> other = List.of("sku-2", "sku-5");
        encoder.encodeAsync(ref, other, ActionListener.wrap(v -> answeredOn.add(Thread.currentThread()), e -> {}));
        assertEquals(List.of(caller), answeredOn);
        assertEquals(0, tasks.size());
        try (SequenceEncoder reference = SequenceEncoder.open(artifact, DevicePreference.CPU)) {
            assertArrayEquals(reference.encode(other), encoder.encode(ref, other), 1e-6f);
        }
        SeqRecStats.Batching batching = stats.counters().batching();
        assertEquals(1, batching.batches());
        assertEquals(1, batching.callingThread());
        assertEquals(2, stats.counters().encodes());
    }

    @Test
    public void aModelNoLongerServedLosesItsCachedVectors() throws Exception {
        HistoryEncoder encoder = new HistoryEncoder(registry, pool, 1, Settings.EMPTY, stats);
        ModelRef ref = registry.resolve("shop");
        await(encoder, ref, HISTORY);
        assertEquals(1, encoder.cacheStats().count());
        Files.delete(config.resolve("seqrec").resolve("models").resolve("shop.seqrec"));
        registry.retainServable();
        assertEquals(0, encoder.cacheStats().count());
    }

    @Test
    public void eachCallerIsAnsweredInItsOwnThreadContext() throws Exception {
        ThreadContext context = new ThreadContext(Settings.EMPTY);
        List<Runnable> tasks = new ArrayList<>();
        // like an OpenSearch pool: a task runs in the context it was submitted from; run below, by hand
        HistoryEncoder encoder = new HistoryEncoder(
                registry, task -> tasks.add(context.preserveContext(task)), 1, Settings.EMPTY, stats, context);
        ModelRef ref = registry.resolve("shop");
        Map<String, String> seen = new ConcurrentHashMap<>();
        for (String user : List.of("alice", "bob")) {
            try (ThreadContext.StoredContext ignored = context.stashContext()) {
                context.putHeader("user", user);
                List<String> history = user.equals("alice") ? HISTORY : List.of("sku-2");
                encoder.encodeAsync(
                        ref, history, ActionListener.wrap(v -> seen.put(user, context.getHeader("user")), e -> {}));
            }
        }
        assertEquals(1, tasks.size()); // one worker, started from alice's context, serves both in one batch
        tasks.get(0).run();
        assertEquals(1, stats.counters().batching().batches());
        assertEquals(Map.of("alice", "alice", "bob", "bob"), seen);
    }

    @Test
    public void withTheCacheOffEveryRequestEncodes() throws Exception {
        Settings off = Settings.builder()
                .put("plugins.seqrec.user_vector_cache.max_size", "0b")
                .build();
        HistoryEncoder encoder = new HistoryEncoder(registry, pool, 1, off, stats);
        ModelRef ref = registry.resolve("shop");
        assertArrayEquals(await(encoder, ref, HISTORY), await(encoder, ref, HISTORY), 0f);
        assertEquals(2, stats.counters().encodes());
        assertEquals(false, encoder.cacheStats().enabled());
    }

    @Test
    public void aTimeReadingModelEncodesTheTimesKeysTheCacheOnTheirCodesAndRefusesAHistoryWithoutThem()
            throws Exception {
        TestModels.install(config, "timed", TestModels.timeAwareSasrec(20, 8, 5, 11L));
        HistoryEncoder encoder = new HistoryEncoder(registry, pool, 2, Settings.EMPTY, stats);
        ModelRef ref = registry.resolve("timed");
        double t0 = 1_764_496_800; // 2025-11-30T10:00:00Z
        double[] times = {t0, t0 + 60, t0 + 120};
        TimedHistory fiveMinutesLater = new TimedHistory(HISTORY, times, t0 + 420);
        TimedHistory aWeekLater = new TimedHistory(HISTORY, times, t0 + 7 * 86_400);
        float[] soon = awaitTimed(encoder, ref, fiveMinutesLater);
        float[] later = awaitTimed(encoder, ref, aWeekLater);
        assertFalse("a week later reads differently", Arrays.equals(soon, later));
        // a few seconds later the codes (log-scale gap buckets, hour) are the same: the cached vector
        long hits = encoder.cacheStats().hits();
        assertSame(soon, awaitTimed(encoder, ref, new TimedHistory(HISTORY, times, t0 + 425)));
        assertEquals(hits + 1, encoder.cacheStats().hits());

        ExecutionException e =
                assertThrows(ExecutionException.class, () -> awaitTimed(encoder, ref, TimedHistory.untimed(HISTORY)));
        assertThat(
                e.getCause().getMessage(), containsString("reads event times (reads_times), but the history has none"));
    }

    @Test
    public void aTimeBlindModelIgnoresTheTimesAndCachesOnItemsAlone() throws Exception {
        HistoryEncoder encoder = new HistoryEncoder(registry, pool, 2, Settings.EMPTY, stats);
        ModelRef ref = registry.resolve("shop");
        float[] untimed = await(encoder, ref, HISTORY);
        double t0 = 1_764_496_800;
        float[] timed =
                awaitTimed(encoder, ref, new TimedHistory(HISTORY, new double[] {t0, t0 + 1, t0 + 2}, t0 + 1e6));
        assertSame(untimed, timed);
    }

    private static float[] awaitTimed(HistoryEncoder encoder, ModelRef ref, TimedHistory history) throws Exception {
        CompletableFuture<float[]> f = new CompletableFuture<>();
        encoder.encodeAsync(ref, history, ActionListener.wrap(f::complete, f::completeExceptionally));
        return f.get(30, TimeUnit.SECONDS);
    }
}
