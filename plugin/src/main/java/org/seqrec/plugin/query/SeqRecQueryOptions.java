package org.seqrec.plugin.query;

import java.io.IOException;
import java.util.List;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.model.ModelIds;
import org.seqrec.plugin.retrieval.ItemRetrieval;

/**
 * The options of one {@code seqrec} query, validated on construction (messages name the field and
 * what it allows), so everything past the parser holds valid values. {@code boost} and
 * {@code _name} are the query builder's, as for every OpenSearch query.
 *
 * @param modelId the model, {@code [a-z0-9][a-z0-9_.-]{0,99}}
 * @param itemField the keyword field holding each document's item id
 * @param history where the user's recent item ids come from: given ({@code history}, oldest first,
 *     may be empty) or looked up ({@code user_id} + {@code events}); the length limit is a node
 *     setting, checked by {@link #checkHistoryLength(int)}
 * @param k how many items to retrieve, {@value ItemRetrieval#MIN_K}..{@value ItemRetrieval#MAX_K}, default {@value #DEFAULT_K}
 * @param excludeHistory whether the history's own items (given or looked up) are left out, default true
 */
public record SeqRecQueryOptions(String modelId, String itemField, HistorySpec history, int k, boolean excludeHistory) {
    public static final int DEFAULT_K = 100;
    public static final boolean DEFAULT_EXCLUDE_HISTORY = true;

    public SeqRecQueryOptions {
        ModelIds.validate(modelId);
        if (itemField == null || itemField.isBlank()) {
            throw new IllegalArgumentException("[item_field] must be a non-empty field name");
        }
        if (history == null) {
            throw new IllegalArgumentException("[history] is required: the user's recent item ids, oldest first, or [user_id] with [events]");
        }
        ItemRetrieval.checkK(k);
    }

    /** Options with the given history and every optional field at its default. */
    public static SeqRecQueryOptions of(String modelId, String itemField, List<String> history) {
        return of(modelId, itemField, HistorySpec.given(history));
    }

    /** Options with every optional field at its default. */
    public static SeqRecQueryOptions of(String modelId, String itemField, HistorySpec history) {
        return new SeqRecQueryOptions(modelId, itemField, history, DEFAULT_K, DEFAULT_EXCLUDE_HISTORY);
    }

    public SeqRecQueryOptions withK(int newK) {
        return new SeqRecQueryOptions(modelId, itemField, history, newK, excludeHistory);
    }

    public SeqRecQueryOptions withExcludeHistory(boolean exclude) {
        return new SeqRecQueryOptions(modelId, itemField, history, k, exclude);
    }

    /**
     * @throws IllegalArgumentException when the given history, or the number of events to read, is
     *     above {@code maxLength}
     */
    public void checkHistoryLength(int maxLength) {
        history.checkLength(maxLength);
    }

    static SeqRecQueryOptions readFrom(StreamInput in) throws IOException {
        return new SeqRecQueryOptions(in.readString(), in.readString(), HistorySpec.readFrom(in), in.readVInt(), in.readBoolean());
    }

    void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeString(itemField);
        history.writeTo(out);
        out.writeVInt(k);
        out.writeBoolean(excludeHistory);
    }

    /** Writes the fields (not the enclosing object) in DSL form. */
    void toXContentFields(XContentBuilder builder) throws IOException {
        builder.field(SeqRecQueryParser.MODEL_ID.getPreferredName(), modelId);
        builder.field(SeqRecQueryParser.ITEM_FIELD.getPreferredName(), itemField);
        history.toXContentFields(builder, ToXContent.EMPTY_PARAMS);
        builder.field(SeqRecQueryParser.K.getPreferredName(), k);
        builder.field(SeqRecQueryParser.EXCLUDE_HISTORY.getPreferredName(), excludeHistory);
    }
}
