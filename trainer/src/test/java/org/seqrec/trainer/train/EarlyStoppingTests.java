package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.FloatTensor;

class EarlyStoppingTests {
    private static Map<String, FloatTensor> params(float v) {
        return Map.of("w", new FloatTensor(new long[] {1}, new float[] {v}));
    }

    @Test
    void stopsAfterPatienceEpochsWithoutABetterScoreAndKeepsTheBest() {
        EarlyStopping s = new EarlyStopping(2);
        double[] scores = {0.1, 0.2, 0.2, 0.15};
        for (int e = 1; e <= scores.length; e++) {
            final float v = e;
            s.record(e, scores[e - 1], Map.of("val", scores[e - 1]), () -> params(v));
            assertEquals(e == 4, s.shouldStop(), "after epoch " + e);
        }
        // a tie is no improvement: epoch 2 stays the best
        assertEquals(2, s.bestEpoch());
        assertEquals(2f, s.bestParameters().get("w").data()[0]);
        assertEquals(Map.of("val", 0.2), s.bestMetrics());
        assertEquals(2, s.epochsSinceBest());
    }

    @Test
    void patienceZeroNeverStops() {
        EarlyStopping s = new EarlyStopping(0);
        for (int e = 1; e <= 20; e++) {
            assertEquals(e == 1, s.record(e, 0.5, Map.of(), () -> params(1)));
        }
        assertFalse(s.shouldStop());
        assertTrue(s.epochsSinceBest() == 19);
    }
}
