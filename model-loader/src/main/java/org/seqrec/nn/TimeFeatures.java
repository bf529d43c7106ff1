package org.seqrec.nn;

import java.util.Locale;

/**
 * Which event-time features a network reads, hyper-parameter {@code time_features}. A network that
 * reads any ({@link #readsTimes()}) needs each history's event times and the moment it is scored
 * ("now"), turned into {@link TimeCodes}; its artifact says {@code "reads_times": true}.
 */
public enum TimeFeatures {
    /** Time-blind: item order only (every artifact written before this option existed). */
    NONE("none"),
    /**
     * Per position, the log-scale gap to the next event (the last position: to "now") and the UTC hour
     * of day of that next event ("now"), as two learned embeddings added to the item input
     * ({@link TimeCodes}).
     */
    GAP_HOUR("gap_hour");

    private final String id;

    TimeFeatures(String id) {
        this.id = id;
    }

    /** The manifest and command-line spelling. */
    public String id() {
        return id;
    }

    /** Whether the network needs event times. */
    public boolean readsTimes() {
        return this != NONE;
    }

    /** Parses {@code none} or {@code gap_hour} (case-insensitive). */
    public static TimeFeatures parse(String value) {
        for (TimeFeatures f : values()) {
            if (f.id.equals(value == null ? null : value.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("time_features must be 'none' or 'gap_hour', got '" + value + "'");
    }
}
