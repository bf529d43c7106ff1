package org.seqrec.plugin.retrieval;

import java.io.IOException;
import java.util.Objects;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

/**
 * One retrieved item: its external id and its model score, the inner product {@code u . E[row]} of
 * the user vector with the item's embedding (a logit: higher is more likely next).
 */
public record RecommendedItem(String itemId, float score) implements Writeable {
    public RecommendedItem {
        Objects.requireNonNull(itemId, "itemId");
    }

    public static RecommendedItem readFrom(StreamInput in) throws IOException {
        return new RecommendedItem(in.readString(), in.readFloat());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(itemId);
        out.writeFloat(score);
    }
}
