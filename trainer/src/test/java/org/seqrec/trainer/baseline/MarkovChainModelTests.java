package org.seqrec.trainer.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.TransitionCounts;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.split.LeaveOneOut;

class MarkovChainModelTests {
    @Test
    void countsTransitionsOfTheTrainingPartOnly() {
        InteractionData data = BaselineFixtures.handMade();
        MarkovChainModel m = MarkovChainModel.fit(LeaveOneOut.of(data).trainSequences(), data.numItems());
        assertEquals(2, m.count(1, 2)); // a -> b
        assertEquals(2, m.count(2, 1)); // b -> a
        assertEquals(1, m.count(1, 3)); // a -> c (u3)
        // b -> c (into u1's validation item), c -> d (validation -> test), a -> x (u2): never counted
        assertEquals(0, m.count(2, 3));
        assertEquals(0, m.count(3, 4));
        assertEquals(0, m.count(1, 5));
        assertEquals(3, m.outCount(1));
        assertEquals(0, m.outCount(3));
        assertEquals(5, m.pairs());
        assertEquals(4, m.popularity(1));
        assertEquals(0, m.popularity(5));

        TransitionCounts t = m.transitions();
        assertArrayEquals(new int[] {0, 0, 2, 3, 3, 3, 3, 3}, t.indptr());
        assertArrayEquals(new int[] {2, 3, 1}, t.items());
        assertArrayEquals(new float[] {2, 1, 2}, t.counts());
        assertArrayEquals(new float[] {0, 4, 3, 1, 0, 0, 0}, t.popularity());
    }

    @Test
    void lossIsTheConditionalEntropyOfTheTransitions() {
        // 1 -> 2 twice, 1 -> 3 twice, 2 -> 1 once: 4 transitions at log 2, one at 0
        MarkovChainModel m =
                MarkovChainModel.fit(List.of(new int[] {1, 2, 1, 3}, new int[] {1, 2}, new int[] {1, 3}), 3);
        assertEquals(4 * Math.log(2) / 5, m.trainingLoss(), 1e-12);
        assertEquals(0.0, MarkovChainModel.fit(List.of(new int[] {1}), 3).trainingLoss());
    }

    @Test
    void refusesCataloguesBeyondExactFloat32Rows() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> MarkovChainModel.fit(List.of(), TransitionCounts.MAX_EXACT));
        assertTrue(e.getMessage().contains("--model markov supports fewer than 16777216 items"), e.getMessage());
    }
}
