package org.seqrec.trainer.report;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Human-readable durations for reports and progress lines, and durations given on the command line. Stateless. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(s|m|h|d)?");

    private Durations() {}

    /**
     * Parses a command-line duration: {@code N}, {@code Ns}, {@code Nm}, {@code Nh} or {@code Nd} (a
     * bare number is seconds).
     *
     * @param flag the option, for messages
     * @throws IllegalArgumentException naming {@code flag} and the range {@code min..max}
     */
    public static Duration parse(String flag, String value, Duration min, Duration max) {
        String range = brief(min) + ".." + brief(max);
        Matcher m = DURATION.matcher(value == null ? "" : value.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    flag + " must be a duration in " + range + " such as 300s, 10m or 1h, got [" + value + "]");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = switch (m.group(2) == null ? "s" : m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofSeconds(n);
        };
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            throw new IllegalArgumentException(flag + " must be in " + range + ", got [" + value + "]");
        }
        return d;
    }

    /** {@code 30m}, {@code 24h}, {@code 7d}: the largest whole unit (days from two on), as {@link #parse} reads it. */
    public static String brief(Duration d) {
        long s = d.toSeconds();
        if (s > 86_400 && s % 86_400 == 0) {
            return s / 86_400 + "d";
        }
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }

    /** {@code 1h02m03s}, {@code 4m05s} or {@code 6.2s}. */
    public static String format(double seconds) {
        long s = Math.round(seconds);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, s / 60 % 60, s % 60);
        }
        if (s >= 60) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%.1fs", seconds);
    }
}
