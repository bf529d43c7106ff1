package org.seqrec.trainer.data;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * Turns a CSV timestamp into a sort key. Accepted: numbers (any unit, e.g. epoch seconds or
 * milliseconds, as long as one file uses one unit) and ISO-8601 date-times
 * ({@code 2024-05-01T10:15:30Z}, {@code 2024-05-01T10:15:30+02:00}, {@code 2024-05-01 10:15:30},
 * {@code 2024-05-01}); date-times without an offset are read as UTC. A file must not mix numbers
 * and date-times, since their keys are not comparable.
 *
 * <p>Keys are doubles: epoch seconds for date-times, the number itself otherwise (integers above
 * 2^53, e.g. epoch nanoseconds, lose sub-microsecond precision). Not thread-safe (it remembers
 * the kind of the first value).
 */
final class TimestampParser {
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final Pattern OFFSET = Pattern.compile("T.*[+-]\\d\\d(:?\\d\\d)?$");
    private Boolean numeric;

    /** The sort key; IllegalArgumentException says what is wrong with {@code value}. */
    double parse(String value) {
        boolean isNumber = NUMBER.matcher(value).matches();
        if (numeric == null) {
            numeric = isNumber;
        } else if (numeric != isNumber) {
            throw new IllegalArgumentException("timestamp '" + value + "' is a "
                    + (isNumber ? "number" : "date-time") + " but earlier timestamps were "
                    + (numeric ? "numbers" : "date-times"));
        }
        return isNumber ? parseNumber(value) : parseDateTime(value);
    }

    private static double parseNumber(String value) {
        try {
            double d = Double.parseDouble(value);
            if (Double.isFinite(d)) {
                return d;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("timestamp '" + value + "' is not a finite number");
    }

    private static double parseDateTime(String value) {
        String v = value.length() > 10 && value.charAt(10) == ' '
                ? value.substring(0, 10) + 'T' + value.substring(11)
                : value;
        try {
            if (v.length() == 10) {
                return LocalDate.parse(v).atStartOfDay().toEpochSecond(ZoneOffset.UTC);
            }
            if (v.endsWith("Z") || OFFSET.matcher(v).find()) {
                OffsetDateTime t = OffsetDateTime.parse(v);
                return seconds(t.toLocalDateTime(), t.getOffset());
            }
            return seconds(LocalDateTime.parse(v), ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("timestamp '" + value
                    + "' is neither a number nor an ISO-8601 date-time (e.g. 2024-05-01T10:15:30Z)");
        }
    }

    private static double seconds(LocalDateTime t, ZoneOffset offset) {
        return t.toEpochSecond(offset) + t.getNano() / 1e9;
    }
}
