package org.seqrec.plugin.clause;

import org.opensearch.core.ParseField;
import org.seqrec.plugin.history.HistorySpec;

/**
 * The DSL names of the {@code seqrec} query, the {@code seqrec} rescorer, the {@code _recommend}
 * body, the {@code seqrec_personalize} search pipeline processor and the search request's
 * {@code ext.seqrec} section: one set, read by the parsers ({@code org.seqrec.plugin.parse}) and
 * written by each options record's {@code toXContentFields}.
 */
public final class ClauseFields {
    private ClauseFields() {}

    /** The name of both clauses: {@code "query": {"seqrec": ...}} and {@code "rescore": {"seqrec": ...}}. */
    public static final String NAME = "seqrec";

    // every clause
    public static final ParseField MODEL_ID = new ParseField("model_id");
    public static final ParseField ITEM_FIELD = new ParseField("item_field");
    public static final ParseField HISTORY = new ParseField(HistorySpec.HISTORY);
    public static final ParseField HISTORY_TIMES = new ParseField(HistorySpec.HISTORY_TIMES);
    public static final ParseField AT = new ParseField(HistorySpec.AT);
    public static final ParseField USER_ID = new ParseField(HistorySpec.USER_ID);
    public static final ParseField EVENTS = new ParseField(HistorySpec.EVENTS);

    // the query and _recommend
    public static final ParseField K = new ParseField("k");
    public static final ParseField EXCLUDE_HISTORY = new ParseField("exclude_history");
    public static final ParseField EF_SEARCH = new ParseField("ef_search");

    // the rescorer
    public static final ParseField QUERY_WEIGHT = new ParseField("query_weight");
    public static final ParseField RESCORE_QUERY_WEIGHT = new ParseField("rescore_query_weight");
    public static final ParseField SCORE_MODE = new ParseField("score_mode");
    public static final ParseField NORMALIZE = new ParseField("normalize");
    public static final ParseField FEATURE_FIELDS = new ParseField("feature_fields");

    // the seqrec_personalize search request processor (its config; rescore and query settings by the names above)
    public static final String PERSONALIZE_PROCESSOR = "seqrec_personalize";
    public static final ParseField RESCORE = new ParseField("rescore");
    public static final ParseField QUERY = new ParseField("query");
    public static final ParseField WINDOW_SIZE = new ParseField("window_size");
    public static final ParseField BOOST = new ParseField("boost");

    /** The HTTP header a search names its user in for {@code seqrec_personalize}, when {@code ext.seqrec} does not. */
    public static final String USER_HEADER = "X-Seqrec-User-Id";
}
