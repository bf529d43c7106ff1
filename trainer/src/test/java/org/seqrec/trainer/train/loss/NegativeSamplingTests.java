package org.seqrec.trainer.train.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.seqrec.trainer.train.batch.BatchMaker;
import org.seqrec.trainer.train.batch.TrainingBatch;

class NegativeSamplingTests {
    @Test
    void excludingTargetsNeverDrawsTheTargetAndCoversEveryOtherItemEvenly() {
        long[] targets = {1, 3, 5};
        int k = 4000;
        long[] out = NegativeSampling.excludingTargets(targets, k, 5, new SplittableRandom(1));
        assertEquals(targets.length * k, out.length);
        for (int i = 0; i < targets.length; i++) {
            int[] counts = new int[6];
            for (int j = 0; j < k; j++) {
                long v = out[i * k + j];
                assertNotEquals(targets[i], v);
                assertTrue(v >= 1 && v <= 5, "row " + v);
                counts[(int) v]++;
            }
            for (int item = 1; item <= 5; item++) {
                if (item != targets[i]) {
                    // 4 candidates, 1000 expected each
                    assertTrue(
                            Math.abs(counts[item] - 1000) < 150, "item " + item + " drawn " + counts[item] + " times");
                }
            }
        }
    }

    @Test
    void uniformStaysInOneToN() {
        long[] out = NegativeSampling.uniform(10_000, 7, new SplittableRandom(2));
        boolean[] seen = new boolean[8];
        for (long v : out) {
            assertTrue(v >= 1 && v <= 7);
            seen[(int) v] = true;
        }
        for (int item = 1; item <= 7; item++) {
            assertTrue(seen[item], "item " + item);
        }
    }

    @Test
    void outsideSequenceAvoidsTheUsersItems() {
        TrainingBatch batch = BatchMaker.nextItem(4).make(List.of(new int[] {1, 2, 3, 4}, new int[] {5, 6}), null);
        for (int seed = 0; seed < 50; seed++) {
            long[] out = NegativeSampling.outsideSequence(batch, 8, new SplittableRandom(seed));
            assertEquals(batch.size(), out.length);
            for (int i = 0; i < out.length; i++) {
                boolean first = batch.sequenceOf(batch.positions()[i]) == 0;
                assertTrue(first ? out[i] >= 5 : out[i] <= 4 || out[i] >= 7, "negative " + out[i]);
            }
        }
    }
}
