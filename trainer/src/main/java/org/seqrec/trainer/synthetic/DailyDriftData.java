package org.seqrec.trainer.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * A log whose next item depends on the clock, for checking that a time-aware model reads times:
 * users whose interests follow the time of day, and who come back after gaps of varied length.
 *
 * <p>The planted rules (see docs/trainer.md, {@code generate --kind daily}):
 * <ol>
 *   <li><b>Dayparts.</b> The UTC day has four dayparts, each with its category of items: night
 *       (00-06h) {@code asmr}, morning (06-12h) {@code workout}, afternoon (12-18h) {@code tech},
 *       evening (18-24h) {@code cooking}. An event's item is from the category of its own hour's
 *       daypart, and it is one of the user's {@code favourites} items of that category (each user
 *       has their own, drawn once).</li>
 *   <li><b>Returns.</b> Users act in short sessions (1..{@code maxSession} events a few minutes
 *       apart); between sessions they are away for a gap drawn log-uniformly from an hour to
 *       {@code maxAwayDays} days, so that a session starts at any hour. The first event after an
 *       absence of more than {@value #LONG_ABSENCE_DAYS} days is the daypart's
 *       {@code <category>-new} item (what is new since the user left).</li>
 * </ol>
 * A time-blind model sees items in order only: it can learn each user's favourites and that a
 * session stays in one category, but not which category comes after an absence (the next daypart
 * depends on how long the user was away, which item order does not say) nor when the new-arrivals
 * item comes. A model that reads the gap to "now" and the hour of "now" can learn both. Deterministic
 * for a given {@link Settings} (seed included).
 *
 * @param log the users and their events (epoch seconds)
 */
public record DailyDriftData(SyntheticLog log) {
    /** The categories by daypart, night first: daypart = UTC hour / 6. */
    public static final List<String> CATEGORIES = List.of("asmr", "workout", "tech", "cooking");
    /** An absence longer than this many days makes the next event the new-arrivals item. */
    public static final int LONG_ABSENCE_DAYS = 3;
    /** Epoch seconds of the first possible event (2026-01-05T00:00:00Z). */
    static final long START = 1_767_571_200L;

    /**
     * @param users number of users
     * @param itemsPerCategory items per category besides the new-arrivals item
     * @param favourites items of each category a user picks from, 1..itemsPerCategory
     * @param minEvents fewest events per user, at least 3
     * @param maxEvents most events per user
     * @param maxSession most events per session, at least 1
     * @param maxAwayDays longest absence between sessions, in days, at least 1
     * @param seed random seed
     */
    public record Settings(
            int users,
            int itemsPerCategory,
            int favourites,
            int minEvents,
            int maxEvents,
            int maxSession,
            int maxAwayDays,
            long seed) {
        public Settings {
            if (users < 1 || itemsPerCategory < 1 || favourites < 1 || favourites > itemsPerCategory) {
                throw new IllegalArgumentException("need users >= 1 and 1 <= favourites <= itemsPerCategory, got "
                        + users + ", " + favourites + ", " + itemsPerCategory);
            }
            if (minEvents < 3 || maxEvents < minEvents || maxSession < 1 || maxAwayDays < 1) {
                throw new IllegalArgumentException(
                        "need 3 <= minEvents <= maxEvents, maxSession >= 1, maxAwayDays >= 1");
            }
        }

        /** 2,000 users, 30 items per category, 3 favourites, 20..40 events, sessions of 1..3, absences up to 10 days. */
        public static Settings defaults(long seed) {
            return new Settings(2_000, 30, 3, 20, 40, 3, 10, seed);
        }
    }

    /** The category of the daypart of an epoch second. */
    public static String categoryAt(long epochSeconds) {
        int hour = (int) Math.floorMod(Math.floorDiv(epochSeconds, 3600L), 24L);
        return CATEGORIES.get(hour / 6);
    }

    /** The new-arrivals item of a category. */
    public static String newArrivals(String category) {
        return category + "-new";
    }

    public static DailyDriftData generate(Settings s) {
        Random random = new Random(s.seed());
        List<SyntheticLog.UserLog> users = new ArrayList<>();
        for (int u = 0; u < s.users(); u++) {
            // the user's favourites per category, distinct items of that category
            String[][] favourites = new String[CATEGORIES.size()][s.favourites()];
            for (int c = 0; c < CATEGORIES.size(); c++) {
                List<Integer> pool = new ArrayList<>();
                for (int i = 0; i < s.itemsPerCategory(); i++) {
                    pool.add(i);
                }
                java.util.Collections.shuffle(pool, random);
                for (int f = 0; f < s.favourites(); f++) {
                    favourites[c][f] = item(CATEGORIES.get(c), pool.get(f));
                }
            }
            int events = s.minEvents() + random.nextInt(s.maxEvents() - s.minEvents() + 1);
            long t = START + random.nextInt(14 * 86_400);
            long last = -1; // the previous event's time; the first event counts as a return, not as new arrivals
            List<SyntheticLog.Event> log = new ArrayList<>(events);
            while (log.size() < events) {
                int session = 1 + random.nextInt(s.maxSession());
                for (int e = 0; e < session && log.size() < events; e++) {
                    if (e > 0) {
                        t = last + 60 + random.nextInt(14 * 60); // the session's next event: 1..15 minutes later
                    }
                    String category = categoryAt(t);
                    String item = last >= 0 && t - last > LONG_ABSENCE_DAYS * 86_400L
                            ? newArrivals(category)
                            : favourites[CATEGORIES.indexOf(category)][random.nextInt(s.favourites())];
                    log.add(new SyntheticLog.Event(item, t));
                    last = t;
                }
                // away: log-uniform from an hour to maxAwayDays days
                double hours = Math.exp(random.nextDouble() * Math.log(24.0 * s.maxAwayDays()));
                t = last + Math.max(3_600L, (long) (hours * 3_600));
            }
            users.add(new SyntheticLog.UserLog("u" + u, log));
        }
        return new DailyDriftData(new SyntheticLog(users));
    }

    private static String item(String category, int i) {
        return String.format(Locale.ROOT, "%s-%02d", category, i);
    }
}
