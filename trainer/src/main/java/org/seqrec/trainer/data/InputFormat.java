package org.seqrec.trainer.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The interaction log formats the trainer reads (see docs/trainer.md):
 * <ul>
 *   <li>{@code pairs}: {@code user item} per line, whitespace separated, each user's lines in
 *       time order (the SASRec data format); or {@code user item time} per line (every line then has
 *       a time, and each user's times must not decrease down the file);</li>
 *   <li>{@code sequences}: {@code user item1 item2 ...} per line, oldest first (S3-Rec format);</li>
 *   <li>{@code csv}: a header naming the user, item and timestamp columns; rows in any order,
 *       sorted per user by timestamp;</li>
 *   <li>{@code tsv}: {@code user item rating time} per line, tab or space separated, no header, the
 *       time a number (epoch seconds), rows in any order, sorted per user by time; the rating is
 *       read past (MovieLens-100k's {@code u.data}).</li>
 * </ul>
 */
public enum InputFormat {
    PAIRS,
    SEQUENCES,
    CSV,
    TSV;

    /** The lower-case name used on the command line. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code pairs|sequences|csv|tsv}; otherwise IllegalArgumentException naming the choices. */
    public static InputFormat parse(String s) {
        for (InputFormat f : values()) {
            if (f.cliName().equals(s)) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be one of "
                + Arrays.stream(values()).map(InputFormat::cliName).collect(Collectors.joining(", "))
                + ", got '" + s + "'");
    }
}
