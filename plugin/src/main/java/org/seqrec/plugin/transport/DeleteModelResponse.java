package org.seqrec.plugin.transport;

import java.io.IOException;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

/** {@code {"model_id", "result": "deleted", "acknowledged"}}. */
public final class DeleteModelResponse extends ActionResponse implements ToXContentObject {
    private final String modelId;
    private final boolean acknowledged;

    public DeleteModelResponse(String modelId, boolean acknowledged) {
        this.modelId = modelId;
        this.acknowledged = acknowledged;
    }

    public DeleteModelResponse(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readString();
        this.acknowledged = in.readBoolean();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeBoolean(acknowledged);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.startObject()
                .field("model_id", modelId)
                .field("result", "deleted")
                .field("acknowledged", acknowledged)
                .endObject();
    }
}
