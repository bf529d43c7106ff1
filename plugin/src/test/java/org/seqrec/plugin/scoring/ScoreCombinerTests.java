package org.seqrec.plugin.scoring;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class ScoreCombinerTests {

    @Test
    public void totalAddsWeightedScores() {
        ScoreCombiner c = new ScoreCombiner(0.5f, 2f, ScoreMode.TOTAL, Normalizer.NONE);
        assertArrayEquals(
                new float[] {0.5f * 4f + 2f * 1.5f, 0.5f * 2f + 2f * -1f},
                c.combine(new float[] {4f, 2f}, new float[] {1.5f, -1f}),
                1e-6f);
    }

    @Test
    public void hitsWithoutModelScoreKeepTheirWeightedFirstPassScore() {
        ScoreCombiner defaults = new ScoreCombiner(1f, 1f, ScoreMode.MULTIPLY, Normalizer.MINMAX);
        float[] out = defaults.combine(new float[] {3f, 7f}, new float[] {Float.NaN, Float.NaN});
        assertArrayEquals(new float[] {3f, 7f}, out, 0f);
        ScoreCombiner weighted = new ScoreCombiner(0.25f, 1f, ScoreMode.REPLACE, Normalizer.NONE);
        assertArrayEquals(
                new float[] {2f, 9f}, weighted.combine(new float[] {8f, 1f}, new float[] {Float.NaN, 9f}), 0f);
        // an infinite logit counts as no model score
        assertEquals(8f, weighted.combineOne(32f, Float.POSITIVE_INFINITY, new Normalizer.Bounds(0f, 1f)), 0f);
    }

    @Test
    public void minmaxUsesOnlyTheKnownHitsOfTheWindow() {
        ScoreCombiner c = new ScoreCombiner(1f, 10f, ScoreMode.TOTAL, Normalizer.MINMAX);
        float[] out = c.combine(new float[] {1f, 1f, 1f, 1f}, new float[] {-4f, Float.NaN, 0f, 4f});
        assertArrayEquals(new float[] {1f, 1f, 1f + 5f, 1f + 10f}, out, 1e-6f);
    }

    @Test
    public void replaceRanksByTheModelAlone() {
        ScoreCombiner c = new ScoreCombiner(1f, 1f, ScoreMode.REPLACE, Normalizer.SIGMOID);
        float[] out = c.combine(new float[] {100f, 1f}, new float[] {-2f, 2f});
        assertEquals(Normalizer.SIGMOID.apply(-2f, null), out[0], 0f);
        assertEquals(Normalizer.SIGMOID.apply(2f, null), out[1], 0f);
    }

    @Test
    public void rejectsNonFiniteWeightsByName() {
        IllegalArgumentException q = assertThrows(
                IllegalArgumentException.class,
                () -> new ScoreCombiner(Float.NaN, 1f, ScoreMode.TOTAL, Normalizer.NONE));
        assertEquals("[query_weight] must be a finite number, got [NaN]", q.getMessage());
        IllegalArgumentException r = assertThrows(
                IllegalArgumentException.class,
                () -> new ScoreCombiner(1f, Float.NEGATIVE_INFINITY, ScoreMode.TOTAL, Normalizer.NONE));
        assertEquals("[rescore_query_weight] must be a finite number, got [-Infinity]", r.getMessage());
    }

    @Test
    public void rejectsMismatchedArrays() {
        ScoreCombiner c = new ScoreCombiner(1f, 1f, ScoreMode.TOTAL, Normalizer.NONE);
        assertThrows(IllegalArgumentException.class, () -> c.combine(new float[2], new float[3]));
    }
}
