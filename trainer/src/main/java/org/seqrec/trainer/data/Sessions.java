package org.seqrec.trainer.data;

import java.time.Duration;
import java.util.Locale;
import org.seqrec.trainer.report.Durations;

/**
 * Cuts each user's log into sessions at inactivity gaps, as session-based recommendation reads a log
 * (GRU4Rec's original setting, SR-GNN): a new session starts at an event that comes more than the gap
 * after the user's previous one. Every session then counts as a user of its own, named
 * {@code <user>#<k>} (k = 1, 2, ... in time order), so the split, training and evaluation work per
 * session; one-event sessions are dropped, as those papers drop them (nothing follows their item).
 * Times are read in the log's unit: epoch seconds for date-times and for {@code tsv}, the number as
 * written otherwise, so a gap is compared with numeric times as if they were seconds. Stateless.
 */
public final class Sessions {
    /** The shortest and longest gap {@code --sessions} accepts. */
    public static final Duration MIN_GAP = Duration.ofSeconds(1);

    public static final Duration MAX_GAP = Duration.ofDays(3650);

    private Sessions() {}

    /**
     * The sessions of {@code data} (same vocabulary, same item rows), events in time order.
     *
     * @throws IllegalArgumentException when the data has no event times
     */
    public static InteractionData cut(InteractionData data, Duration gap) {
        if (!data.hasTimes()) {
            throw new IllegalArgumentException("--sessions cuts the log at gaps between event times, but "
                    + data.source() + " has none (formats with times: csv, tsv, pairs with a third column)");
        }
        double gapSeconds = gap.toMillis() / 1000.0;
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.frozen(data.vocabulary()));
        long dropped = 0;
        long sessions = 0;
        for (int u = 0; u < data.numUsers(); u++) {
            int[] items = data.sequence(u);
            double[] times = data.times(u);
            int k = 0;
            int start = 0;
            for (int i = 1; i <= items.length; i++) {
                if (i == items.length || times[i] - times[i - 1] > gapSeconds) {
                    k++;
                    if (i - start < 2) {
                        dropped++;
                    } else {
                        sessions++;
                        String id = data.userId(u) + "#" + k;
                        for (int j = start; j < i; j++) {
                            b.add(id, data.itemId(items[j]), times[j]);
                        }
                    }
                    start = i;
                }
            }
        }
        return b.build(String.format(
                Locale.ROOT,
                "%s in sessions cut at gaps over %s (%d sessions of 2+ events; %d one-event sessions dropped)",
                data.source(),
                Durations.brief(gap),
                sessions,
                dropped));
    }
}
