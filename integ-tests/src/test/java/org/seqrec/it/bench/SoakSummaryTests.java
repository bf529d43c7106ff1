package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** The soak's arithmetic: per-minute rates from cumulative counters, memory start/peak/end, growth and slope. */
public class SoakSummaryTests {

    /**
     * 2 minutes 30 s of samples: 100 searches/s, a failure at 70 s, RSS 1000 MiB rising 1 MiB per 10 s after a peak;
     * the heap's mapping rises with it (500 MiB + 1 MiB per 10 s, unknown at slot 9), so 500 MiB outside the heap
     * except at the peak (slot 3).
     */
    private static List<SoakSample> samples() {
        List<SoakSample> samples = new ArrayList<>();
        for (int slot = 0; slot <= 15; slot++) {
            double seconds = slot * 10 + (slot == 6 ? 0.5 : 0.02); // slot 6 sampled late
            long rssKb = slot == 3 ? 2_000 * 1024 : (1_000 + slot) * 1024L;
            samples.add(new SoakSample(
                    slot,
                    seconds,
                    Math.round(100 * seconds),
                    slot >= 7 ? 1 : 0,
                    rssKb,
                    slot == 9 ? -1 : (500 + slot) * 1024L,
                    500L << 20,
                    slot < 5 ? 3_000_000 : 6_000_000,
                    slot < 5 ? 1 : 2,
                    slot <= 6 ? Math.round(100 * seconds) : 2 * Math.round(100 * seconds),
                    1 + slot / 3));
        }
        return samples;
    }

    @Test
    public void minutesTakeTheirRateBetweenTheSamplesThatCloseThem() {
        List<SoakSample> all = samples();
        all.add(new SoakSample(
                SoakSample.END, 152, 15_200, 1, 1_020 * 1024, 520 * 1024, 400L << 20, 6_000_000, 2, 30_400, 6));
        SoakSummary summary = new SoakSummary(all);
        List<SoakSummary.Minute> minutes = summary.minutes();
        assertEquals(3, minutes.size());
        SoakSummary.Minute first = minutes.getFirst();
        assertEquals(1, first.minute());
        assertEquals(60.48, first.seconds(), 1e-9);
        assertEquals(6_048, first.succeeded());
        assertEquals(100.0, first.requestsPerSecond(), 0.01);
        assertEquals(0, first.failed());
        assertEquals("the peak within the minute", 2_000 * 1024, first.rssMaxKb());
        assertEquals("at the minute's end", 1_006 * 1024, first.rssKb());
        assertEquals("VmRSS less the heap's mapping at the minute's end", 500 * 1024, first.nonHeapRssKb());
        assertEquals("and at the peak", 1_497 * 1024, first.nonHeapRssMaxKb());
        assertEquals(3, first.generation());
        assertEquals("every search encoded once", 1.0, first.encodesPerRequest(), 1e-12);
        SoakSummary.Minute second = minutes.get(1);
        assertEquals(59.52, second.seconds(), 1e-9);
        assertEquals(1, second.failed());
        assertEquals(100.0, second.requestsPerSecond(), 0.01);
        assertEquals(6_000_000, second.modelBytes());
        assertEquals("slot 9's unknown value is not a maximum", 500 * 1024, second.nonHeapRssMaxKb());
        assertEquals(
                "the counter doubled its pace from slot 6 on",
                (2 * 12_002 - 6_050) / 5_952.0,
                second.encodesPerRequest(),
                1e-12);
        SoakSummary.Minute partial = minutes.get(2);
        assertEquals("the last minute ends at the last periodic sample", 30.0, partial.seconds(), 1e-9);
        assertEquals(3_000, partial.succeeded());
        assertNull("no sample closes minute 4", summary.minute(4));
    }

    @Test
    public void aMissedSlotIsReplacedByTheLatestSampleBeforeIt() {
        List<SoakSample> all = new ArrayList<>(samples());
        all.removeIf(s -> s.slot() == 12);
        SoakSummary.Minute second = new SoakSummary(all).minute(2);
        assertEquals(110.02 - 60.5, second.seconds(), 1e-9);
        assertEquals(Math.round(100 * 110.02) - Math.round(100 * 60.5), second.succeeded());
    }

    @Test
    public void memoryTrendsReportStartPeakEndGrowthAndSlope() {
        List<SoakSample> all = samples();
        all.add(new SoakSample(
                SoakSample.END, 160, 16_000, 1, 1_016 * 1024, 516 * 1024, 400L << 20, 6_000_000, 2, 32_000, 6));
        SoakSummary.Trend rss = new SoakSummary(all).rss();
        assertEquals(1_000 * 1024, rss.start());
        assertEquals(1_006 * 1024, rss.afterFirstMinute());
        assertEquals(2_000 * 1024, rss.peak());
        assertEquals(1_016 * 1024, rss.end());
        assertEquals(10 * 1024, rss.growth());
        // from slot 6 on the RSS rises 1 MiB per 10 s (the peak at slot 3 is not in the trend): 60 MiB per 10 minutes
        assertEquals(60 * 1024, rss.slopePerTenMinutes(), 0.2 * 1024);
        SoakSummary.Trend heap = new SoakSummary(all).heapUsed();
        assertEquals(500L << 20, heap.peak());
        assertEquals(400L << 20, heap.end());
        assertEquals(-100L << 20, heap.growth());
        // outside the heap the same node is flat: what VmRSS gained is the heap's mapping being paged in
        SoakSummary.Trend nonHeap = new SoakSummary(all).nonHeapRss();
        assertEquals(500 * 1024, nonHeap.start());
        assertEquals(500 * 1024, nonHeap.afterFirstMinute());
        assertEquals(1_497 * 1024, nonHeap.peak());
        assertEquals(500 * 1024, nonHeap.end());
        assertEquals(0, nonHeap.growth());
        assertEquals(0.0, nonHeap.slopePerTenMinutes(), 1e-9);
    }

    @Test
    public void memoryOutsideTheHeapIsVmRssLessTheHeapMappingAndUnknownWithEither() {
        assertEquals(300 * 1024, sample(1_200 * 1024, 900 * 1024).nonHeapRssKb());
        assertEquals(-1, sample(-1, 900 * 1024).nonHeapRssKb());
        assertEquals(-1, sample(1_200 * 1024, -1).nonHeapRssKb());
    }

    private static SoakSample sample(long rssKb, long heapRssKb) {
        return new SoakSample(0, 0, 0, 0, rssKb, heapRssKb, 100, 5, 1, 0, 1);
    }

    @Test
    public void unknownValuesStayUnknownAndAFlatSeriesHasNoSlope() {
        List<SoakSample> all = new ArrayList<>();
        for (int slot = 0; slot <= 8; slot++) {
            all.add(new SoakSample(slot, slot * 10, slot * 100, 0, -1, 1_000, 100, 5, 1, -1, 1));
        }
        SoakSummary summary = new SoakSummary(all);
        SoakSummary.Trend rss = summary.rss();
        assertEquals(-1, rss.start());
        assertEquals(-1, rss.peak());
        assertEquals(Long.MIN_VALUE, rss.growth());
        assertTrue(Double.isNaN(rss.slopePerTenMinutes()));
        assertEquals(-1, summary.nonHeapRss().peak());
        assertTrue(Double.isNaN(summary.nonHeapRss().slopePerTenMinutes()));
        assertEquals(0.0, summary.modelMemory().slopePerTenMinutes(), 0);
        assertEquals(
                "without an end sample, the last one is the end",
                5,
                summary.modelMemory().end());
        assertEquals(-1, summary.minute(1).rssMaxKb());
        assertEquals(-1, summary.minute(1).nonHeapRssMaxKb());
        assertTrue(Double.isNaN(summary.minute(1).encodesPerRequest()));
        assertThrows(IllegalArgumentException.class, () -> new SoakSummary(all.subList(1, all.size())));
        assertEquals(
                "a run shorter than a minute has no minute-1 value",
                -1,
                new SoakSummary(all.subList(0, 4)).modelMemory().afterFirstMinute());
        assertEquals(5, new SoakSummary(all).modelMemory().afterFirstMinute());
    }

    @Test
    public void theSlopeIsTheLeastSquaresOne() {
        assertEquals(
                2.0, SoakSummary.slope(List.of(new double[] {0, 1}, new double[] {1, 3}, new double[] {2, 5})), 1e-12);
        assertEquals(
                0.4,
                SoakSummary.slope(
                        List.of(new double[] {0, 0}, new double[] {2, 2}, new double[] {4, 1}, new double[] {6, 3})),
                1e-12);
        assertTrue(Double.isNaN(SoakSummary.slope(List.of(new double[] {1, 0}, new double[] {1, 2}))));
    }
}
