package org.seqrec.plugin.stats;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class LatencyReservoirTests {

    @Test
    public void emptyIsAllZero() {
        assertEquals(new LatencyReservoir.Percentiles(0, 0, 0, 0, 0), new LatencyReservoir().snapshot());
    }

    @Test
    public void nearestRankPercentilesOfTheLatestValues() {
        LatencyReservoir r = new LatencyReservoir();
        for (int ms = 1; ms <= 100; ms++) {
            r.record(ms * 1_000_000L);
        }
        LatencyReservoir.Percentiles p = r.snapshot();
        assertEquals(100, p.count());
        assertEquals(50.0, p.p50Millis(), 0);
        assertEquals(90.0, p.p90Millis(), 0);
        assertEquals(99.0, p.p99Millis(), 0);
        assertEquals(100.0, p.maxMillis(), 0);
    }

    @Test
    public void keepsOnlyTheLatestWindow() {
        LatencyReservoir r = new LatencyReservoir();
        for (int i = 0; i < LatencyReservoir.SIZE; i++) {
            r.record(1_000_000_000L);
        }
        for (int i = 0; i < LatencyReservoir.SIZE; i++) {
            r.record(2_000_000L);
        }
        LatencyReservoir.Percentiles p = r.snapshot();
        assertEquals(2L * LatencyReservoir.SIZE, p.count());
        assertEquals(2.0, p.maxMillis(), 0);
    }
}
