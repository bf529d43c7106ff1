package org.seqrec.plugin.parse;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentParser;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.rescore.SeqRecRescoreOptions;
import org.seqrec.plugin.rescore.SeqRecRescorerBuilder;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreMode;

/**
 * Parses the body of a {@code "seqrec": {...}} rescore clause into a {@link SeqRecRescorerBuilder}
 * (OpenSearch parses the {@code window_size} around it). Every rejection is a
 * {@link ParsingException} (400) naming the field and what it allows.
 *
 * <p>Stateless and thread-safe.
 */
public final class SeqRecRescoreParser {
    private static final String NAME = SeqRecRescorerBuilder.NAME;

    /** What the JSON said, before validation; null means "not given". */
    private static final class Parsed extends ClauseParsing.ParsedClause {
        Float queryWeight;
        Float rescoreQueryWeight;
        String scoreMode;
        String normalize;
        Map<String, String> featureFields;
    }

    private static final ObjectParser<Parsed, Void> PARSER = new ObjectParser<>(NAME, Parsed::new);

    static {
        ClauseParsing.declareCommon(PARSER, NAME);
        PARSER.declareFloat((p, v) -> p.queryWeight = v, ClauseFields.QUERY_WEIGHT);
        PARSER.declareFloat((p, v) -> p.rescoreQueryWeight = v, ClauseFields.RESCORE_QUERY_WEIGHT);
        PARSER.declareString((p, v) -> p.scoreMode = v, ClauseFields.SCORE_MODE);
        PARSER.declareString((p, v) -> p.normalize = v, ClauseFields.NORMALIZE);
        PARSER.declareObject(
                (p, v) -> p.featureFields = v, (parser, c) -> featureFields(parser), ClauseFields.FEATURE_FIELDS);
    }

    private SeqRecRescoreParser() {}

    /**
     * @param services the node's services (for the history length limit); may supply {@code null}
     *     before the node is up, in which case the setting's default applies
     */
    public static SeqRecRescorerBuilder parse(XContentParser parser, Supplier<SeqRecServices> services)
            throws IOException {
        return ClauseParsing.parseClause(PARSER, NAME, parser, services, (p, maxHistory) -> {
            SeqRecRescoreOptions options = options(
                            p.common(), p.queryWeight, p.rescoreQueryWeight, p.scoreMode, p.normalize)
                    .withFeatureFields(p.featureFields);
            options.checkHistoryLength(maxHistory);
            return new SeqRecRescorerBuilder(options, services);
        });
    }

    /** {@code "feature_fields": {"hit_field": "feature_name", ...}}: an object of strings, in order. */
    private static Map<String, String> featureFields(XContentParser parser) throws IOException {
        Map<String, String> fields = new LinkedHashMap<>();
        String name = "[" + NAME + "] [" + ClauseFields.FEATURE_FIELDS.getPreferredName() + "]";
        XContentParser.Token token;
        while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT) {
            if (token != XContentParser.Token.FIELD_NAME) {
                throw new ParsingException(parser.getTokenLocation(), name + " must be an object of field names");
            }
            String field = parser.currentName();
            if (parser.nextToken() != XContentParser.Token.VALUE_STRING) {
                throw new ParsingException(
                        parser.getTokenLocation(),
                        name + " [" + field + "] must name one of the model's feature fields (a string)");
            }
            fields.put(field, parser.text());
        }
        return fields;
    }

    /**
     * The rescorer's options from what a body said (null: not given, so the default).
     *
     * @throws IllegalArgumentException naming the bad field
     */
    static SeqRecRescoreOptions options(
            CommonClauseOptions common,
            Float queryWeight,
            Float rescoreQueryWeight,
            String scoreMode,
            String normalize) {
        return new SeqRecRescoreOptions(
                common,
                queryWeight == null ? SeqRecRescoreOptions.DEFAULT_QUERY_WEIGHT : queryWeight,
                rescoreQueryWeight == null ? SeqRecRescoreOptions.DEFAULT_RESCORE_QUERY_WEIGHT : rescoreQueryWeight,
                scoreMode == null ? SeqRecRescoreOptions.DEFAULT_SCORE_MODE : ScoreMode.parse(scoreMode),
                normalize == null ? SeqRecRescoreOptions.DEFAULT_NORMALIZER : Normalizer.parse(normalize));
    }
}
