package org.seqrec.it.bench;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * How the serving benchmark gives requests their histories ({@code --histories}).
 * <ul>
 *   <li>{@link #DISTINCT}: every request that carries a history gets one no other request of the run
 *       had, so that a user-vector cache cannot flatter the numbers; the histories are windows of 50
 *       consecutive items of the log's users ({@link BenchUsers#windows}), reused round-robin (as few
 *       times and as far apart as possible) only when the run needs more than exist;</li>
 *   <li>{@link #REPEAT}: the latest 50 items of {@code --users} sampled users, drawn with replacement,
 *       the same draws for every cell: a user's follow-up searches with the same history.</li>
 * </ul>
 */
public enum HistoryMode {
    DISTINCT("distinct"),
    REPEAT("repeat");

    private final String cliName;

    HistoryMode(String cliName) {
        this.cliName = cliName;
    }

    /** The name {@code --histories} takes. */
    public String cliName() {
        return cliName;
    }

    /** @throws IllegalArgumentException naming the allowed modes */
    public static HistoryMode parse(String name) {
        return Arrays.stream(values())
                .filter(m -> m.cliName.equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("--histories must be one of " + names() + ", got '" + name + "'"));
    }

    static String names() {
        return Arrays.stream(values()).map(HistoryMode::cliName).collect(Collectors.joining(", "));
    }
}
