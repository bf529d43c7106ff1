package org.seqrec.plugin.query;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.Random;
import org.junit.Test;

public class InnerProductScoresTests {

    @Test
    public void mapsLikeTheKnnPluginsInnerProductSpace() {
        assertEquals(1f, InnerProductScores.toLuceneScore(0f), 0f);
        assertEquals(3.5f, InnerProductScores.toLuceneScore(2.5f), 0f);
        assertEquals(0.5f, InnerProductScores.toLuceneScore(-1f), 0f);
        assertEquals(0.2f, InnerProductScores.toLuceneScore(-4f), 1e-7f);
    }

    @Test
    public void isPositiveAndStrictlyIncreasing() {
        Random random = new Random(5);
        for (int i = 0; i < 10_000; i++) {
            float a = (random.nextFloat() - 0.5f) * 200f;
            float b = a + 0.01f + random.nextFloat();
            float sa = InnerProductScores.toLuceneScore(a);
            assertTrue(a + " -> " + sa, sa > 0f);
            assertTrue(a + " < " + b, sa < InnerProductScores.toLuceneScore(b));
        }
    }

    @Test
    public void rejectsNonFiniteProducts() {
        for (float bad : new float[] {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> InnerProductScores.toLuceneScore(bad));
        }
    }
}
