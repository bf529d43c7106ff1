package org.seqrec.plugin.inference;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.After;
import org.junit.Test;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.concurrency.OpenSearchRejectedExecutionException;
import org.seqrec.plugin.inference.EncodeBatcher.BatchingPolicy;
import org.seqrec.plugin.model.ModelRef;

public class EncodeBatcherTests {
    private static final ModelRef A = new ModelRef("shop", "v1");
    private static final ModelRef B = new ModelRef("other", "v1");

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    /** Every batch the encoder saw: the version and its histories. */
    private final List<String> batches = Collections.synchronizedList(new ArrayList<>());

    private final List<Integer> sizes = Collections.synchronizedList(new ArrayList<>());

    @After
    public void stopPool() {
        pool.shutdownNow();
    }

    /** u = [number of items, version hash]: tells which history and which model made it. */
    private float[][] encode(ModelRef ref, List<List<String>> histories) {
        batches.add(ref.modelId() + histories);
        float[][] out = new float[histories.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = new float[] {histories.get(i).size(), ref.modelId().length()};
        }
        return out;
    }

    private EncodeBatcher<List<String>> batcher(
            BatchingPolicy policy, EncodeBatcher.BatchEncoder<List<String>> encoder) {
        return new EncodeBatcher<>(pool, policy, encoder, (size, queueNanos) -> sizes.add(size));
    }

    private static CompletableFuture<float[]> submit(
            EncodeBatcher<List<String>> batcher, ModelRef ref, String... history) {
        CompletableFuture<float[]> f = new CompletableFuture<>();
        batcher.submit(ref, List.of(history), ActionListener.wrap(f::complete, f::completeExceptionally));
        return f;
    }

    @Test
    public void aLoneRequestRunsAtOnceWithoutWaiting() throws Exception {
        EncodeBatcher<List<String>> batcher = batcher(new BatchingPolicy(16, 0, 100, 1), this::encode);
        assertArrayEquals(new float[] {2, 4}, submit(batcher, A, "x", "y").get(10, TimeUnit.SECONDS), 0f);
        assertEquals(List.of(1), sizes);
    }

    @Test
    public void requestsWaitingBehindABatchRunTogetherPerModelVersion() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        EncodeBatcher<List<String>> batcher = batcher(new BatchingPolicy(16, 0, 100, 1), (ref, histories) -> {
            firstStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return encode(ref, histories);
        });
        CompletableFuture<float[]> first = submit(batcher, A, "a");
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        List<CompletableFuture<float[]>> waiting = List.of(
                submit(batcher, A, "b"),
                submit(batcher, B, "c", "d"),
                submit(batcher, A, "e", "f", "g"),
                submit(batcher, A, "b"));
        release.countDown();
        assertArrayEquals(new float[] {1, 4}, first.get(10, TimeUnit.SECONDS), 0f);
        assertArrayEquals(new float[] {1, 4}, waiting.get(0).get(10, TimeUnit.SECONDS), 0f);
        assertArrayEquals(new float[] {2, 5}, waiting.get(1).get(10, TimeUnit.SECONDS), 0f);
        assertArrayEquals(new float[] {3, 4}, waiting.get(2).get(10, TimeUnit.SECONDS), 0f);
        assertArrayEquals(new float[] {1, 4}, waiting.get(3).get(10, TimeUnit.SECONDS), 0f);
        // the repeated history ran once in the second batch; the other model's waited for its own
        assertEquals(List.of("shop[[a]]", "shop[[b], [e, f, g]]", "other[[c, d]]"), batches);
        assertEquals(List.of(1, 2, 1), sizes);
    }

    @Test
    public void waitsUpToMaxWaitForABatchToFill() throws Exception {
        EncodeBatcher<List<String>> batcher =
                batcher(new BatchingPolicy(3, TimeUnit.SECONDS.toNanos(30), 100, 1), this::encode);
        List<CompletableFuture<float[]>> all =
                List.of(submit(batcher, A, "a"), submit(batcher, A, "b", "c"), submit(batcher, A, "d", "e", "f"));
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(new float[] {i + 1, 4}, all.get(i).get(10, TimeUnit.SECONDS), 0f);
        }
        assertEquals(List.of(3), sizes); // a full batch ran at once, long before the 30 s wait
    }

    @Test
    public void aFullQueueRejectsAndAFailedBatchFailsEachOfItsRequests() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        EncodeBatcher<List<String>> batcher = batcher(new BatchingPolicy(16, 0, 2, 1), (ref, histories) -> {
            firstStarted.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            throw new IllegalArgumentException("model failed");
        });
        CompletableFuture<float[]> first = submit(batcher, A, "a");
        assertTrue(firstStarted.await(10, TimeUnit.SECONDS));
        CompletableFuture<float[]> second = submit(batcher, A, "b");
        CompletableFuture<float[]> third = submit(batcher, A, "c");
        CompletableFuture<float[]> rejected = submit(batcher, A, "d");
        assertTrue(rejected.isCompletedExceptionally());
        Throwable cause = rejected.handle((v, e) -> e).get();
        assertTrue(cause instanceof OpenSearchRejectedExecutionException);
        assertTrue(cause.getMessage(), cause.getMessage().contains("plugins.seqrec.batching.max_queue"));
        release.countDown();
        for (CompletableFuture<float[]> f : List.of(first, second, third)) {
            Throwable failure = f.handle((v, e) -> e).get(10, TimeUnit.SECONDS);
            assertEquals("model failed", failure.getMessage());
        }
    }
}
