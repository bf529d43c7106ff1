package org.seqrec.plugin.parse;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.common.xcontent.XContentHelper;
import org.opensearch.common.xcontent.XContentType;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParser;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.pipeline.PersonalizeOptions;
import org.seqrec.plugin.query.SeqRecQueryOptions;
import org.seqrec.plugin.rescore.SeqRecRescoreOptions;

/**
 * Parses the configuration of a {@code seqrec_personalize} search request processor:
 *
 * <pre>{@code
 * {"model_id": "shop-sasrec", "item_field": "item_id",
 *  "events": {"index": "events", "user_field": "user_id", "item_field": "item_id", "time_field": "timestamp", "size": 50},
 *  "rescore": {"window_size": 100, "query_weight": 1.0, "rescore_query_weight": 1.0, "score_mode": "total", "normalize": "none"},
 *  "query": {"k": 200, "exclude_history": true, "boost": 1.0}}
 * }</pre>
 *
 * {@code model_id}, {@code item_field} and {@code events} are required; {@code rescore} is optional
 * (every setting at the rescorer's default); {@code query} adds the {@code seqrec} query when given.
 * The same fields, defaults, limits and messages as the clauses: {@code events} by {@link
 * EventsSource#fromXContent}, the rescorer's and the query's options by their parsers' builders.
 * Every rejection is a {@link ParsingException} (400 when the pipeline is created) naming the field.
 *
 * <p>Stateless and thread-safe.
 */
public final class PersonalizeProcessorParser {
    /** The owner named in messages. */
    public static final String NAME = ClauseFields.PERSONALIZE_PROCESSOR;

    /** What the configuration said; null means "not given". */
    private static final class Parsed {
        String modelId;
        String itemField;
        EventsSource events;
        RescoreSettings rescore;
        QuerySettings query;
    }

    private static final class RescoreSettings {
        Integer windowSize;
        Float queryWeight;
        Float rescoreQueryWeight;
        String scoreMode;
        String normalize;
    }

    private static final class QuerySettings {
        Integer k;
        Boolean excludeHistory;
        Float boost;
    }

    private static final ObjectParser<RescoreSettings, Void> RESCORE =
            new ObjectParser<>(ClauseFields.RESCORE.getPreferredName(), RescoreSettings::new);
    private static final ObjectParser<QuerySettings, Void> QUERY =
            new ObjectParser<>(ClauseFields.QUERY.getPreferredName(), QuerySettings::new);
    private static final ObjectParser<Parsed, Void> PARSER = new ObjectParser<>(NAME, Parsed::new);

    static {
        RESCORE.declareInt((r, v) -> r.windowSize = v, ClauseFields.WINDOW_SIZE);
        RESCORE.declareFloat((r, v) -> r.queryWeight = v, ClauseFields.QUERY_WEIGHT);
        RESCORE.declareFloat((r, v) -> r.rescoreQueryWeight = v, ClauseFields.RESCORE_QUERY_WEIGHT);
        RESCORE.declareString((r, v) -> r.scoreMode = v, ClauseFields.SCORE_MODE);
        RESCORE.declareString((r, v) -> r.normalize = v, ClauseFields.NORMALIZE);
        QUERY.declareInt((q, v) -> q.k = v, ClauseFields.K);
        QUERY.declareBoolean((q, v) -> q.excludeHistory = v, ClauseFields.EXCLUDE_HISTORY);
        QUERY.declareFloat((q, v) -> q.boost = v, ClauseFields.BOOST);
        PARSER.declareString((p, v) -> p.modelId = v, ClauseFields.MODEL_ID);
        PARSER.declareString((p, v) -> p.itemField = v, ClauseFields.ITEM_FIELD);
        PARSER.declareObject(
                (p, v) -> p.events = v, (parser, c) -> EventsSource.fromXContent(parser), ClauseFields.EVENTS);
        PARSER.declareObject((p, v) -> p.rescore = v, RESCORE, ClauseFields.RESCORE);
        PARSER.declareObject((p, v) -> p.query = v, QUERY, ClauseFields.QUERY);
    }

    private PersonalizeProcessorParser() {}

    /**
     * Parses a processor's configuration, as the pipeline's JSON gave it; the keys this parser read
     * (all of them: unknown keys are rejected) are removed from {@code config}, as OpenSearch expects.
     *
     * @param maxHistoryLength the node's {@code plugins.seqrec.max_history_length} (bounds {@code events.size})
     * @param maxWindowSize the node's {@code plugins.seqrec.max_window_size}
     */
    public static PersonalizeOptions parse(Map<String, Object> config, int maxHistoryLength, int maxWindowSize)
            throws IOException {
        Parsed p;
        XContentLocation start;
        try (XContentParser parser = parserOf(config)) {
            parser.nextToken();
            start = parser.getTokenLocation();
            p = ClauseParsing.parse(PARSER, parser);
        }
        config.clear();
        ClauseParsing.require(p.modelId, NAME, ClauseFields.MODEL_ID.getPreferredName(), start);
        ClauseParsing.require(p.itemField, NAME, ClauseFields.ITEM_FIELD.getPreferredName(), start);
        ClauseParsing.require(
                p.events,
                NAME,
                ClauseFields.EVENTS.getPreferredName(),
                "where the users' events are, as in the clauses' [user_id] lookup",
                start);
        return ClauseParsing.validated(NAME, start, () -> {
            p.events.checkSize(maxHistoryLength);
            // templates: the processor puts the user's history in at search time
            CommonClauseOptions common = new CommonClauseOptions(p.modelId, p.itemField, HistorySpec.given(List.of()));
            RescoreSettings r = p.rescore == null ? new RescoreSettings() : p.rescore;
            SeqRecRescoreOptions rescore =
                    SeqRecRescoreParser.options(common, r.queryWeight, r.rescoreQueryWeight, r.scoreMode, r.normalize);
            if (r.windowSize != null && r.windowSize > maxWindowSize) {
                throw new IllegalArgumentException("[rescore] [window_size] must be <= " + maxWindowSize
                        + " (plugins.seqrec.max_window_size), got [" + r.windowSize + "]");
            }
            SeqRecQueryOptions query =
                    p.query == null ? null : SeqRecQueryParser.options(common, p.query.k, p.query.excludeHistory, null);
            float boost =
                    p.query == null || p.query.boost == null ? PersonalizeOptions.DEFAULT_QUERY_BOOST : p.query.boost;
            return new PersonalizeOptions(p.events, rescore, r.windowSize, query, boost);
        });
    }

    /** The configuration map as JSON, to run the same object parsers as the clauses' bodies. */
    private static XContentParser parserOf(Map<String, Object> config) throws IOException {
        try (XContentBuilder json = XContentFactory.jsonBuilder()) {
            json.map(config);
            return XContentHelper.createParser(
                    NamedXContentRegistry.EMPTY,
                    DeprecationHandler.THROW_UNSUPPORTED_OPERATION,
                    BytesReference.bytes(json),
                    XContentType.JSON);
        }
    }
}
