package org.seqrec.trainer.data;

import java.util.Objects;

/**
 * The header names of the user, item and timestamp columns of a {@code csv} interaction log.
 *
 * @param user user id column, default {@code user}
 * @param item item id column, default {@code item}
 * @param time timestamp column, default {@code timestamp}
 */
public record CsvColumns(String user, String item, String time) {
    public static final CsvColumns DEFAULT = new CsvColumns("user", "item", "timestamp");

    public CsvColumns {
        Objects.requireNonNull(user, "user column");
        Objects.requireNonNull(item, "item column");
        Objects.requireNonNull(time, "time column");
        if (user.isBlank() || item.isBlank() || time.isBlank()) {
            throw new IllegalArgumentException("csv column names must not be blank");
        }
        if (user.equals(item) || user.equals(time) || item.equals(time)) {
            throw new IllegalArgumentException(
                    "csv user, item and time columns must differ, got " + user + ", " + item + ", " + time);
        }
    }
}
