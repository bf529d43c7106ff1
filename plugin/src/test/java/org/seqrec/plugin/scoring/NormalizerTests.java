package org.seqrec.plugin.scoring;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class NormalizerTests {
    private static final Normalizer.Bounds UNUSED = new Normalizer.Bounds(0f, 0f);

    @Test
    public void noneKeepsTheLogit() {
        assertEquals(-3.25f, Normalizer.NONE.apply(-3.25f, UNUSED), 0f);
    }

    @Test
    public void sigmoidIsTheLogisticFunctionAndNeverOverflows() {
        assertEquals(0.5f, Normalizer.SIGMOID.apply(0f, UNUSED), 0f);
        assertEquals(1.0 / (1.0 + Math.exp(-2.0)), Normalizer.SIGMOID.apply(2f, UNUSED), 1e-7);
        assertEquals(1.0 / (1.0 + Math.exp(3.0)), Normalizer.SIGMOID.apply(-3f, UNUSED), 1e-7);
        assertEquals(1f, Normalizer.SIGMOID.apply(1000f, UNUSED), 0f);
        assertEquals(0f, Normalizer.SIGMOID.apply(-1000f, UNUSED), 0f);
        // symmetric: s(-x) = 1 - s(x)
        assertEquals(1f - Normalizer.SIGMOID.apply(1.7f, UNUSED), Normalizer.SIGMOID.apply(-1.7f, UNUSED), 1e-6);
    }

    @Test
    public void minmaxMapsTheWindowOntoZeroOne() {
        Normalizer.Bounds b = Normalizer.Bounds.of(new float[] {2f, Float.NaN, -2f, 1f});
        assertEquals(-2f, b.min(), 0f);
        assertEquals(2f, b.max(), 0f);
        assertEquals(0f, Normalizer.MINMAX.apply(-2f, b), 0f);
        assertEquals(1f, Normalizer.MINMAX.apply(2f, b), 0f);
        assertEquals(0.75f, Normalizer.MINMAX.apply(1f, b), 1e-7);
    }

    @Test
    public void minmaxWithoutSpreadGivesTheMiddle() {
        Normalizer.Bounds one = Normalizer.Bounds.of(new float[] {Float.NaN, 4f});
        assertEquals(Normalizer.NO_SPREAD, Normalizer.MINMAX.apply(4f, one), 0f);
        Normalizer.Bounds equal = Normalizer.Bounds.of(new float[] {-1f, -1f});
        assertEquals(Normalizer.NO_SPREAD, Normalizer.MINMAX.apply(-1f, equal), 0f);
    }

    @Test
    public void parsesAndRejects() {
        assertEquals(Normalizer.MINMAX, Normalizer.parse("minmax"));
        assertEquals(Normalizer.SIGMOID, Normalizer.parse("Sigmoid"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Normalizer.parse("softmax"));
        assertEquals("[normalize] must be one of none, sigmoid, minmax, got [softmax]", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Normalizer.parse(null))
                .getMessage()
                .contains("[normalize]"));
    }
}
