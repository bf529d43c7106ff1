package org.seqrec.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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
