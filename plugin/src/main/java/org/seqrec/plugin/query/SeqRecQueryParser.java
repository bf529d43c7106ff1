package org.seqrec.plugin.query;

import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;
import org.opensearch.core.ParseField;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.parse.ClauseParsing;

/**
 * Parses the body of a {@code "seqrec": {...}} query into a {@link SeqRecQueryBuilder}. Every
 * rejection is a {@link ParsingException} (400) naming the field and what it allows.
 *
 * <p>Stateless and thread-safe.
 */
public final class SeqRecQueryParser {
    static final ParseField MODEL_ID = new ParseField("model_id");
    static final ParseField ITEM_FIELD = new ParseField("item_field");
    static final ParseField K = new ParseField("k");
    static final ParseField EXCLUDE_HISTORY = new ParseField("exclude_history");

    /** What the JSON said, before validation; null means "not given". */
    private static final class Parsed {
        String modelId;
        String itemField;
        List<String> history;
        String userId;
        EventsSource events;
        Integer k;
        Boolean excludeHistory;
        Float boost;
        String queryName;
    }

    private static final ObjectParser<Parsed, Void> PARSER = new ObjectParser<>(SeqRecQueryBuilder.NAME, Parsed::new);

    static {
        PARSER.declareString((p, v) -> p.modelId = v, MODEL_ID);
        PARSER.declareString((p, v) -> p.itemField = v, ITEM_FIELD);
        ClauseParsing.declareHistorySpec(PARSER, SeqRecQueryBuilder.NAME, (p, v) -> p.history = v, (p, v) -> p.userId = v,
                (p, v) -> p.events = v);
        PARSER.declareInt((p, v) -> p.k = v, K);
        PARSER.declareBoolean((p, v) -> p.excludeHistory = v, EXCLUDE_HISTORY);
        PARSER.declareFloat((p, v) -> p.boost = v, AbstractQueryBuilder.BOOST_FIELD);
        PARSER.declareString((p, v) -> p.queryName = v, AbstractQueryBuilder.NAME_FIELD);
    }

    private SeqRecQueryParser() {}

    /**
     * @param services the node's services (for the history length limit); may supply {@code null}
     *     before the node is up, in which case the setting's default applies
     */
    public static SeqRecQueryBuilder parse(XContentParser parser, Supplier<SeqRecServices> services) throws IOException {
        XContentLocation start = parser.getTokenLocation();
        Parsed p = ClauseParsing.parse(PARSER, parser);
        ClauseParsing.require(p.modelId, SeqRecQueryBuilder.NAME, MODEL_ID.getPreferredName(), start);
        ClauseParsing.require(p.itemField, SeqRecQueryBuilder.NAME, ITEM_FIELD.getPreferredName(), start);
        int maxHistory = ClauseParsing.maxHistoryLength(services);
        try {
            HistorySpec history = HistorySpec.of(p.history, p.userId, p.events);
            SeqRecQueryOptions options = new SeqRecQueryOptions(p.modelId, p.itemField, history,
                    p.k == null ? SeqRecQueryOptions.DEFAULT_K : p.k,
                    p.excludeHistory == null ? SeqRecQueryOptions.DEFAULT_EXCLUDE_HISTORY : p.excludeHistory);
            options.checkHistoryLength(maxHistory);
            SeqRecQueryBuilder builder = new SeqRecQueryBuilder(options, services);
            if (p.boost != null) {
                builder.boost(p.boost);
            }
            return builder.queryName(p.queryName);
        } catch (IllegalArgumentException e) {
            throw new ParsingException(start, "[{}] {}", e, SeqRecQueryBuilder.NAME, e.getMessage());
        }
    }
}
