package org.seqrec.plugin.testing;

import static org.opensearch.test.OpenSearchTestCase.randomAlphaOfLengthBetween;
import static org.opensearch.test.OpenSearchTestCase.randomBoolean;
import static org.opensearch.test.OpenSearchTestCase.randomIntBetween;
import static org.opensearch.test.OpenSearchTestCase.randomList;

import java.util.ArrayList;
import java.util.List;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;

/** Random history sources for round-trip tests, from the test's seeded randomness. */
public final class RandomHistories {
    private RandomHistories() {}

    /**
     * A given history (0..20 ids, sometimes with times, in whole epoch seconds so that JSON keeps them
     * exactly) or a user with random events options (size within the default limit), sometimes with an
     * {@code at}.
     */
    public static HistorySpec randomSpec() {
        Double at = randomBoolean() ? null : (double) randomIntBetween(1_700_000_000, 1_800_000_000);
        if (randomBoolean()) {
            List<String> items = randomList(0, 20, () -> randomAlphaOfLengthBetween(1, 8));
            List<Double> times = null;
            if (randomBoolean()) {
                times = new ArrayList<>();
                double t = randomIntBetween(1_600_000_000, 1_700_000_000);
                for (int i = 0; i < items.size(); i++) {
                    t += randomIntBetween(0, 100_000);
                    times.add(t);
                }
            }
            return new HistorySpec.Given(items, times, at);
        }
        return new HistorySpec.ByUser(randomAlphaOfLengthBetween(1, 10), randomEvents(), at);
    }

    public static EventsSource randomEvents() {
        return new EventsSource(
                randomAlphaOfLengthBetween(1, 10),
                randomAlphaOfLengthBetween(1, 10),
                randomAlphaOfLengthBetween(1, 10),
                randomAlphaOfLengthBetween(1, 10),
                randomIntBetween(1, 200));
    }

    /** A spec that differs from {@code spec}: one more id, another user, or other events options. */
    public static HistorySpec mutate(HistorySpec spec) {
        return switch (spec) {
            case HistorySpec.Given g -> {
                List<String> items = new ArrayList<>(g.items());
                items.add("another");
                List<Double> times = null;
                if (g.times() != null) {
                    times = new ArrayList<>(g.times());
                    times.add(times.isEmpty() ? 1_600_000_000.0 : times.get(times.size() - 1));
                }
                yield new HistorySpec.Given(items, times, g.at());
            }
            case HistorySpec.ByUser u ->
                switch (randomIntBetween(0, 5)) {
                    case 0 -> HistorySpec.byUser(u.userId() + "x", u.events());
                    case 1 -> HistorySpec.given(List.of(u.userId()));
                    default -> HistorySpec.byUser(u.userId(), mutate(u.events()));
                };
        };
    }

    /** Events options that differ from {@code e} in one field. */
    public static EventsSource mutate(EventsSource e) {
        return switch (randomIntBetween(0, 4)) {
            case 0 -> new EventsSource(e.index() + "x", e.userField(), e.itemField(), e.timeField(), e.size());
            case 1 -> new EventsSource(e.index(), e.userField() + "x", e.itemField(), e.timeField(), e.size());
            case 2 -> new EventsSource(e.index(), e.userField(), e.itemField() + "x", e.timeField(), e.size());
            case 3 -> new EventsSource(e.index(), e.userField(), e.itemField(), e.timeField() + "x", e.size());
            default -> e.withSize(e.size() == 1 ? 2 : e.size() - 1);
        };
    }
}
