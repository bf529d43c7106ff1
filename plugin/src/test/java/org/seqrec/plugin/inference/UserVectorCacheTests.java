package org.seqrec.plugin.inference;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;
import org.seqrec.plugin.model.ModelRef;

public class UserVectorCacheTests {
    private static final ModelRef V1 = new ModelRef("shop", "upload-1");
    private static final ModelRef V2 = new ModelRef("shop", "upload-2");

    @Test
    public void encodesAHistoryOncePerVersion() {
        UserVectorCache cache = new UserVectorCache(1 << 20);
        AtomicInteger encodes = new AtomicInteger();
        float[] first = cache.get(V1, List.of("a", "b"), () -> new float[] {encodes.incrementAndGet()});
        float[] again =
                cache.get(V1, new ArrayList<>(List.of("a", "b")), () -> new float[] {encodes.incrementAndGet()});
        assertSame(first, again);
        assertEquals(1, encodes.get());
        assertEquals(1, cache.hits());
        assertEquals(1, cache.misses());
        // another version, or another order of the same items, is another vector
        assertArrayEquals(
                new float[] {2}, cache.get(V2, List.of("a", "b"), () -> new float[] {encodes.incrementAndGet()}), 0f);
        assertArrayEquals(
                new float[] {3}, cache.get(V1, List.of("b", "a"), () -> new float[] {encodes.incrementAndGet()}), 0f);
        assertEquals(3, cache.misses());
    }

    @Test
    public void invalidatingAVersionDropsOnlyItsVectors() {
        UserVectorCache cache = new UserVectorCache(1 << 20);
        cache.get(V1, List.of("a"), () -> new float[] {1});
        cache.get(V2, List.of("a"), () -> new float[] {2});
        cache.invalidate(V1);
        assertEquals(1, cache.count());
        assertArrayEquals(new float[] {9}, cache.get(V1, List.of("a"), () -> new float[] {9}), 0f);
        assertArrayEquals(new float[] {2}, cache.get(V2, List.of("a"), () -> new float[] {8}), 0f);
    }

    @Test
    public void staysWithinItsBoundAndCanBeTurnedOff() {
        UserVectorCache cache = new UserVectorCache(10_000);
        for (int i = 0; i < 1000; i++) {
            cache.get(V1, List.of("item-" + i), () -> new float[64]);
        }
        assertTrue(cache.weightBytes() <= 10_000);
        assertTrue(cache.evictions() > 0);
        UserVectorCache off = new UserVectorCache(0);
        AtomicInteger encodes = new AtomicInteger();
        off.get(V1, List.of("a"), () -> new float[] {encodes.incrementAndGet()});
        off.get(V1, List.of("a"), () -> new float[] {encodes.incrementAndGet()});
        assertEquals(2, encodes.get());
        assertEquals(0, off.count());
    }

    @Test
    public void aFailedEncodeIsRethrownAndNotCached() {
        UserVectorCache cache = new UserVectorCache(1 << 20);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> cache.get(V1, List.of("a"), () -> {
                    throw new IllegalArgumentException("bad history");
                }));
        assertEquals("bad history", e.getMessage());
        assertArrayEquals(new float[] {1}, cache.get(V1, List.of("a"), () -> new float[] {1}), 0f);
    }

    @Test
    public void concurrentLookupsOfOneHistoryEncodeOnce() throws Exception {
        UserVectorCache cache = new UserVectorCache(1 << 20);
        AtomicInteger encodes = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<float[]>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return cache.get(V1, List.of("x", "y"), () -> {
                        encodes.incrementAndGet();
                        return new float[] {7};
                    });
                }));
            }
            start.countDown();
            for (Future<float[]> f : results) {
                assertArrayEquals(new float[] {7}, f.get(10, TimeUnit.SECONDS), 0f);
            }
            assertEquals(1, encodes.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
