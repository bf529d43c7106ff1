package org.seqrec.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which input each request of a serving benchmark run gets ({@link HistoryMode}). Queries and
 * rescore words come from two fixed seeded draws, one for warm-ups and one for measured cells, so
 * that request {@code i} of every kind has the same {@code match} text and rescore word.
 * <ul>
 *   <li>{@link HistoryMode#REPEAT}: the users of those draws too (with replacement from the sampled
 *       users): every cell sends the same histories, each several times;</li>
 *   <li>{@link HistoryMode#DISTINCT}: a kind that {@linkplain RequestKind#usesHistory() uses a history}
 *       takes the next window of a round-robin stream over the windows the run needs, in the order the
 *       run asks for them. When the run needs no more histories than exist, no history is sent twice in
 *       the run; otherwise every existing one is used, each at most {@link #maxUses()} times, and a
 *       history recurs only after all the others (the farthest apart a reuse can be).</li>
 * </ul>
 * {@link #eventUsers()} are the users whose events the events index must hold: exactly the
 * histories handed out, under their ids. Not thread-safe: asked from the benchmark's main thread.
 */
final class InputPlan {
    private final HistoryMode mode;
    private final List<RequestInput> warm;
    private final List<RequestInput> measured;
    private final List<BenchUsers.User> users;
    private final int available;
    private final int needed;
    private int handedOut;

    private InputPlan(
            HistoryMode mode,
            List<RequestInput> warm,
            List<RequestInput> measured,
            List<BenchUsers.User> users,
            int available,
            int needed) {
        this.mode = mode;
        this.warm = List.copyOf(warm);
        this.measured = List.copyOf(measured);
        this.users = List.copyOf(users);
        this.available = available;
        this.needed = needed;
    }

    /** Today's inputs: {@code warmCount} and {@code measuredCount} draws from {@code users} (seeds {@code seed + 1}, {@code + 2}). */
    static InputPlan repeat(List<BenchUsers.User> users, int warmCount, int measuredCount, long seed) {
        return new InputPlan(
                HistoryMode.REPEAT,
                draw(users, warmCount, seed + 1),
                draw(users, measuredCount, seed + 2),
                users,
                users.size(),
                0);
    }

    /**
     * Distinct histories for a run that asks for {@code needed} of them in all.
     *
     * @param windows every distinct window, already shuffled ({@link BenchUsers#windows}); the run
     *     uses its first {@code min(needed, windows.size())}
     */
    static InputPlan distinct(List<BenchUsers.User> windows, int needed, int warmCount, int measuredCount, long seed) {
        if (windows.isEmpty()) {
            throw new IllegalArgumentException("no history to draw from");
        }
        if (needed < 0) {
            throw new IllegalArgumentException("needed must be >= 0, got " + needed);
        }
        // the draws' users only matter for kinds without a history, which ignore them
        return new InputPlan(
                HistoryMode.DISTINCT,
                draw(windows, warmCount, seed + 1),
                draw(windows, measuredCount, seed + 2),
                windows.subList(0, Math.min(needed, windows.size())),
                windows.size(),
                needed);
    }

    /** The first {@code n} warm-up inputs for {@code kind} (at most the warm-up draw's size). */
    List<RequestInput> warmup(RequestKind kind, int n) {
        return take(kind, warm, n);
    }

    /** The first {@code n} measured inputs for {@code kind} (at most the measured draw's size). */
    List<RequestInput> measured(RequestKind kind, int n) {
        return take(kind, measured, n);
    }

    HistoryMode mode() {
        return mode;
    }

    /** The users the events index must hold, each with exactly the items of its history (distinct) or all its items (repeat). */
    List<BenchUsers.User> eventUsers() {
        return users;
    }

    /** Distinct histories that exist: sampled users (repeat) or windows (distinct). */
    int available() {
        return available;
    }

    /** Histories the run asks for (distinct mode; 0 in repeat mode, where they are drawn with replacement). */
    int needed() {
        return needed;
    }

    /** Histories handed out so far (distinct mode). */
    int handedOut() {
        return handedOut;
    }

    /** The most times one history is sent in the run (distinct mode): 1 when enough exist. */
    int maxUses() {
        return needed == 0 ? 0 : (needed + users.size() - 1) / users.size();
    }

    /** The run's histories in words, for the report. */
    String describe(String dataFile, long seed) {
        if (mode == HistoryMode.REPEAT) {
            return String.format(
                    Locale.ROOT,
                    "`repeat`: the last %d items of %d users of %s with %d or more items (seed %d),"
                            + " drawn with replacement, the same draws in every cell: histories repeat within and across cells"
                            + " (a user's follow-up searches)",
                    BenchUsers.HISTORY_LENGTH,
                    users.size(),
                    dataFile,
                    BenchUsers.HISTORY_LENGTH,
                    seed);
        }
        String source = String.format(
                Locale.ROOT,
                "windows of %d consecutive items (the %d before a cut point) of the users"
                        + " of %s with %d or more items, %,d distinct ones exist; drawn without repeats with seed %d",
                BenchUsers.HISTORY_LENGTH,
                BenchUsers.HISTORY_LENGTH,
                dataFile,
                BenchUsers.HISTORY_LENGTH,
                available,
                seed);
        if (needed <= available) {
            return String.format(
                    Locale.ROOT,
                    "`distinct`: %s; the run needs %,d (every request with a history, warm-ups"
                            + " included): no history is sent twice",
                    source,
                    needed);
        }
        return String.format(
                Locale.ROOT,
                "`distinct`: %s; the run needs %,d (every request with a history, warm-ups"
                        + " included), more than exist: each is used at most %d times, round-robin, so a history recurs only"
                        + " %,d history requests later",
                source,
                needed,
                maxUses(),
                available);
    }

    private List<RequestInput> take(RequestKind kind, List<RequestInput> inputs, int n) {
        List<RequestInput> base = inputs.subList(0, Math.min(n, inputs.size()));
        if (mode == HistoryMode.REPEAT || !kind.usesHistory()) {
            return base;
        }
        if (users.isEmpty()) {
            throw new IllegalStateException(
                    "this plan was made for a run without histories, but " + kind.cliName() + " needs one");
        }
        List<RequestInput> taken = new ArrayList<>(base.size());
        for (RequestInput in : base) {
            taken.add(in.withUser(users.get(handedOut++ % users.size())));
        }
        return taken;
    }

    private static List<RequestInput> draw(List<BenchUsers.User> users, int count, long seed) {
        return RequestInput.draw(users, BenchCatalogue.queries(), BenchCatalogue.rescoreWords(), count, seed);
    }
}
