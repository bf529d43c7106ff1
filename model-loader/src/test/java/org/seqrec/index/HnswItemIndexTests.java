package org.seqrec.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.ItemEmbeddings;

class HnswItemIndexTests {
    private static final int ITEMS = 5_000;
    private static final int DIM = 32;
    private static ItemEmbeddings embeddings;
    private static ExactItemIndex exact;
    private static HnswItemIndex hnsw;

    @BeforeAll
    static void build() {
        embeddings = IndexFixtures.gaussian(ITEMS, DIM, 7L);
        exact = new ExactItemIndex(embeddings);
        hnsw = HnswItemIndex.build(embeddings, HnswParams.defaults());
    }

    @AfterAll
    static void free() {
        hnsw.close();
        exact.close();
    }

    @Test
    void recallAt10WithDefaultsIsAtLeast095() {
        assertTrue(recallAt10(hnsw, 200, 11L) >= 0.95, "recall@10 below 0.95");
    }

    @Test
    void lowEfSearchLowersRecall() {
        // Shows that efSearch reaches the native index: ef 1 must do worse than the defaults.
        HnswItemIndex own = HnswItemIndex.build(embeddings, HnswParams.defaults());
        try (own) {
            double atDefault = recallAt10(own, 100, 13L);
            own.setEfSearch(1);
            double atOne = recallAt10(own, 100, 13L);
            assertEquals(1, own.efSearch());
            assertTrue(atOne < atDefault, "ef 1 gave " + atOne + ", defaults " + atDefault);
        }
    }

    @Test
    void scoresAreExactInnerProductsBestFirstWithoutPadding() {
        float[] q = IndexFixtures.query(new Random(3L), DIM);
        List<ScoredItem> hits = hnsw.search(q, 20, null);
        assertEquals(20, hits.size());
        for (int i = 0; i < hits.size(); i++) {
            ScoredItem h = hits.get(i);
            assertTrue(h.row() >= 1 && h.row() <= ITEMS);
            assertEquals(embeddings.dot(q, h.row()), h.score());
            if (i > 0) {
                assertTrue(hits.get(i - 1).score() >= h.score());
            }
        }
    }

    @Test
    void exclusionSkipsRowsAndStillReturnsK() {
        float[] q = IndexFixtures.query(new Random(5L), DIM);
        Set<Integer> top = new HashSet<>();
        for (ScoredItem h : exact.search(q, 50, null)) {
            top.add(h.row());
        }
        // Exclude the exact top 50 and every even row: HNSW must over-fetch and refill.
        List<ScoredItem> hits = hnsw.search(q, 10, r -> top.contains(r) || r % 2 == 0);
        assertEquals(10, hits.size());
        for (ScoredItem h : hits) {
            assertFalse(top.contains(h.row()));
            assertEquals(1, h.row() % 2);
        }
    }

    @Test
    void returnsWhatRemainsWhenAlmostEverythingIsExcluded() {
        float[] q = IndexFixtures.query(new Random(6L), DIM);
        List<ScoredItem> hits = hnsw.search(q, 10, r -> r > 3);
        assertEquals(
                Set.of(1, 2, 3), Set.copyOf(hits.stream().map(ScoredItem::row).toList()));
    }

    @Test
    void concurrentSearchesMatchSequentialOnes() throws Exception {
        float[] q = IndexFixtures.query(new Random(8L), DIM);
        List<ScoredItem> expected = hnsw.search(q, 10, null);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<ScoredItem>>> futures = new java.util.ArrayList<>();
            for (int i = 0; i < 32; i++) {
                futures.add(pool.submit(() -> hnsw.search(q, 10, null)));
            }
            for (Future<List<ScoredItem>> f : futures) {
                assertEquals(expected, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void rejectsBadInput() {
        float[] q = new float[DIM];
        assertThrows(IllegalArgumentException.class, () -> hnsw.search(q, 0, null));
        assertThrows(IllegalArgumentException.class, () -> hnsw.search(new float[DIM + 1], 5, null));
        q[3] = Float.POSITIVE_INFINITY;
        assertThrows(IllegalArgumentException.class, () -> hnsw.search(q, 5, null));
        assertThrows(IllegalArgumentException.class, () -> hnsw.setEfSearch(0));
        assertThrows(IllegalArgumentException.class, () -> HnswItemIndex.build(embeddings, HnswParams.defaults(), 0));
        ItemEmbeddings onlyPadding = IndexFixtures.of(new float[][] {{0f, 0f}});
        assertThrows(IllegalArgumentException.class, () -> HnswItemIndex.build(onlyPadding, HnswParams.defaults()));
    }

    @Test
    void closeIsIdempotentAndLaterCallsFail() {
        HnswItemIndex own = HnswItemIndex.build(IndexFixtures.gaussian(100, 8, 1L), HnswParams.defaults());
        own.close();
        own.close();
        assertThrows(IllegalStateException.class, () -> own.search(new float[8], 1, null));
        assertThrows(IllegalStateException.class, () -> own.setEfSearch(10));
    }

    @Test
    void parallelBuildReachesTheSameRecall() {
        try (HnswItemIndex parallel = HnswItemIndex.build(embeddings, HnswParams.defaults(), 2)) {
            assertEquals(ITEMS, parallel.size());
            assertTrue(recallAt10(parallel, 100, 17L) >= 0.95);
        }
    }

    private static double recallAt10(ItemIndex index, int queries, long seed) {
        Random rnd = new Random(seed);
        int found = 0;
        for (int i = 0; i < queries; i++) {
            float[] q = IndexFixtures.query(rnd, DIM);
            Set<Integer> truth = new HashSet<>();
            for (ScoredItem h : exact.search(q, 10, null)) {
                truth.add(h.row());
            }
            for (ScoredItem h : index.search(q, 10, null)) {
                if (truth.contains(h.row())) {
                    found++;
                }
            }
        }
        return found / (10.0 * queries);
    }
}
