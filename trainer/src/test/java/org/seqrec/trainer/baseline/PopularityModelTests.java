package org.seqrec.trainer.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.split.LeaveOneOut;

class PopularityModelTests {
    @Test
    void countsOnlyTheTrainingPartOfTheSplit() {
        InteractionData data = BaselineFixtures.handMade();
        assertEquals(List.of("a", "b", "c", "d", "x", "y"), data.vocabulary().ids());
        PopularityModel pop = PopularityModel.fit(LeaveOneOut.of(data).trainSequences(), data.numItems());
        long[] counts = new long[7];
        for (int r = 0; r <= 6; r++) {
            counts[r] = pop.count(r);
        }
        // d, x, y are validation or test items only; c is counted once (u3's training, not u1's validation)
        assertArrayEquals(new long[] {0, 4, 3, 1, 0, 0, 0}, counts);
        assertEquals(8, pop.total());
    }

    @Test
    void embeddingsAreLogOnePlusCountWithAPaddingRow() {
        PopularityModel pop = PopularityModel.fit(List.of(new int[] {1, 2, 1}, new int[] {1}), 3);
        assertArrayEquals(new long[] {4, 1}, pop.itemEmbeddings().shape());
        assertArrayEquals(
                new float[] {0f, (float) Math.log(4), (float) Math.log(2), 0f},
                pop.itemEmbeddings().data(),
                1e-6f);
        assertArrayEquals(new float[] {0f, 3f, 1f, 0f}, pop.countsAsFloats());
    }

    @Test
    void lossIsTheEntropyOfTheCounts() {
        PopularityModel pop = PopularityModel.fit(List.of(new int[] {1, 2, 1, 2}), 2);
        assertEquals(Math.log(2), pop.trainingLoss(), 1e-12);
        assertEquals(0.0, PopularityModel.fit(List.of(), 2).trainingLoss());
    }

    @Test
    void rejectsRowsOutsideTheCatalogue() {
        assertThrows(IllegalArgumentException.class, () -> PopularityModel.fit(List.of(new int[] {1, 4}), 3));
        assertThrows(IllegalArgumentException.class, () -> PopularityModel.fit(List.of(new int[] {0}), 3));
    }
}
