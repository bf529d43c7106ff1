package org.seqrec.it.bench;

import java.util.Arrays;

/**
 * Request latencies of one measured cell, in nanoseconds, with nearest-rank percentiles (the
 * method the plugin's stats use): the p-th percentile of n sorted values is the value at rank
 * {@code ceil(p / 100 * n)}, counted from 1. Immutable.
 */
final class Latencies {
    private final long[] sortedNanos;

    /** @param nanos one value per successful request, in any order; copied */
    Latencies(long[] nanos) {
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    int count() {
        return sortedNanos.length;
    }

    /**
     * The nearest-rank percentile in milliseconds; NaN when there are no values.
     *
     * @param percentile in (0, 100]
     */
    double percentileMillis(double percentile) {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], got " + percentile);
        }
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        // multiply first: 99 * 400 / 100 is exactly 396, 0.99 * 400 is not
        int rank = (int) Math.ceil(percentile * sortedNanos.length / 100.0);
        return sortedNanos[Math.max(rank, 1) - 1] / 1e6;
    }
}
