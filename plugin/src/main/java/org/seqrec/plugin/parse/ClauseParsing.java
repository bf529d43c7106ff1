package org.seqrec.plugin.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.ParseField;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParseException;
import org.opensearch.core.xcontent.XContentParser;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.settings.SeqRecSettings;

/**
 * Parsing shared by every seqrec clause and request body (the rescorer, the query, {@code
 * _recommend}): bad input becomes a {@link ParsingException} (400) that names the clause and the
 * field.
 */
public final class ClauseParsing {
    /** The field every clause reads the user's items from. */
    public static final String HISTORY = HistorySpec.HISTORY;
    public static final ParseField HISTORY_FIELD = new ParseField(HistorySpec.HISTORY);
    public static final ParseField USER_ID_FIELD = new ParseField(HistorySpec.USER_ID);
    public static final ParseField EVENTS_FIELD = new ParseField(HistorySpec.EVENTS);

    private ClauseParsing() {}

    /** Runs {@code objectParser}, turning its errors into a 400 that keeps the cause's words. */
    public static <T> T parse(ObjectParser<T, Void> objectParser, XContentParser parser) throws IOException {
        try {
            return objectParser.parse(parser, null);
        } catch (XContentParseException e) {
            String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            throw new ParsingException(e.getLocation(), "{}{}", e, e.getMessage(), cause);
        }
    }

    /** Fails with {@code [owner] requires [field]} when a required field was not given. */
    public static void require(Object value, String owner, String field, XContentLocation location) {
        if (value == null) {
            throw new ParsingException(location, "[{}] requires [{}]", owner, field);
        }
    }

    /**
     * Reads a {@code history} array of item ids, oldest first (strings; numbers are taken as their
     * text).
     *
     * @param owner what the array belongs to, for messages ({@code seqrec}, {@code _recommend})
     */
    public static List<String> parseHistory(XContentParser parser, String owner) throws IOException {
        if (parser.currentToken() != XContentParser.Token.START_ARRAY) {
            throw new ParsingException(parser.getTokenLocation(), "[{}] [{}] must be an array of item ids, oldest first, got {}",
                    owner, HISTORY, parser.currentToken());
        }
        List<String> history = new ArrayList<>();
        for (XContentParser.Token t = parser.nextToken(); t != XContentParser.Token.END_ARRAY; t = parser.nextToken()) {
            if (t != XContentParser.Token.VALUE_STRING && t != XContentParser.Token.VALUE_NUMBER) {
                throw new ParsingException(parser.getTokenLocation(), "[{}] [{}] must be an array of item ids (strings), got {} at position {}",
                        owner, HISTORY, t, history.size());
            }
            history.add(parser.text());
        }
        return history;
    }

    /**
     * Declares the three fields a clause's history comes from on {@code objectParser}: {@code
     * history} (see {@link #parseHistory}), {@code user_id} (a string; numbers are taken as their
     * text) and {@code events} (see {@link EventsSource#fromXContent}). {@link HistorySpec#of} then
     * checks that they were combined correctly.
     */
    public static <T> void declareHistorySpec(ObjectParser<T, Void> objectParser, String owner, BiConsumer<T, List<String>> history,
                                              BiConsumer<T, String> userId, BiConsumer<T, EventsSource> events) {
        objectParser.declareField(history, parser -> parseHistory(parser, owner), HISTORY_FIELD, ObjectParser.ValueType.VALUE_ARRAY);
        objectParser.declareField(userId, parser -> parseUserId(parser, owner), USER_ID_FIELD, ObjectParser.ValueType.VALUE);
        objectParser.declareObject(events, (parser, context) -> EventsSource.fromXContent(parser), EVENTS_FIELD);
    }

    /** Reads a {@code user_id}: a string, or a number taken as its text. */
    public static String parseUserId(XContentParser parser, String owner) throws IOException {
        XContentParser.Token t = parser.currentToken();
        if (t != XContentParser.Token.VALUE_STRING && t != XContentParser.Token.VALUE_NUMBER) {
            throw new ParsingException(parser.getTokenLocation(), "[{}] [{}] must be a string, got {}", owner, HistorySpec.USER_ID, t);
        }
        return parser.text();
    }

    /**
     * The node's {@code plugins.seqrec.max_history_length}, or the setting's default while the node's
     * services do not exist yet.
     */
    public static int maxHistoryLength(Supplier<SeqRecServices> services) {
        SeqRecServices node = services.get();
        return node == null ? SeqRecSettings.MAX_HISTORY_LENGTH.getDefault(Settings.EMPTY) : node.maxHistoryLength();
    }
}
