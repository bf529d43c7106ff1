package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.clause.ClauseOptions;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreCombiner;
import org.seqrec.plugin.scoring.ScoreMode;

/**
 * The options of one {@code seqrec} rescore clause, validated on construction (the message names
 * the field and what it allows), so everything past the parser holds valid values.
 *
 * @param common the model, the keyword field holding each hit's item id, and the history
 * @param queryWeight weight of the first-pass score, finite, default 1
 * @param rescoreQueryWeight weight of the model score, finite, default 1
 * @param scoreMode how the two combine, default {@code total}
 * @param normalizer how model scores are scaled first, default {@code none}
 */
public record SeqRecRescoreOptions(
        CommonClauseOptions common,
        float queryWeight,
        float rescoreQueryWeight,
        ScoreMode scoreMode,
        Normalizer normalizer)
        implements ClauseOptions {
    public static final float DEFAULT_QUERY_WEIGHT = 1f;
    public static final float DEFAULT_RESCORE_QUERY_WEIGHT = 1f;
    public static final ScoreMode DEFAULT_SCORE_MODE = ScoreMode.TOTAL;
    public static final Normalizer DEFAULT_NORMALIZER = Normalizer.NONE;

    public SeqRecRescoreOptions {
        Objects.requireNonNull(common, "common");
        if (scoreMode == null || normalizer == null) {
            throw new IllegalArgumentException("[score_mode] and [normalize] must not be null");
        }
        // checks both weights with their names
        new ScoreCombiner(queryWeight, rescoreQueryWeight, scoreMode, normalizer);
    }

    /** See {@link CommonClauseOptions} for the first three. */
    public SeqRecRescoreOptions(
            String modelId,
            String itemField,
            HistorySpec history,
            float queryWeight,
            float rescoreQueryWeight,
            ScoreMode scoreMode,
            Normalizer normalizer) {
        this(
                new CommonClauseOptions(modelId, itemField, history),
                queryWeight,
                rescoreQueryWeight,
                scoreMode,
                normalizer);
    }

    /** Options with the given history and every optional field at its default. */
    public static SeqRecRescoreOptions of(String modelId, String itemField, List<String> history) {
        return of(modelId, itemField, HistorySpec.given(history));
    }

    /** Options with every optional field at its default. */
    public static SeqRecRescoreOptions of(String modelId, String itemField, HistorySpec history) {
        return new SeqRecRescoreOptions(
                modelId,
                itemField,
                history,
                DEFAULT_QUERY_WEIGHT,
                DEFAULT_RESCORE_QUERY_WEIGHT,
                DEFAULT_SCORE_MODE,
                DEFAULT_NORMALIZER);
    }

    public SeqRecRescoreOptions withHistory(HistorySpec history) {
        return new SeqRecRescoreOptions(
                common.withHistory(history), queryWeight, rescoreQueryWeight, scoreMode, normalizer);
    }

    public SeqRecRescoreOptions withQueryWeight(float weight) {
        return new SeqRecRescoreOptions(common, weight, rescoreQueryWeight, scoreMode, normalizer);
    }

    public SeqRecRescoreOptions withRescoreQueryWeight(float weight) {
        return new SeqRecRescoreOptions(common, queryWeight, weight, scoreMode, normalizer);
    }

    public SeqRecRescoreOptions withScoreMode(ScoreMode mode) {
        return new SeqRecRescoreOptions(common, queryWeight, rescoreQueryWeight, mode, normalizer);
    }

    public SeqRecRescoreOptions withNormalizer(Normalizer n) {
        return new SeqRecRescoreOptions(common, queryWeight, rescoreQueryWeight, scoreMode, n);
    }

    /** The combination formula these options describe. */
    public ScoreCombiner combiner() {
        return new ScoreCombiner(queryWeight, rescoreQueryWeight, scoreMode, normalizer);
    }

    static SeqRecRescoreOptions readFrom(StreamInput in) throws IOException {
        return new SeqRecRescoreOptions(
                CommonClauseOptions.readFrom(in),
                in.readFloat(),
                in.readFloat(),
                in.readEnum(ScoreMode.class),
                in.readEnum(Normalizer.class));
    }

    void writeTo(StreamOutput out) throws IOException {
        common.writeTo(out);
        out.writeFloat(queryWeight);
        out.writeFloat(rescoreQueryWeight);
        out.writeEnum(scoreMode);
        out.writeEnum(normalizer);
    }

    /** Writes the fields (not the enclosing object) in DSL form. */
    void toXContentFields(XContentBuilder builder) throws IOException {
        common.toXContentFields(builder);
        builder.field(ClauseFields.QUERY_WEIGHT.getPreferredName(), queryWeight);
        builder.field(ClauseFields.RESCORE_QUERY_WEIGHT.getPreferredName(), rescoreQueryWeight);
        builder.field(ClauseFields.SCORE_MODE.getPreferredName(), scoreMode.dslName());
        builder.field(ClauseFields.NORMALIZE.getPreferredName(), normalizer.dslName());
    }
}
