package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

/** Nearest-rank percentiles: the value at rank ceil(p / 100 * n), counted from 1, of the sorted values. */
public class LatenciesTests {

    @Test
    public void nearestRankOnOneToHundredMillis() {
        Latencies l = new Latencies(millis(100, 1));
        assertEquals(100, l.count());
        assertEquals(50.0, l.percentileMillis(50), 0);
        assertEquals(99.0, l.percentileMillis(99), 0);
        assertEquals(100.0, l.percentileMillis(100), 0);
        assertEquals(1.0, l.percentileMillis(0.5), 0);
    }

    @Test
    public void p99OfFourHundredIsRank396NotRank397() {
        // 0.99 * 400 is 396.00000000000006 in doubles: a naive ceil would pick rank 397
        Latencies l = new Latencies(millis(400, 1));
        assertEquals(396.0, l.percentileMillis(99), 0);
        assertEquals(200.0, l.percentileMillis(50), 0);
    }

    @Test
    public void inputOrderDoesNotMatterAndIsNotChanged() {
        long[] nanos = {9_000_000, 1_000_000, 5_000_000, 3_000_000, 7_000_000};
        Latencies l = new Latencies(nanos);
        assertEquals(5.0, l.percentileMillis(50), 0);
        assertEquals(9.0, l.percentileMillis(99), 0);
        assertEquals(1.0, l.percentileMillis(20), 0);
        assertEquals(3.0, l.percentileMillis(21), 0);
        assertEquals(9_000_000, nanos[0]);
    }

    @Test
    public void oneValueIsEveryPercentileAndNoValuesAreNaN() {
        assertEquals(2.5, new Latencies(new long[] {2_500_000}).percentileMillis(1), 0);
        assertEquals(2.5, new Latencies(new long[] {2_500_000}).percentileMillis(99), 0);
        assertTrue(Double.isNaN(new Latencies(new long[0]).percentileMillis(50)));
        assertThrows(IllegalArgumentException.class, () -> new Latencies(new long[] {1}).percentileMillis(0));
        assertThrows(IllegalArgumentException.class, () -> new Latencies(new long[] {1}).percentileMillis(101));
    }

    /** n values of 1, 2, ... n times stepMillis, as nanoseconds, in reverse order. */
    private static long[] millis(int n, int stepMillis) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            nanos[i] = (long) (n - i) * stepMillis * 1_000_000;
        }
        return nanos;
    }
}
