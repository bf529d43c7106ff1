package org.seqrec.nn;

/**
 * The time input of a time-reading network ({@link TimeFeatures#GAP_HOUR}): one small integer per
 * history position, parallel to the item rows and left-padded the same way (0 = padding).
 *
 * <p>Position i of a history with event times t_0 <= ... <= t_{n-1}, scored at "now" >= t_{n-1},
 * describes the moment of the event the position predicts, next_i = t_{i+1} (the last position:
 * now): {@code code_i = gap(next_i - t_i) * HOURS + hour(next_i)}, with
 * <ul>
 *   <li>{@code gap(s) = 1 + min(30, floor(log2(1 + s)))} for s seconds: 1..31, log-scale buckets
 *       (a second, a minute ~ 6, an hour ~ 12, a day ~ 17, a month ~ 22, a year ~ 25);</li>
 *   <li>{@code hour(t) = 1 + (floor(t / 3600) mod 24)}: 1..24, the UTC hour of day of the epoch
 *       second t.</li>
 * </ul>
 * In training the position predicting item i + 1 reads the time of that item's event, and at
 * serving the last position reads the request's "now": the same quantity, and nothing about the
 * predicted item beyond when it happens. The network adds {@code G[gap] + H[hour]} to its input.
 *
 * <p>These codes are all a time-reading network sees of the times, so they are also what a cache
 * of user vectors must key on. Stateless.
 */
public final class TimeCodes {
    /** Gap buckets 0..31 (0 = padding). */
    public static final int GAP_BUCKETS = 32;
    /** Hour codes 0..24 (0 = padding). */
    public static final int HOURS = 25;
    /** Distinct codes, {@code GAP_BUCKETS * HOURS}. */
    public static final int CODES = GAP_BUCKETS * HOURS;

    private TimeCodes() {}

    /** The gap bucket 1..31 of a gap of {@code seconds} >= 0. */
    public static int gapBucket(double seconds) {
        if (!(seconds >= 0)) {
            throw new IllegalArgumentException("time gap must be >= 0 seconds, got " + seconds);
        }
        return 1 + (int) Math.min(GAP_BUCKETS - 2, Math.floor(Math.log(1 + seconds) / Math.log(2)));
    }

    /** The hour code 1..24 of an epoch second: 1 + its UTC hour of day. */
    public static int hourCode(double epochSeconds) {
        return 1 + (int) Math.floorMod((long) Math.floor(epochSeconds / 3600), 24L);
    }

    /** The code of a position whose event is at {@code time} and whose next event (or "now") is at {@code next}. */
    public static int code(double time, double next) {
        return gapBucket(next - time) * HOURS + hourCode(next);
    }

    /**
     * The codes of a history scored at {@code now}, one per event.
     *
     * @param times the events' epoch seconds, oldest first, non-decreasing
     * @param now epoch seconds, not before the last event
     * @throws IllegalArgumentException when times decrease or {@code now} is before the last one
     */
    public static int[] of(double[] times, double now) {
        int[] codes = new int[times.length];
        for (int i = 0; i < times.length; i++) {
            double next = i + 1 < times.length ? times[i + 1] : now;
            if (!(next >= times[i])) {
                throw new IllegalArgumentException(
                        i + 1 < times.length
                                ? "event times must not decrease: " + times[i] + " then " + next
                                : "now (" + now + ") is before the last event (" + times[i] + ")");
            }
            codes[i] = code(times[i], next);
        }
        return codes;
    }

    /** The gap bucket of a code. */
    public static int gapOf(int code) {
        return code / HOURS;
    }

    /** The hour code of a code. */
    public static int hourOf(int code) {
        return code % HOURS;
    }

    /** Left-pads codes like {@link HistoryPadding#leftPad}: the latest L of each, 0 before them. */
    public static long[] leftPad(int[][] codes, int len) {
        return HistoryPadding.leftPad(codes, len);
    }
}
