package org.seqrec.plugin.history;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.seqrec.nn.TimeCodes;

/**
 * A history as a model encodes it: the item ids, oldest first, and, when the request gave them, each
 * event's time and the moment the history is scored ("now": the request's {@code at}, else the
 * coordinating node's clock when it read the history). Only a model that reads times
 * ({@code reads_times}) looks at the times, through {@link #timeCodes()}; a time-blind one encodes
 * {@link #items()} alone.
 *
 * <p>Times are epoch seconds, non-decreasing, none after {@code now} (a time within
 * {@link HistoryTimes#FUTURE_TOLERANCE_SECONDS} after it, clock skew, is read as {@code now}; the
 * parsers refuse later ones). Immutable (the array is copied in and never handed out); equal when
 * items, times and now are.
 *
 * @param items the item ids, oldest first; no nulls
 * @param times one per item, or null when the request gave none
 * @param now epoch seconds, the moment the history is scored
 */
public record TimedHistory(List<String> items, double[] times, double now) {
    public TimedHistory {
        items = List.copyOf(items);
        if (times != null) {
            if (times.length != items.size()) {
                throw new IllegalArgumentException(
                        "history has " + items.size() + " items but " + times.length + " times");
            }
            times = times.clone();
            for (int i = 0; i < times.length; i++) {
                if (i > 0 && times[i] < times[i - 1]) {
                    throw new IllegalArgumentException("event times must be oldest first, but time " + i + " ("
                            + HistoryTimes.format(times[i]) + ") is before time " + (i - 1) + " ("
                            + HistoryTimes.format(times[i - 1]) + ")");
                }
                times[i] = Math.min(times[i], now); // within the tolerance: clock skew
            }
        }
        if (!Double.isFinite(now)) {
            throw new IllegalArgumentException("now must be finite, got " + now);
        }
    }

    /** A history without times (a time-reading model refuses it). */
    public static TimedHistory untimed(List<String> items) {
        return new TimedHistory(items, null, 0);
    }

    /** Whether the request gave each event's time. */
    public boolean hasTimes() {
        return times != null;
    }

    /** The event times, epoch seconds (a copy); null when the request gave none. */
    @Override
    public double[] times() {
        return times == null ? null : times.clone();
    }

    /**
     * What a time-reading model reads of the times: {@link TimeCodes#of} over all the events and now,
     * one code per item (items the model does not know are dropped with their codes, so the gap of the
     * event before one describes the time to that unknown event: the user's own log as it was).
     *
     * @throws IllegalStateException when the history has no times
     */
    public int[] timeCodes() {
        if (times == null) {
            throw new IllegalStateException("history has no times");
        }
        return TimeCodes.of(times, now);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimedHistory h
                && items.equals(h.items)
                && Arrays.equals(times, h.times)
                && Double.compare(now, h.now) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(items, Arrays.hashCode(times), now);
    }

    @Override
    public String toString() {
        return "TimedHistory" + items + (times == null ? "" : " at " + Arrays.toString(times) + ", now " + now);
    }
}
