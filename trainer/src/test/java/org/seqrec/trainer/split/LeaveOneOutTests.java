package org.seqrec.trainer.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;

class LeaveOneOutTests {
    private static InteractionData data() {
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.growing());
        for (String i : new String[] {"1", "2", "3", "4"}) {
            b.add("long", i);
        }
        b.add("short", "5").add("short", "6");
        b.add("three", "7").add("three", "8").add("three", "9");
        return b.build("test");
    }

    @Test
    void holdsOutLastForTestAndSecondToLastForValidation() {
        LeaveOneOut s = LeaveOneOut.of(data());
        assertArrayEquals(new int[] {1, 2}, s.train(0));
        assertArrayEquals(new int[] {5, 6}, s.train(1)); // fewer than 3 items: all in train
        assertArrayEquals(new int[] {7}, s.train(2));
        assertEquals(3, s.trainSequences().size());
        assertEquals(2, s.evaluatedUsers());

        EvalCase v0 = s.validationCases().get(0);
        assertEquals(0, v0.user());
        assertArrayEquals(new int[] {1, 2}, v0.history());
        assertEquals(3, v0.target());
        EvalCase t0 = s.testCases().get(0);
        assertArrayEquals(new int[] {1, 2, 3}, t0.history());
        assertEquals(4, t0.target());
        assertArrayEquals(new int[] {1, 2, 3, 4}, t0.interacted());

        EvalCase v2 = s.validationCases().get(1);
        assertEquals(2, v2.user());
        assertArrayEquals(new int[] {7}, v2.history());
        assertEquals(8, v2.target());
        EvalCase t2 = s.testCases().get(1);
        assertArrayEquals(new int[] {7, 8}, t2.history());
        assertEquals(9, t2.target());
    }
}
