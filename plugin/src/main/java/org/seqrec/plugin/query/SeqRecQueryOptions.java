package org.seqrec.plugin.query;

import java.io.IOException;
import java.util.List;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.model.ModelIds;

/**
 * The options of one {@code seqrec} query, validated on construction (messages name the field and
 * what it allows), so everything past the parser holds valid values. {@code boost} and
 * {@code _name} are the query builder's, as for every OpenSearch query.
 *
 * @param modelId the model, {@code [a-z0-9][a-z0-9_.-]{0,99}}
 * @param itemField the keyword field holding each document's item id
 * @param history the user's recent item ids, oldest first (may be empty; its length limit is a node
 *     setting, checked by {@link #checkHistoryLength})
 * @param k how many items to retrieve, {@value #MIN_K}..{@value #MAX_K}, default {@value #DEFAULT_K}
 * @param excludeHistory whether the history's own items are left out, default true
 */
public record SeqRecQueryOptions(String modelId, String itemField, List<String> history, int k, boolean excludeHistory) {
    public static final int DEFAULT_K = 100;
    public static final int MIN_K = 1;
    /** Documented limit; a larger k would also approach Lucene's clause limits. */
    public static final int MAX_K = 1000;
    public static final boolean DEFAULT_EXCLUDE_HISTORY = true;

    public SeqRecQueryOptions {
        ModelIds.validate(modelId);
        if (itemField == null || itemField.isBlank()) {
            throw new IllegalArgumentException("[item_field] must be a non-empty field name");
        }
        history = checkedHistory(history);
        checkK(k);
    }

    /** Options with every optional field at its default. */
    public static SeqRecQueryOptions of(String modelId, String itemField, List<String> history) {
        return new SeqRecQueryOptions(modelId, itemField, history, DEFAULT_K, DEFAULT_EXCLUDE_HISTORY);
    }

    public SeqRecQueryOptions withK(int newK) {
        return new SeqRecQueryOptions(modelId, itemField, history, newK, excludeHistory);
    }

    public SeqRecQueryOptions withExcludeHistory(boolean exclude) {
        return new SeqRecQueryOptions(modelId, itemField, history, k, exclude);
    }

    /** @throws IllegalArgumentException unless {@code MIN_K <= k <= MAX_K} */
    public static void checkK(int k) {
        if (k < MIN_K || k > MAX_K) {
            throw new IllegalArgumentException("[k] must be between " + MIN_K + " and " + MAX_K + ", got [" + k + "]");
        }
    }

    /** An immutable copy of {@code history}; rejects a missing history or null ids. */
    public static List<String> checkedHistory(List<String> history) {
        if (history == null) {
            throw new IllegalArgumentException("[history] is required: the user's recent item ids, oldest first");
        }
        for (int i = 0; i < history.size(); i++) {
            if (history.get(i) == null) {
                throw new IllegalArgumentException("[history] must hold item ids, but position " + i + " is null");
            }
        }
        return List.copyOf(history);
    }

    /** @throws IllegalArgumentException when the history is longer than {@code maxLength} */
    public static void checkHistoryLength(List<String> history, int maxLength) {
        if (history.size() > maxLength) {
            throw new IllegalArgumentException("[history] holds " + history.size() + " item ids, more than the " + maxLength
                    + " allowed (plugins.seqrec.max_history_length); send the most recent ones");
        }
    }

    static SeqRecQueryOptions readFrom(StreamInput in) throws IOException {
        return new SeqRecQueryOptions(in.readString(), in.readString(), in.readStringList(), in.readVInt(), in.readBoolean());
    }

    void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeString(itemField);
        out.writeStringCollection(history);
        out.writeVInt(k);
        out.writeBoolean(excludeHistory);
    }

    /** Writes the fields (not the enclosing object) in DSL form. */
    void toXContentFields(XContentBuilder builder) throws IOException {
        builder.field(SeqRecQueryParser.MODEL_ID.getPreferredName(), modelId);
        builder.field(SeqRecQueryParser.ITEM_FIELD.getPreferredName(), itemField);
        builder.field(SeqRecQueryParser.HISTORY.getPreferredName(), history);
        builder.field(SeqRecQueryParser.K.getPreferredName(), k);
        builder.field(SeqRecQueryParser.EXCLUDE_HISTORY.getPreferredName(), excludeHistory);
    }
}
