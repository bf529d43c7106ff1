package org.seqrec.plugin.transport;

import java.io.IOException;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

/**
 * {@code {"model_id", "result": "created"|"updated", "generation", "upload_id", "size_bytes",
 * "sha256", "acknowledged"}}; 201 for a new model, 200 for a new version.
 */
public final class PutModelResponse extends ActionResponse implements ToXContentObject {
    private final String modelId;
    private final long generation;
    private final String uploadId;
    private final long sizeBytes;
    private final String sha256;
    private final boolean acknowledged;

    public PutModelResponse(
            String modelId, long generation, String uploadId, long sizeBytes, String sha256, boolean acknowledged) {
        this.modelId = modelId;
        this.generation = generation;
        this.uploadId = uploadId;
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.acknowledged = acknowledged;
    }

    public PutModelResponse(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readString();
        this.generation = in.readVLong();
        this.uploadId = in.readString();
        this.sizeBytes = in.readVLong();
        this.sha256 = in.readString();
        this.acknowledged = in.readBoolean();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeVLong(generation);
        out.writeString(uploadId);
        out.writeVLong(sizeBytes);
        out.writeString(sha256);
        out.writeBoolean(acknowledged);
    }

    public long generation() {
        return generation;
    }

    public boolean acknowledged() {
        return acknowledged;
    }

    public RestStatus status() {
        return generation == 1 ? RestStatus.CREATED : RestStatus.OK;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.startObject()
                .field("model_id", modelId)
                .field("result", generation == 1 ? "created" : "updated")
                .field("generation", generation)
                .field("upload_id", uploadId)
                .field("size_bytes", sizeBytes)
                .field("sha256", sha256)
                .field("acknowledged", acknowledged)
                .endObject();
    }
}
