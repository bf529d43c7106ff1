package org.seqrec.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The primitive heap against sorting everything: best score first, ties to the smaller row. */
class TopKTests {
    private static final Comparator<ScoredItem> BEST_FIRST =
            Comparator.comparingDouble(ScoredItem::score).reversed().thenComparingInt(ScoredItem::row);

    @Test
    void keepsTheKBestOfAnyStreamWithTiesToTheSmallerRow() {
        SplittableRandom random = new SplittableRandom(2);
        for (int trial = 0; trial < 200; trial++) {
            int n = random.nextInt(3000);
            int k = 1 + random.nextInt(trial % 2 == 0 ? 20 : 2500); // some k above 1024 and above n
            List<ScoredItem> all = new ArrayList<>();
            TopK top = new TopK(k);
            for (int i = 0; i < n; i++) {
                int row = random.nextInt(1, 5000);
                float score = random.nextInt(40) / 4f; // many ties
                all.add(new ScoredItem(row, score));
                top.offer(row, score);
            }
            all.sort(BEST_FIRST);
            assertEquals(all.subList(0, Math.min(k, n)), top.bestFirst(), "n " + n + ", k " + k);
        }
    }

    @Test
    void refusesANonPositiveK() {
        assertThrows(IllegalArgumentException.class, () -> new TopK(0));
    }
}
