package org.seqrec.plugin.history;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Event times as requests give them: an ISO-8601 date-time ({@code 2026-11-30T10:00:00Z},
 * {@code 2026-11-30T12:00:00+02:00}, {@code 2026-11-30T10:00:00} read as UTC, {@code 2026-11-30}) or a
 * number of epoch seconds (as the trainer reads numeric times); turned into epoch seconds. Also the
 * tolerance for times after "now" and the checks that name the field of a bad time. Stateless.
 */
public final class HistoryTimes {
    /**
     * How far after "now" an event time may be and still be read (as now): clocks of the client,
     * the events' writers and the node disagree by this much at most; later is a 400.
     */
    public static final long FUTURE_TOLERANCE_SECONDS = 300;

    private HistoryTimes() {}

    /**
     * The epoch seconds of {@code value}: a {@link Number} (epoch seconds) or a string, an ISO-8601
     * date-time or a number.
     *
     * @param field how messages name the value, e.g. {@code [history][2][time]}
     * @throws IllegalArgumentException naming {@code field} when the value is no time
     */
    public static double parse(Object value, String field) {
        if (value instanceof Number n) {
            return finite(n.doubleValue(), value, field);
        }
        String s = value == null ? "" : value.toString().trim();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(
                    field + " must be a time (ISO-8601 or epoch seconds), got [" + value + "]");
        }
        char c = s.charAt(0);
        if (Character.isDigit(c) && !s.contains("-")
                || c == '-' && s.length() > 1 && !s.substring(1).contains("-")) {
            try {
                return finite(Double.parseDouble(s), value, field);
            } catch (NumberFormatException e) {
                throw notATime(value, field);
            }
        }
        try {
            String v = s.length() > 10 && s.charAt(10) == ' ' ? s.substring(0, 10) + 'T' + s.substring(11) : s;
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            }
            try {
                OffsetDateTime t = OffsetDateTime.parse(v);
                return t.toEpochSecond() + t.getNano() / 1e9;
            } catch (DateTimeParseException e) {
                LocalDateTime t = LocalDateTime.parse(v);
                return t.toEpochSecond(ZoneOffset.UTC) + t.getNano() / 1e9;
            }
        } catch (DateTimeException e) {
            throw notATime(value, field);
        }
    }

    /**
     * @throws IllegalArgumentException naming {@code field} when {@code time} is more than the tolerance
     *     after {@code now}
     */
    public static void checkNotFuture(double time, double now, String field) {
        if (time > now + FUTURE_TOLERANCE_SECONDS) {
            throw new IllegalArgumentException(field + " [" + format(time) + "] is in the future: more than "
                    + FUTURE_TOLERANCE_SECONDS + " seconds after now [" + format(now) + "]");
        }
    }

    /** The current time in epoch seconds. */
    public static double now() {
        return System.currentTimeMillis() / 1000.0;
    }

    /** An ISO-8601 instant for messages. */
    public static String format(double epochSeconds) {
        try {
            long s = (long) Math.floor(epochSeconds);
            return Instant.ofEpochSecond(s, (long) ((epochSeconds - s) * 1e9)).toString();
        } catch (DateTimeException | ArithmeticException e) {
            return String.format(Locale.ROOT, "%s", epochSeconds);
        }
    }

    private static double finite(double v, Object value, String field) {
        if (!Double.isFinite(v) || Math.abs(v) > 1e11) {
            throw new IllegalArgumentException(field + " [" + value + "] is not a time: numbers are epoch seconds"
                    + " (between -1e11 and 1e11; milliseconds? divide by 1000)");
        }
        return v;
    }

    private static IllegalArgumentException notATime(Object value, String field) {
        return new IllegalArgumentException(
                field + " [" + value + "] is not a time: use ISO-8601 (e.g. 2026-11-30T10:00:00Z) or epoch seconds");
    }
}
