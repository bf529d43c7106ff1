package org.seqrec.plugin.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParseException;
import org.opensearch.core.xcontent.XContentParser;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.retrieval.ItemRetrieval;
import org.seqrec.plugin.settings.SeqRecSettings;

/**
 * Parsing shared by every seqrec clause and request body (the rescorer, the query, {@code
 * _recommend}): bad input becomes a {@link ParsingException} (400) that names the clause and the
 * field. Each parser in this package reads its JSON into a holder of nullable fields with an
 * {@link ObjectParser} ({@link #parse}), checks the required ones ({@link #require}), then builds
 * its validated value inside {@link #validated}.
 */
public final class ClauseParsing {
    private ClauseParsing() {}

    /**
     * The fields every {@code seqrec} clause has, as the JSON said them; null means "not given". A
     * clause's holder extends it and declares them with {@link #declareCommon}.
     */
    abstract static class ParsedClause {
        String modelId;
        String itemField;
        List<String> history;
        String userId;
        EventsSource events;

        /** Fails with {@code [owner] requires [model_id]} or {@code [item_field]} when one is missing. */
        void requireCommon(String owner, XContentLocation location) {
            require(modelId, owner, ClauseFields.MODEL_ID.getPreferredName(), location);
            require(itemField, owner, ClauseFields.ITEM_FIELD.getPreferredName(), location);
        }

        /**
         * @throws IllegalArgumentException when the history's fields are combined wrongly or a value
         *     is bad (call it inside {@link #validated})
         */
        CommonClauseOptions common() {
            return new CommonClauseOptions(modelId, itemField, HistorySpec.of(history, userId, events));
        }
    }

    /** Declares {@code model_id}, {@code item_field} and the history's fields (see {@link #declareHistorySpec}). */
    static <T extends ParsedClause> void declareCommon(ObjectParser<T, Void> objectParser, String owner) {
        objectParser.declareString((p, v) -> p.modelId = v, ClauseFields.MODEL_ID);
        objectParser.declareString((p, v) -> p.itemField = v, ClauseFields.ITEM_FIELD);
        declareHistorySpec(
                objectParser, owner, (p, v) -> p.history = v, (p, v) -> p.userId = v, (p, v) -> p.events = v);
    }

    /**
     * The steps every {@code seqrec} clause is parsed by: runs {@code objectParser}, requires
     * {@code model_id} and {@code item_field}, then has {@code build} make the clause's builder from
     * what was parsed and the node's history length limit, its bad values turned into 400s naming
     * {@code owner}.
     *
     * @param services the node's services; may supply {@code null} before the node is up (the
     *     setting's default limit applies)
     */
    static <P extends ParsedClause, B> B parseClause(
            ObjectParser<P, Void> objectParser,
            String owner,
            XContentParser parser,
            Supplier<SeqRecServices> services,
            BiFunction<P, Integer, B> build)
            throws IOException {
        XContentLocation start = parser.getTokenLocation();
        P parsed = parse(objectParser, parser);
        parsed.requireCommon(owner, start);
        int maxHistory = maxHistoryLength(services);
        return validated(owner, start, () -> build.apply(parsed, maxHistory));
    }

    /** Runs {@code objectParser}, turning its errors into a 400 that keeps the cause's words. */
    public static <T> T parse(ObjectParser<T, Void> objectParser, XContentParser parser) throws IOException {
        try {
            return objectParser.parse(parser, null);
        } catch (XContentParseException e) {
            String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            throw new ParsingException(e.getLocation(), "{}{}", e, e.getMessage(), cause);
        }
    }

    /**
     * A given {@code ef_search}: 1..{@value ItemRetrieval#MAX_EF_SEARCH} (0 is how options say "not
     * given", so a given 0 is refused).
     *
     * @throws IllegalArgumentException naming the field and its range (a 400 through {@link #parse})
     */
    public static int efSearch(int value) {
        if (value < 1 || value > ItemRetrieval.MAX_EF_SEARCH) {
            throw new IllegalArgumentException("[" + ClauseFields.EF_SEARCH.getPreferredName()
                    + "] must be between 1 and " + ItemRetrieval.MAX_EF_SEARCH + ", got [" + value + "]");
        }
        return value;
    }

    /** Fails with {@code [owner] requires [field]} when a required field was not given. */
    public static void require(Object value, String owner, String field, XContentLocation location) {
        if (value == null) {
            throw new ParsingException(location, "[{}] requires [{}]", owner, field);
        }
    }

    /** Fails with {@code [owner] requires [field]: what} when a required field was not given. */
    public static void require(Object value, String owner, String field, String what, XContentLocation location) {
        if (value == null) {
            throw new ParsingException(location, "[{}] requires [{}]: {}", owner, field, what);
        }
    }

    /**
     * Builds a parsed value, turning the {@link IllegalArgumentException} of a bad value into a
     * {@link ParsingException} (400) {@code [owner] <message>}.
     */
    public static <T> T validated(String owner, XContentLocation location, Supplier<T> build) {
        try {
            return build.get();
        } catch (IllegalArgumentException e) {
            throw new ParsingException(location, "[{}] {}", e, owner, e.getMessage());
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
            throw new ParsingException(
                    parser.getTokenLocation(),
                    "[{}] [{}] must be an array of item ids, oldest first, got {}",
                    owner,
                    HistorySpec.HISTORY,
                    parser.currentToken());
        }
        List<String> history = new ArrayList<>();
        for (XContentParser.Token t = parser.nextToken(); t != XContentParser.Token.END_ARRAY; t = parser.nextToken()) {
            if (t != XContentParser.Token.VALUE_STRING && t != XContentParser.Token.VALUE_NUMBER) {
                throw new ParsingException(
                        parser.getTokenLocation(),
                        "[{}] [{}] must be an array of item ids (strings), got {} at position {}",
                        owner,
                        HistorySpec.HISTORY,
                        t,
                        history.size());
            }
            history.add(parser.text());
        }
        return history;
    }

    /** Declares the {@code history} field (see {@link #parseHistory}) on {@code objectParser}. */
    public static <T> void declareHistory(
            ObjectParser<T, Void> objectParser, String owner, BiConsumer<T, List<String>> history) {
        objectParser.declareField(
                history,
                parser -> parseHistory(parser, owner),
                ClauseFields.HISTORY,
                ObjectParser.ValueType.VALUE_ARRAY);
    }

    /**
     * Declares the three fields a clause's history comes from on {@code objectParser}: {@code
     * history} (see {@link #parseHistory}), {@code user_id} (a string; numbers are taken as their
     * text) and {@code events} (see {@link EventsSource#fromXContent}). {@link HistorySpec#of} then
     * checks that they were combined correctly.
     */
    public static <T> void declareHistorySpec(
            ObjectParser<T, Void> objectParser,
            String owner,
            BiConsumer<T, List<String>> history,
            BiConsumer<T, String> userId,
            BiConsumer<T, EventsSource> events) {
        declareHistory(objectParser, owner, history);
        objectParser.declareField(
                userId, parser -> parseUserId(parser, owner), ClauseFields.USER_ID, ObjectParser.ValueType.VALUE);
        objectParser.declareObject(events, (parser, context) -> EventsSource.fromXContent(parser), ClauseFields.EVENTS);
    }

    /** Reads a {@code user_id}: a string, or a number taken as its text. */
    public static String parseUserId(XContentParser parser, String owner) throws IOException {
        XContentParser.Token t = parser.currentToken();
        if (t != XContentParser.Token.VALUE_STRING && t != XContentParser.Token.VALUE_NUMBER) {
            throw new ParsingException(
                    parser.getTokenLocation(), "[{}] [{}] must be a string, got {}", owner, HistorySpec.USER_ID, t);
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
