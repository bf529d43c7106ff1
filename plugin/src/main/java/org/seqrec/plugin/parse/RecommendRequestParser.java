package org.seqrec.plugin.parse;

import java.io.IOException;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParser;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.transport.RecommendRequest;

/**
 * Parses a {@code _recommend} body, {@code {"history": [...], "k": 10, "exclude_history": true,
 * "ef_search": 400}} or {@code {"user_id": "u-1", "events": {...}, "k": 10}}, into a {@link
 * RecommendRequest}: exactly one of {@code history} or {@code user_id} (with {@code events}), as in
 * the clauses. Every rejection is a {@link ParsingException} (400) naming the field and what it allows.
 *
 * <p>Stateless and thread-safe.
 */
public final class RecommendRequestParser {
    /** The owner named in messages. */
    public static final String NAME = "_recommend";

    /** What the body said; null means "not given". */
    private static final class Parsed {
        final ClauseParsing.HistoryFields history = new ClauseParsing.HistoryFields();
        Integer k;
        Boolean excludeHistory;
        Integer efSearch;
    }

    private static final ObjectParser<Parsed, Void> PARSER = new ObjectParser<>(NAME, Parsed::new);

    static {
        ClauseParsing.declareHistorySpec(PARSER, NAME, p -> p.history);
        PARSER.declareInt((p, v) -> p.k = v, ClauseFields.K);
        PARSER.declareBoolean((p, v) -> p.excludeHistory = v, ClauseFields.EXCLUDE_HISTORY);
        PARSER.declareInt((p, v) -> p.efSearch = ClauseParsing.efSearch(v), ClauseFields.EF_SEARCH);
    }

    private RecommendRequestParser() {}

    /**
     * Parses a {@code _recommend} body for {@code modelId} (from the path, checked here too); the
     * history length limit is the node's, checked by the transport action.
     */
    public static RecommendRequest parse(String modelId, XContentParser parser) throws IOException {
        XContentLocation start = parser.getTokenLocation();
        Parsed p = ClauseParsing.parse(PARSER, parser);
        return ClauseParsing.validated(
                NAME,
                start,
                () -> new RecommendRequest(
                        modelId,
                        p.history.spec(),
                        p.k == null ? RecommendRequest.DEFAULT_K : p.k,
                        p.excludeHistory == null || p.excludeHistory,
                        p.efSearch == null ? 0 : p.efSearch));
    }
}
