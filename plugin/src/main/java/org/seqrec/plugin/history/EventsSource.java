package org.seqrec.plugin.history;

import java.io.IOException;
import org.opensearch.core.ParseField;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;

/**
 * Where a user's events live: the {@code events} object of a {@code seqrec} clause. One event is one
 * document of {@code index} holding the user in {@code userField}, the item in {@code itemField}
 * and when it happened in {@code timeField}; the latest {@code size} events make the history.
 * Validated on construction (messages name the field); immutable and thread-safe.
 *
 * @param index the index, alias or pattern searched (as in a search request's path)
 * @param userField the field matched with a {@code term} query on the user id, default {@value #DEFAULT_USER_FIELD}
 * @param itemField the field read (from doc values) for the item id, default {@value #DEFAULT_ITEM_FIELD}
 * @param timeField the field sorted on, newest first, default {@value #DEFAULT_TIME_FIELD}
 * @param size how many of the latest events are read, at least 1, default {@value #DEFAULT_SIZE}; the
 *     upper bound is the node's {@code plugins.seqrec.max_history_length}, checked by {@link #checkSize}
 */
public record EventsSource(String index, String userField, String itemField, String timeField, int size)
        implements Writeable, ToXContentFragment {
    public static final String NAME = "events";
    public static final String DEFAULT_USER_FIELD = "user_id";
    public static final String DEFAULT_ITEM_FIELD = "item_id";
    public static final String DEFAULT_TIME_FIELD = "timestamp";
    public static final int DEFAULT_SIZE = 50;

    static final ParseField INDEX = new ParseField("index");
    static final ParseField USER_FIELD = new ParseField("user_field");
    static final ParseField ITEM_FIELD = new ParseField("item_field");
    static final ParseField TIME_FIELD = new ParseField("time_field");
    static final ParseField SIZE = new ParseField("size");

    /** What the JSON said, with the defaults where it said nothing. */
    private static final class Parsed {
        String index;
        String userField = DEFAULT_USER_FIELD;
        String itemField = DEFAULT_ITEM_FIELD;
        String timeField = DEFAULT_TIME_FIELD;
        int size = DEFAULT_SIZE;
    }

    // unknown keys fail (ObjectParser's default), with the key's name
    private static final ObjectParser<Parsed, Void> PARSER = new ObjectParser<>(NAME, Parsed::new);

    static {
        PARSER.declareString((p, v) -> p.index = v, INDEX);
        PARSER.declareString((p, v) -> p.userField = v, USER_FIELD);
        PARSER.declareString((p, v) -> p.itemField = v, ITEM_FIELD);
        PARSER.declareString((p, v) -> p.timeField = v, TIME_FIELD);
        PARSER.declareInt((p, v) -> p.size = v, SIZE);
    }

    public EventsSource {
        if (index == null || index.isBlank()) {
            throw new IllegalArgumentException(
                    "[events] [index] is required: the index (or alias, or pattern) holding the events");
        }
        requireField(userField, USER_FIELD);
        requireField(itemField, ITEM_FIELD);
        requireField(timeField, TIME_FIELD);
        if (size < 1) {
            throw new IllegalArgumentException(
                    "[events] [size] must be between 1 and plugins.seqrec.max_history_length, got [" + size + "]");
        }
    }

    /** The events of {@code index} with every other field at its default. */
    public static EventsSource of(String index) {
        return new EventsSource(index, DEFAULT_USER_FIELD, DEFAULT_ITEM_FIELD, DEFAULT_TIME_FIELD, DEFAULT_SIZE);
    }

    public EventsSource withSize(int newSize) {
        return new EventsSource(index, userField, itemField, timeField, newSize);
    }

    private static void requireField(String value, ParseField field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "[events] [" + field.getPreferredName() + "] must be a non-empty field name");
        }
    }

    /** @throws IllegalArgumentException when {@code size} is above {@code maxHistoryLength} */
    public void checkSize(int maxHistoryLength) {
        if (size > maxHistoryLength) {
            throw new IllegalArgumentException("[events] [size] must be between 1 and " + maxHistoryLength
                    + " (plugins.seqrec.max_history_length), got [" + size + "]");
        }
    }

    /**
     * Parses the {@code events} object (the parser is on its START_OBJECT).
     *
     * @throws IllegalArgumentException on a missing {@code index} or a bad value; unknown keys and
     *     wrong types fail in the parser, naming the key
     */
    public static EventsSource fromXContent(XContentParser parser) throws IOException {
        Parsed p = PARSER.parse(parser, null);
        return new EventsSource(p.index, p.userField, p.itemField, p.timeField, p.size);
    }

    /** Writes every field, defaults included, so that parsing the output gives an equal object. */
    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(NAME);
        builder.field(INDEX.getPreferredName(), index);
        builder.field(USER_FIELD.getPreferredName(), userField);
        builder.field(ITEM_FIELD.getPreferredName(), itemField);
        builder.field(TIME_FIELD.getPreferredName(), timeField);
        builder.field(SIZE.getPreferredName(), size);
        return builder.endObject();
    }

    /** Reads what {@link #writeTo} writes, in that order. */
    public static EventsSource readFrom(StreamInput in) throws IOException {
        return new EventsSource(in.readString(), in.readString(), in.readString(), in.readString(), in.readVInt());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(index);
        out.writeString(userField);
        out.writeString(itemField);
        out.writeString(timeField);
        out.writeVInt(size);
    }
}
