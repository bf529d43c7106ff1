package org.seqrec.plugin.parse;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
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
import org.seqrec.plugin.history.HistoryTimes;
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
        final HistoryFields history = new HistoryFields();

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
            return new CommonClauseOptions(modelId, itemField, history.spec());
        }
    }

    /**
     * The fields a history comes from, as the JSON said them (null: not given): {@code history}
     * (item ids, or {@code {"item", "time"}} objects), {@code history_times}, {@code user_id},
     * {@code events} and {@code at}.
     */
    public static final class HistoryFields {
        List<String> history;
        List<Double> inlineTimes;
        List<Double> historyTimes;
        String userId;
        EventsSource events;
        Double at;

        /**
         * @throws IllegalArgumentException when the fields are combined wrongly (see {@link HistorySpec#of})
         *     or times come both inside {@code history} and as {@code history_times}
         */
        public HistorySpec spec() {
            if (inlineTimes != null && historyTimes != null) {
                throw new IllegalArgumentException("give the items' times either inside [" + HistorySpec.HISTORY
                        + "] or as [" + HistorySpec.HISTORY_TIMES + "], not both");
            }
            return HistorySpec.of(history, inlineTimes != null ? inlineTimes : historyTimes, userId, events, at);
        }
    }

    /** A parsed {@code history} array: item ids and, when its entries are objects, their times. */
    public record ParsedHistory(List<String> items, List<Double> times) {}

    /** Declares {@code model_id}, {@code item_field} and the history's fields (see {@link #declareHistorySpec}). */
    static <T extends ParsedClause> void declareCommon(ObjectParser<T, Void> objectParser, String owner) {
        objectParser.declareString((p, v) -> p.modelId = v, ClauseFields.MODEL_ID);
        objectParser.declareString((p, v) -> p.itemField = v, ClauseFields.ITEM_FIELD);
        declareHistorySpec(objectParser, owner, p -> p.history);
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
     * Reads a {@code history} array, oldest first: item ids (strings; numbers are taken as their
     * text), or objects {@code {"item": ID, "time": T}} (every entry then an object with both), T an
     * ISO-8601 date-time or epoch seconds ({@link HistoryTimes#parse}). A bad entry or time is a 400
     * naming its position.
     *
     * @param owner what the array belongs to, for messages ({@code seqrec}, {@code _recommend})
     */
    public static ParsedHistory parseHistory(XContentParser parser, String owner) throws IOException {
        if (parser.currentToken() != XContentParser.Token.START_ARRAY) {
            throw new ParsingException(
                    parser.getTokenLocation(),
                    "[{}] [{}] must be an array of item ids, oldest first, got {}",
                    owner,
                    HistorySpec.HISTORY,
                    parser.currentToken());
        }
        List<String> history = new ArrayList<>();
        List<Double> times = new ArrayList<>();
        Boolean objects = null;
        for (XContentParser.Token t = parser.nextToken(); t != XContentParser.Token.END_ARRAY; t = parser.nextToken()) {
            boolean object = t == XContentParser.Token.START_OBJECT;
            if (!object && t != XContentParser.Token.VALUE_STRING && t != XContentParser.Token.VALUE_NUMBER) {
                throw new ParsingException(
                        parser.getTokenLocation(),
                        "[{}] [{}] must be an array of item ids (strings), got {} at position {} (or an array of"
                                + " {\"item\": ..., \"time\": ...} objects)",
                        owner,
                        HistorySpec.HISTORY,
                        t,
                        history.size());
            }
            if (objects != null && objects != object) {
                throw new ParsingException(
                        parser.getTokenLocation(),
                        "[{}] [{}] mixes item ids and {\"item\", \"time\"} objects (position {}): use one kind",
                        owner,
                        HistorySpec.HISTORY,
                        history.size());
            }
            objects = object;
            if (object) {
                parseTimedItem(parser, owner, history, times);
            } else {
                history.add(parser.text());
            }
        }
        return new ParsedHistory(history, Boolean.TRUE.equals(objects) ? times : null);
    }

    /** One {@code {"item": ID, "time": T}} entry (the parser is on its START_OBJECT). */
    private static void parseTimedItem(XContentParser parser, String owner, List<String> items, List<Double> times)
            throws IOException {
        int position = items.size();
        String field = "[" + HistorySpec.HISTORY + "][" + position + "]";
        XContentLocation start = parser.getTokenLocation();
        String item = null;
        Double time = null;
        for (XContentParser.Token t = parser.nextToken();
                t != XContentParser.Token.END_OBJECT;
                t = parser.nextToken()) {
            String key = parser.currentName();
            XContentParser.Token value = parser.nextToken();
            if (value != XContentParser.Token.VALUE_STRING && value != XContentParser.Token.VALUE_NUMBER) {
                throw new ParsingException(
                        parser.getTokenLocation(),
                        "[{}] {}[{}] must be a string or a number, got {}",
                        owner,
                        field,
                        key,
                        value);
            }
            switch (key) {
                case "item" -> item = parser.text();
                case "time" -> time = parseTime(parser, owner, field + "[time]");
                default ->
                    throw new ParsingException(
                            parser.getTokenLocation(),
                            "[{}] {} has an unknown key [{}]: use [item] and [time]",
                            owner,
                            field,
                            key);
            }
        }
        require(item, owner, field + "[item]", "the item id", start);
        require(time, owner, field + "[time]", "when the event happened (ISO-8601 or epoch seconds)", start);
        items.add(item);
        times.add(time);
    }

    /** Reads {@code history_times}: one time per item of {@code history}, each ISO-8601 or epoch seconds. */
    public static List<Double> parseHistoryTimes(XContentParser parser, String owner) throws IOException {
        if (parser.currentToken() != XContentParser.Token.START_ARRAY) {
            throw new ParsingException(
                    parser.getTokenLocation(),
                    "[{}] [{}] must be an array of times, one per item of [{}], got {}",
                    owner,
                    HistorySpec.HISTORY_TIMES,
                    HistorySpec.HISTORY,
                    parser.currentToken());
        }
        List<Double> times = new ArrayList<>();
        for (XContentParser.Token t = parser.nextToken(); t != XContentParser.Token.END_ARRAY; t = parser.nextToken()) {
            times.add(parseTime(parser, owner, "[" + HistorySpec.HISTORY_TIMES + "][" + times.size() + "]"));
        }
        return times;
    }

    /** One time (the parser is on it): ISO-8601 or epoch seconds; a 400 naming {@code field} otherwise. */
    public static double parseTime(XContentParser parser, String owner, String field) throws IOException {
        XContentParser.Token t = parser.currentToken();
        if (t != XContentParser.Token.VALUE_STRING && t != XContentParser.Token.VALUE_NUMBER) {
            throw new ParsingException(
                    parser.getTokenLocation(),
                    "[{}] {} must be a time (ISO-8601 string or epoch seconds), got {}",
                    owner,
                    field,
                    t);
        }
        Object value = t == XContentParser.Token.VALUE_NUMBER ? parser.numberValue() : parser.text();
        return validated(owner, parser.getTokenLocation(), () -> HistoryTimes.parse(value, field));
    }

    /**
     * Declares the fields a history comes from on {@code objectParser}: {@code history} (see
     * {@link #parseHistory}), {@code history_times} ({@link #parseHistoryTimes}), {@code user_id} (a
     * string; numbers are taken as their text), {@code events} (see {@link EventsSource#fromXContent})
     * and {@code at} (the moment the history is scored, {@link #parseTime}). {@link HistoryFields#spec}
     * then checks that they were combined correctly.
     */
    public static <T> void declareHistorySpec(
            ObjectParser<T, Void> objectParser, String owner, Function<T, HistoryFields> fields) {
        objectParser.declareField(
                (p, v) -> {
                    fields.apply(p).history = v.items();
                    fields.apply(p).inlineTimes = v.times();
                },
                parser -> parseHistory(parser, owner),
                ClauseFields.HISTORY,
                ObjectParser.ValueType.VALUE_ARRAY);
        objectParser.declareField(
                (p, v) -> fields.apply(p).historyTimes = v,
                parser -> parseHistoryTimes(parser, owner),
                ClauseFields.HISTORY_TIMES,
                ObjectParser.ValueType.VALUE_ARRAY);
        objectParser.declareField(
                (p, v) -> fields.apply(p).userId = v,
                parser -> parseUserId(parser, owner),
                ClauseFields.USER_ID,
                ObjectParser.ValueType.VALUE);
        objectParser.declareObject(
                (p, v) -> fields.apply(p).events = v,
                (parser, context) -> EventsSource.fromXContent(parser),
                ClauseFields.EVENTS);
        objectParser.declareField(
                (p, v) -> fields.apply(p).at = v,
                parser -> parseTime(parser, owner, "[" + HistorySpec.AT + "]"),
                ClauseFields.AT,
                ObjectParser.ValueType.VALUE);
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
