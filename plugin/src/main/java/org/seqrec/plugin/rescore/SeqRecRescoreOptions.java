package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.List;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.model.ModelIds;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreCombiner;
import org.seqrec.plugin.scoring.ScoreMode;

/**
 * The options of one {@code seqrec} rescore clause, validated on construction (the message names
 * the field and what it allows), so everything past the parser holds valid values.
 *
 * @param modelId the model, {@code [a-z0-9][a-z0-9_.-]{0,99}}
 * @param itemField the keyword field holding each hit's item id
 * @param history where the user's recent item ids come from: given ({@code history}, oldest first,
 *     may be empty) or looked up ({@code user_id} + {@code events}); the length limit is a node
 *     setting, checked by the builder
 * @param queryWeight weight of the first-pass score, finite, default 1
 * @param rescoreQueryWeight weight of the model score, finite, default 1
 * @param scoreMode how the two combine, default {@code total}
 * @param normalizer how model scores are scaled first, default {@code none}
 */
public record SeqRecRescoreOptions(String modelId, String itemField, HistorySpec history, float queryWeight,
                                   float rescoreQueryWeight, ScoreMode scoreMode, Normalizer normalizer) {
    public static final float DEFAULT_QUERY_WEIGHT = 1f;
    public static final float DEFAULT_RESCORE_QUERY_WEIGHT = 1f;
    public static final ScoreMode DEFAULT_SCORE_MODE = ScoreMode.TOTAL;
    public static final Normalizer DEFAULT_NORMALIZER = Normalizer.NONE;

    public SeqRecRescoreOptions {
        ModelIds.validate(modelId);
        if (itemField == null || itemField.isBlank()) {
            throw new IllegalArgumentException("[item_field] must be a non-empty field name");
        }
        if (history == null) {
            throw new IllegalArgumentException("[history] is required: the user's recent item ids, oldest first, or [user_id] with [events]");
        }
        if (scoreMode == null || normalizer == null) {
            throw new IllegalArgumentException("[score_mode] and [normalize] must not be null");
        }
        // checks both weights with their names
        new ScoreCombiner(queryWeight, rescoreQueryWeight, scoreMode, normalizer);
    }

    /** Options with the given history and every optional field at its default. */
    public static SeqRecRescoreOptions of(String modelId, String itemField, List<String> history) {
        return of(modelId, itemField, HistorySpec.given(history));
    }

    /** Options with every optional field at its default. */
    public static SeqRecRescoreOptions of(String modelId, String itemField, HistorySpec history) {
        return new SeqRecRescoreOptions(modelId, itemField, history, DEFAULT_QUERY_WEIGHT, DEFAULT_RESCORE_QUERY_WEIGHT,
                DEFAULT_SCORE_MODE, DEFAULT_NORMALIZER);
    }

    public SeqRecRescoreOptions withQueryWeight(float weight) {
        return new SeqRecRescoreOptions(modelId, itemField, history, weight, rescoreQueryWeight, scoreMode, normalizer);
    }

    public SeqRecRescoreOptions withRescoreQueryWeight(float weight) {
        return new SeqRecRescoreOptions(modelId, itemField, history, queryWeight, weight, scoreMode, normalizer);
    }

    public SeqRecRescoreOptions withScoreMode(ScoreMode mode) {
        return new SeqRecRescoreOptions(modelId, itemField, history, queryWeight, rescoreQueryWeight, mode, normalizer);
    }

    public SeqRecRescoreOptions withNormalizer(Normalizer n) {
        return new SeqRecRescoreOptions(modelId, itemField, history, queryWeight, rescoreQueryWeight, scoreMode, n);
    }

    /** The combination formula these options describe. */
    public ScoreCombiner combiner() {
        return new ScoreCombiner(queryWeight, rescoreQueryWeight, scoreMode, normalizer);
    }

    /**
     * @throws IllegalArgumentException when the given history, or the number of events to read, is
     *     above {@code maxLength}
     */
    public void checkHistoryLength(int maxLength) {
        history.checkLength(maxLength);
    }

    static SeqRecRescoreOptions readFrom(StreamInput in) throws IOException {
        return new SeqRecRescoreOptions(in.readString(), in.readString(), HistorySpec.readFrom(in), in.readFloat(), in.readFloat(),
                in.readEnum(ScoreMode.class), in.readEnum(Normalizer.class));
    }

    void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeString(itemField);
        history.writeTo(out);
        out.writeFloat(queryWeight);
        out.writeFloat(rescoreQueryWeight);
        out.writeEnum(scoreMode);
        out.writeEnum(normalizer);
    }

    /** Writes the fields (not the enclosing object) in DSL form. */
    void toXContentFields(XContentBuilder builder) throws IOException {
        builder.field(SeqRecRescorerBuilder.MODEL_ID.getPreferredName(), modelId);
        builder.field(SeqRecRescorerBuilder.ITEM_FIELD.getPreferredName(), itemField);
        history.toXContentFields(builder, ToXContent.EMPTY_PARAMS);
        builder.field(SeqRecRescorerBuilder.QUERY_WEIGHT.getPreferredName(), queryWeight);
        builder.field(SeqRecRescorerBuilder.RESCORE_QUERY_WEIGHT.getPreferredName(), rescoreQueryWeight);
        builder.field(SeqRecRescorerBuilder.SCORE_MODE.getPreferredName(), scoreMode.dslName());
        builder.field(SeqRecRescorerBuilder.NORMALIZE.getPreferredName(), normalizer.dslName());
    }
}
