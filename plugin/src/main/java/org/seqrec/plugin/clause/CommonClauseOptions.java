package org.seqrec.plugin.clause;

import java.io.IOException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.model.ModelIds;

/**
 * What every {@code seqrec} clause names, validated on construction (messages name the field and
 * what it allows): part of both the query's and the rescorer's options.
 *
 * @param modelId the model, {@code [a-z0-9][a-z0-9_.-]{0,99}}
 * @param itemField the keyword field holding each document's item id
 * @param history where the user's recent item ids come from: given ({@code history}, oldest first,
 *     may be empty) or looked up ({@code user_id} + {@code events}); the length limit is a node
 *     setting, checked by {@link #checkHistoryLength(int)}
 */
public record CommonClauseOptions(String modelId, String itemField, HistorySpec history) implements Writeable {

    public CommonClauseOptions {
        ModelIds.validate(modelId);
        if (itemField == null || itemField.isBlank()) {
            throw new IllegalArgumentException("[item_field] must be a non-empty field name");
        }
        if (history == null) {
            throw new IllegalArgumentException(
                    "[history] is required: the user's recent item ids, oldest first, or [user_id] with [events]");
        }
    }

    /** These options with another history (the search pipeline processor fills in the user's). */
    public CommonClauseOptions withHistory(HistorySpec newHistory) {
        return new CommonClauseOptions(modelId, itemField, newHistory);
    }

    /**
     * @throws IllegalArgumentException when the given history, or the number of events to read, is
     *     above {@code maxLength}
     */
    public void checkHistoryLength(int maxLength) {
        history.checkLength(maxLength);
    }

    /** Reads what {@link #writeTo} writes, in that order. */
    public static CommonClauseOptions readFrom(StreamInput in) throws IOException {
        return new CommonClauseOptions(in.readString(), in.readString(), HistorySpec.readFrom(in));
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeString(itemField);
        history.writeTo(out);
    }

    /** Writes the fields (not the enclosing object) in DSL form. */
    public void toXContentFields(XContentBuilder builder) throws IOException {
        builder.field(ClauseFields.MODEL_ID.getPreferredName(), modelId);
        builder.field(ClauseFields.ITEM_FIELD.getPreferredName(), itemField);
        history.toXContentFields(builder, ToXContent.EMPTY_PARAMS);
    }
}
