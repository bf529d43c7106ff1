package org.seqrec.trainer.train.batch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingBatchTests {
    @Test
    void nextItemPairsEveryInputWithTheItemAfterItKeepingTheLatestL() {
        TrainingBatch b = TrainingBatch.nextItem(List.of(new int[] {1, 2, 3}, new int[] {4, 5, 6, 7, 8}), 3);
        assertArrayEquals(new long[] {0, 1, 2, 5, 6, 7}, b.inputs());
        assertArrayEquals(new long[] {1, 2, 3, 4, 5}, b.positions());
        assertArrayEquals(new long[] {2, 3, 6, 7, 8}, b.targets());
        assertEquals(1, b.sequenceOf(4));
    }

    @Test
    void clozeMasksAtLeastOneItemPerSequenceAndPredictsTheHiddenItems() {
        int maskRow = 100;
        ClozeMasking cloze = new ClozeMasking(4, maskRow, 0.3);
        List<int[]> sequences = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            sequences.add(new int[] {1 + i % 50, 2 + i % 50, 3 + i % 50, 4 + i % 50, 5 + i % 50});
        }
        TrainingBatch b = cloze.make(sequences, new SplittableRandom(3));
        int[] maskedPerSequence = new int[sequences.size()];
        for (int i = 0; i < b.size(); i++) {
            int pos = (int) b.positions()[i];
            assertEquals(maskRow, b.inputs()[pos], "a target position holds the mask row");
            int[] s = sequences.get(b.sequenceOf(pos));
            assertEquals(s[s.length - 4 + pos % 4], b.targets()[i], "the target is the hidden item");
            maskedPerSequence[b.sequenceOf(pos)]++;
        }
        int masked = 0;
        for (int count : maskedPerSequence) {
            assertTrue(count >= 1);
            masked += count;
        }
        // 1200 positions at 0.3, plus the forced ones for sequences the draw left unmasked (0.7^4 = 24 %)
        assertTrue(masked > 360 && masked < 500, "masked " + masked);
        for (int pos = 0; pos < b.inputs().length; pos++) {
            boolean target = java.util.Arrays.binarySearch(b.positions(), pos) >= 0;
            if (!target) {
                int[] s = sequences.get(pos / 4);
                assertEquals(s[s.length - 4 + pos % 4], b.inputs()[pos], "unmasked positions keep their item");
            }
        }
    }

    @Test
    void clozeLeftPadsShortSequences() {
        TrainingBatch b = new ClozeMasking(5, 9, 0.5).make(List.of(new int[] {3, 4}), new SplittableRandom(1));
        assertEquals(0, b.inputs()[0]);
        assertEquals(0, b.inputs()[2]);
        assertTrue(b.positions()[0] >= 3);
    }
}
