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

    /** A given history (0..20 ids) or a user with random events options (size within the default limit). */
    public static HistorySpec randomSpec() {
        if (randomBoolean()) {
            return HistorySpec.given(randomList(0, 20, () -> randomAlphaOfLengthBetween(1, 8)));
        }
        return HistorySpec.byUser(randomAlphaOfLengthBetween(1, 10), randomEvents());
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
                yield HistorySpec.given(items);
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
