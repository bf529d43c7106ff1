package org.seqrec.plugin.parse;

import java.io.IOException;
import java.util.function.Supplier;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.query.SeqRecQueryBuilder;
import org.seqrec.plugin.query.SeqRecQueryOptions;

/**
 * Parses the body of a {@code "seqrec": {...}} query into a {@link SeqRecQueryBuilder}. Every
 * rejection is a {@link ParsingException} (400) naming the field and what it allows.
 *
 * <p>Stateless and thread-safe.
 */
public final class SeqRecQueryParser {
    private static final String NAME = SeqRecQueryBuilder.NAME;

    /** What the JSON said, before validation; null means "not given". */
    private static final class Parsed extends ClauseParsing.ParsedClause {
        Integer k;
        Boolean excludeHistory;
        Integer efSearch;
        Float boost;
        String queryName;
    }

    private static final ObjectParser<Parsed, Void> PARSER = new ObjectParser<>(NAME, Parsed::new);

    static {
        ClauseParsing.declareCommon(PARSER, NAME);
        PARSER.declareInt((p, v) -> p.k = v, ClauseFields.K);
        PARSER.declareBoolean((p, v) -> p.excludeHistory = v, ClauseFields.EXCLUDE_HISTORY);
        PARSER.declareInt((p, v) -> p.efSearch = ClauseParsing.efSearch(v), ClauseFields.EF_SEARCH);
        PARSER.declareFloat((p, v) -> p.boost = v, AbstractQueryBuilder.BOOST_FIELD);
        PARSER.declareString((p, v) -> p.queryName = v, AbstractQueryBuilder.NAME_FIELD);
    }

    private SeqRecQueryParser() {}

    /**
     * @param services the node's services (for the history length limit); may supply {@code null}
     *     before the node is up, in which case the setting's default applies
     */
    public static SeqRecQueryBuilder parse(XContentParser parser, Supplier<SeqRecServices> services)
            throws IOException {
        return ClauseParsing.parseClause(PARSER, NAME, parser, services, (p, maxHistory) -> {
            SeqRecQueryOptions options = options(p.common(), p.k, p.excludeHistory, p.efSearch);
            options.checkHistoryLength(maxHistory);
            SeqRecQueryBuilder builder = new SeqRecQueryBuilder(options, services);
            if (p.boost != null) {
                builder.boost(p.boost);
            }
            return builder.queryName(p.queryName);
        });
    }

    /**
     * The query's options from what a body said (null: not given, so the default).
     *
     * @throws IllegalArgumentException naming the bad field
     */
    static SeqRecQueryOptions options(CommonClauseOptions common, Integer k, Boolean excludeHistory, Integer efSearch) {
        return new SeqRecQueryOptions(
                common,
                k == null ? SeqRecQueryOptions.DEFAULT_K : k,
                excludeHistory == null ? SeqRecQueryOptions.DEFAULT_EXCLUDE_HISTORY : excludeHistory,
                efSearch == null ? 0 : efSearch);
    }
}
