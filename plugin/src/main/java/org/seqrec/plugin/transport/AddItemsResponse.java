package org.seqrec.plugin.transport;

import java.io.IOException;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

/** {@code {"model_id", "added", "num_items", "generation", "acknowledged"}}. */
public final class AddItemsResponse extends ActionResponse implements ToXContentObject {
    private final String modelId;
    private final int added;
    private final int numItems;
    private final long generation;
    private final boolean acknowledged;

    public AddItemsResponse(String modelId, int added, int numItems, long generation, boolean acknowledged) {
        this.modelId = modelId;
        this.added = added;
        this.numItems = numItems;
        this.generation = generation;
        this.acknowledged = acknowledged;
    }

    public AddItemsResponse(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readString();
        this.added = in.readVInt();
        this.numItems = in.readVInt();
        this.generation = in.readVLong();
        this.acknowledged = in.readBoolean();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeVInt(added);
        out.writeVInt(numItems);
        out.writeVLong(generation);
        out.writeBoolean(acknowledged);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.startObject()
                .field("model_id", modelId)
                .field("added", added)
                .field("num_items", numItems)
                .field("generation", generation)
                .field("acknowledged", acknowledged)
                .endObject();
    }
}
