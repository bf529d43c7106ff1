package org.seqrec.plugin.history;

import java.io.IOException;
import java.util.List;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.transport.client.Client;

/**
 * Where a clause's history (the user's item ids, oldest first) comes from: {@link Given} in the
 * request ({@code history}, with each event's time when the request gives them), or {@link ByUser},
 * the user's latest events looked up in an index ({@code user_id} + {@code events}, times from the
 * events' {@code time_field}). Exactly one of them per clause. Both may carry {@code at}, the moment
 * the history is scored ("now"; default: the coordinating node's clock). Immutable and thread-safe.
 */
public sealed interface HistorySpec permits HistorySpec.Given, HistorySpec.ByUser {
    String HISTORY = "history";
    String HISTORY_TIMES = "history_times";
    String AT = "at";
    String USER_ID = "user_id";
    String EVENTS = EventsSource.NAME;

    /**
     * The item ids sent in the request.
     *
     * @param items oldest first; may be empty; no nulls
     * @param times each item's time in epoch seconds, oldest first, or null when the request gave none
     * @param at the moment the history is scored, epoch seconds, or null for the node's clock
     */
    record Given(List<String> items, List<Double> times, Double at) implements HistorySpec {
        public Given {
            if (items == null) {
                throw new IllegalArgumentException("[history] is required: the user's recent item ids, oldest first");
            }
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) == null) {
                    throw new IllegalArgumentException("[history] must hold item ids, but position " + i + " is null");
                }
            }
            items = List.copyOf(items);
            if (times != null) {
                if (times.size() != items.size()) {
                    throw new IllegalArgumentException("[" + HISTORY_TIMES + "] must hold one time per item of ["
                            + HISTORY + "]: " + items.size() + " items, " + times.size() + " times");
                }
                for (int i = 0; i < times.size(); i++) {
                    if (times.get(i) == null || !Double.isFinite(times.get(i))) {
                        throw new IllegalArgumentException("[history] time of item " + i + " is missing");
                    }
                    if (i > 0 && times.get(i) < times.get(i - 1)) {
                        throw new IllegalArgumentException("[history] must be oldest first, but the time of item " + i
                                + " [" + HistoryTimes.format(times.get(i)) + "] is before that of item " + (i - 1)
                                + " [" + HistoryTimes.format(times.get(i - 1)) + "]");
                    }
                }
                times = List.copyOf(times);
            }
            if (at != null) {
                HistoryTimes.parse(at, "[" + AT + "]");
            }
        }

        /** Item ids without times. */
        public Given(List<String> items) {
            this(items, null, null);
        }
    }

    /**
     * The latest events of {@code userId} in {@code events}, looked up once per request.
     *
     * @param userId the value matched in {@link EventsSource#userField()}, not blank
     * @param events where the events are
     * @param at the moment the history is scored, epoch seconds, or null for the node's clock
     */
    record ByUser(String userId, EventsSource events, Double at) implements HistorySpec {
        public ByUser {
            if (userId == null || userId.isBlank()) {
                throw new IllegalArgumentException("[user_id] must be a non-empty string");
            }
            if (events == null) {
                throw new IllegalArgumentException("[user_id] requires [events]: where the user's events are");
            }
            if (at != null) {
                HistoryTimes.parse(at, "[" + AT + "]");
            }
        }

        public ByUser(String userId, EventsSource events) {
            this(userId, events, null);
        }
    }

    /** The moment the history is scored, or null for the node's clock. */
    default Double at() {
        return switch (this) {
            case Given g -> g.at();
            case ByUser u -> u.at();
        };
    }

    /** "now" for this request: {@code at}, else the clock. */
    private double nowOr() {
        Double at = at();
        return at != null ? at : HistoryTimes.now();
    }

    static HistorySpec given(List<String> items) {
        return new Given(items);
    }

    static HistorySpec byUser(String userId, EventsSource events) {
        return new ByUser(userId, events);
    }

    /**
     * The spec a clause's fields describe (null means "not given").
     *
     * @throws IllegalArgumentException unless exactly one of {@code history} or {@code user_id} is
     *     given, and {@code events} comes with {@code user_id} and only with it
     */
    static HistorySpec of(List<String> history, String userId, EventsSource events) {
        return of(history, null, userId, events, null);
    }

    /**
     * {@link #of(List, String, EventsSource)} with the given items' times and {@code at}.
     *
     * @throws IllegalArgumentException also when {@code times} come without {@code history}
     */
    static HistorySpec of(List<String> history, List<Double> times, String userId, EventsSource events, Double at) {
        if (times != null && history == null) {
            throw new IllegalArgumentException("times of the history are only allowed with [history]"
                    + (userId != null ? ": [user_id] takes its times from [events] [time_field]" : ""));
        }
        if (history != null && userId != null) {
            throw new IllegalArgumentException("takes exactly one of [history] or [user_id], not both");
        }
        if (history == null && userId == null) {
            throw new IllegalArgumentException(
                    "requires exactly one of [history] (item ids, oldest first) or [user_id] (with [events])");
        }
        if (history != null) {
            if (events != null) {
                throw new IllegalArgumentException("[events] is only allowed with [user_id], not with [history]");
            }
            return new Given(history, times, at);
        }
        return new ByUser(userId, events, at);
    }

    /**
     * @throws IllegalArgumentException when a given history, or the number of events to read, is
     *     above the node's {@code plugins.seqrec.max_history_length}
     */
    default void checkLength(int maxHistoryLength) {
        switch (this) {
            case Given g -> checkHistoryLength(g.items(), maxHistoryLength);
            case ByUser u -> u.events().checkSize(maxHistoryLength);
        }
    }

    /** @throws IllegalArgumentException when {@code history} is longer than {@code maxLength} */
    static void checkHistoryLength(List<String> history, int maxLength) {
        if (history.size() > maxLength) {
            throw new IllegalArgumentException("[history] holds " + history.size() + " item ids, more than the "
                    + maxLength + " allowed (plugins.seqrec.max_history_length); send the most recent ones");
        }
    }

    /**
     * Answers the history, oldest first, with its times and "now": at once for {@link Given}, after
     * a search of the events index with {@code client} for {@link ByUser} (see
     * {@link UserHistoryLookup}); never blocks. The search's failures (missing index: 404, unsortable
     * time field: 400) and times after now beyond {@link HistoryTimes#FUTURE_TOLERANCE_SECONDS} (400)
     * go to {@code listener}.
     */
    default void fetch(Client client, ActionListener<TimedHistory> listener) {
        double now = nowOr();
        switch (this) {
            case Given g -> {
                TimedHistory h;
                try {
                    h = given(g, now);
                } catch (IllegalArgumentException e) {
                    listener.onFailure(e);
                    return;
                }
                listener.onResponse(h);
            }
            case ByUser u -> UserHistoryLookup.fetchTimed(client, u.userId(), u.events(), now, listener);
        }
    }

    private static TimedHistory given(Given g, double now) {
        if (g.times() == null) {
            return new TimedHistory(g.items(), null, now);
        }
        double[] t = new double[g.times().size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = g.times().get(i);
            HistoryTimes.checkNotFuture(
                    t[i], now, "[history] time of item " + i + " [" + g.items().get(i) + "]");
        }
        return new TimedHistory(g.items(), t, now);
    }

    /**
     * The history with its times where no lookup can run (a shard's own rewrite), "now" being
     * {@code at} or this node's clock.
     *
     * @throws IllegalArgumentException for {@link ByUser}, or a time in the future
     */
    default TimedHistory historyWithoutLookup() {
        List<String> items = itemsWithoutLookup();
        return this instanceof Given g ? given(g, nowOr()) : TimedHistory.untimed(items);
    }

    /**
     * The history where no lookup can run (a shard's own rewrite, which may not search).
     *
     * @throws IllegalArgumentException for {@link ByUser}: only the coordinating node looks users up
     */
    default List<String> itemsWithoutLookup() {
        return switch (this) {
            case Given g -> g.items();
            case ByUser u ->
                throw new IllegalArgumentException("[user_id] is looked up by the coordinating node before the shards "
                        + "run; this request reached a shard without that lookup: send [history] instead");
        };
    }

    /**
     * Writes {@code "history": [...]} (and {@code "history_times"} in epoch seconds when given) or
     * {@code "user_id": ..., "events": {...}}, then {@code "at"} when given (fields, not an object).
     */
    default void toXContentFields(XContentBuilder builder, ToXContent.Params params) throws IOException {
        switch (this) {
            case Given g -> {
                builder.field(HISTORY, g.items());
                if (g.times() != null) {
                    builder.field(HISTORY_TIMES, g.times());
                }
            }
            case ByUser u -> {
                builder.field(USER_ID, u.userId());
                u.events().toXContent(builder, params);
            }
        }
        if (at() != null) {
            builder.field(AT, at());
        }
    }

    /** Reads what {@link #writeTo} writes. */
    static HistorySpec readFrom(StreamInput in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case 0 -> {
                List<String> items = in.readStringList();
                List<Double> times = in.readBoolean() ? in.readList(StreamInput::readDouble) : null;
                yield new Given(items, times, in.readOptionalDouble());
            }
            case 1 -> new ByUser(in.readString(), EventsSource.readFrom(in), in.readOptionalDouble());
            default -> throw new IOException("unknown seqrec history kind [" + kind + "]");
        };
    }

    default void writeTo(StreamOutput out) throws IOException {
        switch (this) {
            case Given g -> {
                out.writeByte((byte) 0);
                out.writeStringCollection(g.items());
                out.writeBoolean(g.times() != null);
                if (g.times() != null) {
                    out.writeCollection(g.times(), StreamOutput::writeDouble);
                }
                out.writeOptionalDouble(g.at());
            }
            case ByUser u -> {
                out.writeByte((byte) 1);
                out.writeString(u.userId());
                u.events().writeTo(out);
                out.writeOptionalDouble(u.at());
            }
        }
    }
}
