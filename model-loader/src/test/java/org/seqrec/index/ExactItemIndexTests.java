package org.seqrec.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.ItemEmbeddings;

class ExactItemIndexTests {

    // Row 0 is padding with the largest norm, so returning it would be visible.
    private static final float[][] ROWS = {
        {100f, 100f}, {1f, 0f}, {0f, 1f}, {2f, 2f}, {-1f, 3f},
    };

    @Test
    void ranksByInnerProductAndNeverReturnsPadding() {
        try (ExactItemIndex index = new ExactItemIndex(IndexFixtures.of(ROWS))) {
            // u = (1, 2): scores row1 1, row2 2, row3 6, row4 5.
            List<ScoredItem> hits = index.search(new float[] {1f, 2f}, 3, r -> false);
            assertEquals(List.of(new ScoredItem(3, 6f), new ScoredItem(4, 5f), new ScoredItem(2, 2f)), hits);
            assertEquals(4, index.size());
            assertEquals(2, index.dim());
        }
    }

    @Test
    void aCatalogueOfSeveralScanBlocksRanksExactlyAsTheRowByRowDotProduct() {
        Random rnd = new Random(5);
        float[][] rows = new float[2600][24];
        for (float[] row : rows) {
            for (int j = 0; j < row.length; j++) {
                row[j] = (float) rnd.nextGaussian();
            }
        }
        ItemEmbeddings embeddings = IndexFixtures.of(rows);
        float[] u = IndexFixtures.query(rnd, 24);
        List<ScoredItem> expected = java.util.stream.IntStream.range(1, rows.length)
                .filter(r -> r % 7 != 0)
                .mapToObj(r -> new ScoredItem(r, embeddings.dot(u, r)))
                .sorted(java.util.Comparator.comparingDouble(ScoredItem::score)
                        .reversed()
                        .thenComparingInt(ScoredItem::row))
                .limit(50)
                .toList();
        try (ExactItemIndex index = new ExactItemIndex(embeddings);
                ExactItemIndex rowByRow = new ExactItemIndex(embeddings, false)) {
            assertEquals(0, index.bytes()); // the copy comes with the first search
            assertEquals(expected, index.search(u, 50, r -> r % 7 == 0));
            assertEquals(4L * 2624 * 24, index.bytes()); // 2,600 rows in whole panels of 32
            assertEquals(ExactItemIndex.blockedScanBytes(embeddings), index.bytes());
            assertEquals(expected, rowByRow.search(u, 50, r -> r % 7 == 0));
            assertEquals(0, rowByRow.bytes());
        }
    }

    @Test
    void exclusionSkipsRowsAndRefills() {
        try (ExactItemIndex index = new ExactItemIndex(IndexFixtures.of(ROWS))) {
            List<ScoredItem> hits = index.search(new float[] {1f, 2f}, 2, r -> r == 3);
            assertEquals(List.of(new ScoredItem(4, 5f), new ScoredItem(2, 2f)), hits);
        }
    }

    @Test
    void returnsAllItemsWhenKExceedsCatalogue() {
        try (ExactItemIndex index = new ExactItemIndex(IndexFixtures.of(ROWS))) {
            assertEquals(4, index.search(new float[] {1f, 0f}, 50, null).size());
        }
    }

    @Test
    void tiesBreakOnSmallerRow() {
        float[][] rows = {{0f}, {1f}, {1f}, {1f}};
        try (ExactItemIndex index = new ExactItemIndex(IndexFixtures.of(rows))) {
            assertEquals(
                    List.of(new ScoredItem(1, 1f), new ScoredItem(2, 1f)), index.search(new float[] {1f}, 2, null));
        }
    }

    @Test
    void tiesAcrossBlocksKeepTheSmallerRowsOnceTheCollectorIsFull() {
        float[][] rows = new float[3000][2];
        for (int r = 0; r < rows.length; r++) {
            rows[r] = new float[] {r % 2 == 0 ? 1f : 0.5f, 0f}; // long runs of equal scores
        }
        try (ExactItemIndex index = new ExactItemIndex(IndexFixtures.of(rows))) {
            List<ScoredItem> hits = index.search(new float[] {1f, 0f}, 10, r -> r % 3 == 0);
            List<ScoredItem> expected = java.util.stream.IntStream.range(1, rows.length)
                    .filter(r -> r % 2 == 0 && r % 3 != 0)
                    .limit(10)
                    .mapToObj(r -> new ScoredItem(r, 1f))
                    .toList();
            assertEquals(expected, hits);
        }
    }

    @Test
    void identityEmbeddingsRankByTheQueryItself() {
        // markov: u . E[r] = u[r]; u[0] (padding) is the largest and must never come back
        try (ExactItemIndex index = new ExactItemIndex(ItemEmbeddings.identity(5))) {
            float[] u = {9f, 0.1f, 0.7f, 0.3f, 0.5f};
            assertEquals(4, index.size());
            assertEquals(5, index.dim());
            assertEquals(
                    List.of(new ScoredItem(2, 0.7f), new ScoredItem(4, 0.5f), new ScoredItem(3, 0.3f)),
                    index.search(u, 3, null));
            assertEquals(List.of(new ScoredItem(4, 0.5f), new ScoredItem(3, 0.3f)), index.search(u, 2, r -> r == 2));
            assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1f, 2f}, 1, null));
        }
    }

    @Test
    void hnswRefusesIdentityEmbeddings() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> HnswItemIndex.build(ItemEmbeddings.identity(5), HnswParams.defaults()));
        assertTrue(e.getMessage().contains("ExactItemIndex"), e.getMessage());
    }

    @Test
    void rejectsBadInputAndUseAfterClose() {
        ExactItemIndex index = new ExactItemIndex(IndexFixtures.of(ROWS));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1f, 2f}, 0, null));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1f}, 1, null));
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {Float.NaN, 1f}, 1, null));
        index.close();
        index.close();
        assertThrows(IllegalStateException.class, () -> index.search(new float[] {1f, 2f}, 1, null));
    }
}
