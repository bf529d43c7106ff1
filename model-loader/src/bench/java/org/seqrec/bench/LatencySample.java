package org.seqrec.bench;

import java.util.Arrays;

/**
 * Nanosecond timings of repeated calls, summarised as percentiles. Not thread-safe: one recorder
 * per measuring thread.
 */
final class LatencySample {
    private long[] nanos;
    private int size;

    LatencySample(int capacity) {
        nanos = new long[Math.max(1, capacity)];
    }

    void add(long elapsedNanos) {
        if (size == nanos.length) {
            nanos = Arrays.copyOf(nanos, size * 2);
        }
        nanos[size++] = elapsedNanos;
    }

    int size() {
        return size;
    }

    /** The q-quantile (0..1, nearest rank) in milliseconds. */
    double quantileMillis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(q * size) - 1;
        return sorted[Math.max(0, Math.min(size - 1, rank))] / 1e6;
    }

    double meanMillis() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += nanos[i];
        }
        return size == 0 ? Double.NaN : sum / 1e6 / size;
    }

    /** Total of all timings in seconds. */
    double totalSeconds() {
        long sum = 0;
        for (int i = 0; i < size; i++) {
            sum += nanos[i];
        }
        return sum / 1e9;
    }
}
