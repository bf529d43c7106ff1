package org.seqrec.trainer.report;

import java.util.Locale;

/** Human-readable durations for reports and progress lines. Stateless. */
public final class Durations {
    private Durations() {}

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
