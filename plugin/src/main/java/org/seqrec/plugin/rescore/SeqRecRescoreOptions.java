package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param featureFields keyword fields of the hit to the model's feature names, in order: a hit whose
 *     item the model does not know is scored from these fields' values (docs/rescore.md,
 *     "Items the model does not know"); empty by default, at most {@value #MAX_FEATURE_FIELDS}
 */
public record SeqRecRescoreOptions(
        CommonClauseOptions common,
        float queryWeight,
        float rescoreQueryWeight,
        ScoreMode scoreMode,
        Normalizer normalizer,
        Map<String, String> featureFields)
        implements ClauseOptions {
    public static final float DEFAULT_QUERY_WEIGHT = 1f;
    public static final float DEFAULT_RESCORE_QUERY_WEIGHT = 1f;
    public static final ScoreMode DEFAULT_SCORE_MODE = ScoreMode.TOTAL;
    public static final Normalizer DEFAULT_NORMALIZER = Normalizer.NONE;
    /** The most {@code feature_fields} entries one clause may map. */
    public static final int MAX_FEATURE_FIELDS = 64;

    public SeqRecRescoreOptions {
        Objects.requireNonNull(common, "common");
        featureFields = checkFeatureFields(featureFields);
        if (scoreMode == null || normalizer == null) {
            throw new IllegalArgumentException("[score_mode] and [normalize] must not be null");
        }
        // checks both weights with their names
        new ScoreCombiner(queryWeight, rescoreQueryWeight, scoreMode, normalizer);
    }

    /** Options without {@code feature_fields}. */
    public SeqRecRescoreOptions(
            CommonClauseOptions common,
            float queryWeight,
            float rescoreQueryWeight,
            ScoreMode scoreMode,
            Normalizer normalizer) {
        this(common, queryWeight, rescoreQueryWeight, scoreMode, normalizer, Map.of());
    }

    private static Map<String, String> checkFeatureFields(Map<String, String> fields) {
        if (fields == null) {
            return Map.of();
        }
        String name = "[" + ClauseFields.NAME + "] [" + ClauseFields.FEATURE_FIELDS.getPreferredName() + "]";
        if (fields.size() > MAX_FEATURE_FIELDS) {
            throw new IllegalArgumentException(
                    name + " may map at most " + MAX_FEATURE_FIELDS + " fields, got " + fields.size());
        }
        for (Map.Entry<String, String> e : fields.entrySet()) {
            if (e.getKey() == null
                    || e.getKey().isEmpty()
                    || e.getValue() == null
                    || e.getValue().isEmpty()) {
                throw new IllegalArgumentException(
                        name + " maps a hit's keyword field to a feature name of the model; both must be non-empty");
            }
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(fields));
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
                common.withHistory(history), queryWeight, rescoreQueryWeight, scoreMode, normalizer, featureFields);
    }

    public SeqRecRescoreOptions withQueryWeight(float weight) {
        return new SeqRecRescoreOptions(common, weight, rescoreQueryWeight, scoreMode, normalizer, featureFields);
    }

    public SeqRecRescoreOptions withRescoreQueryWeight(float weight) {
        return new SeqRecRescoreOptions(common, queryWeight, weight, scoreMode, normalizer, featureFields);
    }

    public SeqRecRescoreOptions withScoreMode(ScoreMode mode) {
        return new SeqRecRescoreOptions(common, queryWeight, rescoreQueryWeight, mode, normalizer, featureFields);
    }

    public SeqRecRescoreOptions withNormalizer(Normalizer n) {
        return new SeqRecRescoreOptions(common, queryWeight, rescoreQueryWeight, scoreMode, n, featureFields);
    }

    public SeqRecRescoreOptions withFeatureFields(Map<String, String> fields) {
        return new SeqRecRescoreOptions(common, queryWeight, rescoreQueryWeight, scoreMode, normalizer, fields);
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
                in.readEnum(Normalizer.class),
                readFeatureFields(in));
    }

    private static Map<String, String> readFeatureFields(StreamInput in) throws IOException {
        int n = in.readVInt();
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            fields.put(in.readString(), in.readString());
        }
        return fields;
    }

    void writeTo(StreamOutput out) throws IOException {
        common.writeTo(out);
        out.writeFloat(queryWeight);
        out.writeFloat(rescoreQueryWeight);
        out.writeEnum(scoreMode);
        out.writeEnum(normalizer);
        out.writeVInt(featureFields.size());
        for (Map.Entry<String, String> e : featureFields.entrySet()) {
            out.writeString(e.getKey());
            out.writeString(e.getValue());
        }
    }

    /** Writes the fields (not the enclosing object) in DSL form. */
    void toXContentFields(XContentBuilder builder) throws IOException {
        common.toXContentFields(builder);
        builder.field(ClauseFields.QUERY_WEIGHT.getPreferredName(), queryWeight);
        builder.field(ClauseFields.RESCORE_QUERY_WEIGHT.getPreferredName(), rescoreQueryWeight);
        builder.field(ClauseFields.SCORE_MODE.getPreferredName(), scoreMode.dslName());
        builder.field(ClauseFields.NORMALIZE.getPreferredName(), normalizer.dslName());
        if (featureFields.isEmpty() == false) {
            builder.field(ClauseFields.FEATURE_FIELDS.getPreferredName(), featureFields);
        }
    }
}
