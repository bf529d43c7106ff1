package org.seqrec.it.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The soak's numbers derived from its samples ({@link SoakSample}): one line per minute, and the
 * start, peak and end of the node's memory with its trend: {@code VmRSS} and the part of it outside the
 * Java heap ({@link SoakSample#nonHeapRssKb}). Pure arithmetic; immutable.
 *
 * <p>Minute {@code m} runs from slot {@code 6(m-1)} to slot {@code 6m} (a missed slot is replaced by the
 * latest sample before it); its rate is the successful searches between those two samples over the
 * seconds between them, so a late sample does not skew it. A last minute shorter than 60 s (the
 * duration not a whole number of minutes) ends at the last periodic sample.
 */
final class SoakSummary {

    /**
     * One minute of the soak.
     *
     * @param minute 1-based
     * @param seconds the minute's length as sampled (about 60)
     * @param succeeded successful searches in the minute
     * @param failed failed searches in the minute
     * @param requestsPerSecond {@code succeeded / seconds}
     * @param encodesPerRequest the node's {@code encodes} counter's increase over the minute per
     *     successful search (1 while every search encodes its history once); NaN when unknown
     * @param rssKb resident memory at the minute's end, -1 unknown
     * @param rssMaxKb the highest resident memory sampled in the minute, -1 unknown
     * @param nonHeapRssKb resident memory outside the Java heap at the minute's end, -1 unknown
     * @param nonHeapRssMaxKb the highest resident memory outside the Java heap sampled in the minute, -1 unknown
     * @param heapUsedBytes heap in use at the minute's end, -1 unknown
     * @param modelBytes the plugin's loaded-model memory at the minute's end, -1 unknown
     * @param generation the latest model generation at the minute's end
     */
    record Minute(
            int minute,
            double seconds,
            long succeeded,
            long failed,
            double requestsPerSecond,
            double encodesPerRequest,
            long rssKb,
            long rssMaxKb,
            long nonHeapRssKb,
            long nonHeapRssMaxKb,
            long heapUsedBytes,
            long modelBytes,
            long generation) {}

    /**
     * A memory series over the run, -1 where unknown.
     *
     * @param start at slot 0, before the first request
     * @param afterFirstMinute at slot 6, with the JVM and the model warm: the baseline of {@link #growth}
     * @param peak the highest sample
     * @param end the sample after the clients stopped (else the last one)
     * @param slopePerTenMinutes least-squares slope over the samples from slot 6 on, per 10 minutes;
     *     NaN with fewer than 3 of them
     */
    record Trend(long start, long afterFirstMinute, long peak, long end, double slopePerTenMinutes) {
        /** {@code end - afterFirstMinute}; {@code Long.MIN_VALUE} when either is unknown. */
        long growth() {
            return end < 0 || afterFirstMinute < 0 ? Long.MIN_VALUE : end - afterFirstMinute;
        }
    }

    private final List<SoakSample> periodic;
    private final SoakSample end;

    /** @param samples in any order; periodic ones (slot >= 0) and at most one {@link SoakSample#END} */
    SoakSummary(List<SoakSample> samples) {
        List<SoakSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingInt(SoakSample::slot));
        this.periodic = sorted.stream().filter(s -> !s.isEnd()).toList();
        this.end = sorted.stream()
                .filter(SoakSample::isEnd)
                .findFirst()
                .orElse(periodic.isEmpty() ? null : periodic.getLast());
        if (periodic.isEmpty() || periodic.getFirst().slot() != 0) {
            throw new IllegalArgumentException("a soak's samples start with slot 0");
        }
    }

    /** The completed minutes (and a last, shorter one), in order. */
    List<Minute> minutes() {
        List<Minute> minutes = new ArrayList<>();
        int lastSlot = periodic.getLast().slot();
        for (int m = 1; (m - 1) * SoakSample.SLOTS_PER_MINUTE < lastSlot; m++) {
            Minute minute = minute(m);
            if (minute != null) {
                minutes.add(minute);
            }
        }
        return minutes;
    }

    /** Minute {@code m} (1-based), or null when no sample closes it yet. */
    Minute minute(int m) {
        SoakSample from = atOrBefore((m - 1) * SoakSample.SLOTS_PER_MINUTE);
        SoakSample to = atOrBefore(m * SoakSample.SLOTS_PER_MINUTE);
        if (from == null || to == null || to.slot() <= from.slot()) {
            return null;
        }
        double seconds = to.seconds() - from.seconds();
        long succeeded = to.succeeded() - from.succeeded();
        double encodes = from.encodes() < 0 || to.encodes() < 0 || succeeded == 0
                ? Double.NaN
                : (double) (to.encodes() - from.encodes()) / succeeded;
        return new Minute(
                m,
                seconds,
                succeeded,
                to.failed() - from.failed(),
                seconds > 0 ? succeeded / seconds : 0,
                encodes,
                to.rssKb(),
                maxAfter(from, to, SoakSample::rssKb),
                to.nonHeapRssKb(),
                maxAfter(from, to, SoakSample::nonHeapRssKb),
                to.heapUsedBytes(),
                to.modelBytes(),
                to.generation());
    }

    /** The highest value of the periodic samples after {@code from}, up to {@code to}; -1 when none is known. */
    private long maxAfter(SoakSample from, SoakSample to, ToLongFunction<SoakSample> value) {
        return periodic.stream()
                .filter(s -> s.slot() > from.slot() && s.slot() <= to.slot())
                .mapToLong(value)
                .max()
                .orElse(-1);
    }

    Trend rss() {
        return trend(SoakSample::rssKb);
    }

    /** Resident memory outside the Java heap ({@link SoakSample#nonHeapRssKb}): the leak signal. */
    Trend nonHeapRss() {
        return trend(SoakSample::nonHeapRssKb);
    }

    Trend heapUsed() {
        return trend(SoakSample::heapUsedBytes);
    }

    Trend modelMemory() {
        return trend(SoakSample::modelBytes);
    }

    /** All samples, periodic ones in order then the end sample. */
    List<SoakSample> samples() {
        List<SoakSample> all = new ArrayList<>(periodic);
        if (end != null && end.isEnd()) {
            all.add(end);
        }
        return all;
    }

    private Trend trend(ToLongFunction<SoakSample> value) {
        List<SoakSample> all = samples();
        long peak = all.stream().mapToLong(value).max().orElse(-1);
        // a run shorter than a minute has no "after minute 1"
        SoakSample warm = periodic.getLast().slot() >= SoakSample.SLOTS_PER_MINUTE
                ? atOrBefore(SoakSample.SLOTS_PER_MINUTE)
                : null;
        List<double[]> points = new ArrayList<>();
        for (SoakSample s : all) {
            boolean warmed = s.isEnd() || s.slot() >= SoakSample.SLOTS_PER_MINUTE;
            if (warmed && value.applyAsLong(s) >= 0) {
                points.add(new double[] {s.seconds(), value.applyAsLong(s)});
            }
        }
        return new Trend(
                value.applyAsLong(periodic.getFirst()),
                warm == null || warm.slot() == 0 ? -1 : value.applyAsLong(warm),
                peak,
                value.applyAsLong(end),
                points.size() < 3 ? Double.NaN : slope(points) * 600);
    }

    /** Least-squares slope of y over x. */
    static double slope(List<double[]> points) {
        double n = points.size();
        double mx = points.stream().mapToDouble(p -> p[0]).sum() / n;
        double my = points.stream().mapToDouble(p -> p[1]).sum() / n;
        double sxy = 0;
        double sxx = 0;
        for (double[] p : points) {
            sxy += (p[0] - mx) * (p[1] - my);
            sxx += (p[0] - mx) * (p[0] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    private SoakSample atOrBefore(int slot) {
        SoakSample found = null;
        for (SoakSample s : periodic) {
            if (s.slot() <= slot) {
                found = s;
            }
        }
        return found;
    }
}
