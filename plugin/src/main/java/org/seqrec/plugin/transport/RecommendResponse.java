package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.List;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.retrieval.RecommendedItem;

/**
 * {@code {"model_id": ..., "items": [{"item_id": ..., "score": ...}], "took_ms": N}}: items best
 * first, each scored by the inner product of the user vector with its embedding (a logit).
 *
 * <p>Immutable.
 */
public final class RecommendResponse extends ActionResponse implements ToXContentObject {
    private final String modelId;
    private final List<RecommendedItem> items;
    private final long tookMs;

    public RecommendResponse(String modelId, List<RecommendedItem> items, long tookMs) {
        this.modelId = modelId;
        this.items = List.copyOf(items);
        this.tookMs = tookMs;
    }

    public RecommendResponse(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readString();
        this.items = List.copyOf(in.readList(RecommendedItem::readFrom));
        this.tookMs = in.readVLong();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeList(items);
        out.writeVLong(tookMs);
    }

    public String modelId() {
        return modelId;
    }

    public List<RecommendedItem> items() {
        return items;
    }

    public long tookMs() {
        return tookMs;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject();
        builder.field("model_id", modelId);
        builder.startArray("items");
        for (RecommendedItem item : items) {
            builder.startObject()
                    .field("item_id", item.itemId())
                    .field("score", item.score())
                    .endObject();
        }
        builder.endArray();
        builder.field("took_ms", tookMs);
        return builder.endObject();
    }
}
