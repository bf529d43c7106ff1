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
 * request ({@code history}), or {@link ByUser}, the user's latest events looked up in an index
 * ({@code user_id} + {@code events}). Exactly one of them per clause; immutable and thread-safe.
 */
public sealed interface HistorySpec permits HistorySpec.Given, HistorySpec.ByUser {
    String HISTORY = "history";
    String USER_ID = "user_id";
    String EVENTS = EventsSource.NAME;

    /**
     * The item ids sent in the request.
     *
     * @param items oldest first; may be empty; no nulls
     */
    record Given(List<String> items) implements HistorySpec {
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
        }
    }

    /**
     * The latest events of {@code userId} in {@code events}, looked up once per request.
     *
     * @param userId the value matched in {@link EventsSource#userField()}, not blank
     * @param events where the events are
     */
    record ByUser(String userId, EventsSource events) implements HistorySpec {
        public ByUser {
            if (userId == null || userId.isBlank()) {
                throw new IllegalArgumentException("[user_id] must be a non-empty string");
            }
            if (events == null) {
                throw new IllegalArgumentException("[user_id] requires [events]: where the user's events are");
            }
        }
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
            return new Given(history);
        }
        return new ByUser(userId, events);
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
     * Answers the history, oldest first: at once for {@link Given}, after a search of the events
     * index with {@code client} for {@link ByUser} (see {@link UserHistoryLookup}); never blocks.
     * The search's failures (missing index: 404, unsortable time field: 400) go to {@code listener}.
     */
    default void fetch(Client client, ActionListener<List<String>> listener) {
        switch (this) {
            case Given g -> listener.onResponse(g.items());
            case ByUser u -> UserHistoryLookup.fetch(client, u.userId(), u.events(), listener);
        }
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

    /** Writes {@code "history": [...]} or {@code "user_id": ..., "events": {...}} (fields, not an object). */
    default void toXContentFields(XContentBuilder builder, ToXContent.Params params) throws IOException {
        switch (this) {
            case Given g -> builder.field(HISTORY, g.items());
            case ByUser u -> {
                builder.field(USER_ID, u.userId());
                u.events().toXContent(builder, params);
            }
        }
    }

    /** Reads what {@link #writeTo} writes. */
    static HistorySpec readFrom(StreamInput in) throws IOException {
        byte kind = in.readByte();
        return switch (kind) {
            case 0 -> new Given(in.readStringList());
            case 1 -> new ByUser(in.readString(), EventsSource.readFrom(in));
            default -> throw new IOException("unknown seqrec history kind [" + kind + "]");
        };
    }

    default void writeTo(StreamOutput out) throws IOException {
        switch (this) {
            case Given g -> {
                out.writeByte((byte) 0);
                out.writeStringCollection(g.items());
            }
            case ByUser u -> {
                out.writeByte((byte) 1);
                out.writeString(u.userId());
                u.events().writeTo(out);
            }
        }
    }
}
