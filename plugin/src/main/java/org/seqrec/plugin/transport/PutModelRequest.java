package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.Objects;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.seqrec.plugin.model.ModelIds;

/** A model id and the bytes of its {@code .seqrec} artifact. */
public final class PutModelRequest extends ActionRequest {
    private final String modelId;
    private final BytesReference artifact;

    /** @throws IllegalArgumentException (400) for an invalid model id */
    public PutModelRequest(String modelId, BytesReference artifact) {
        this.modelId = ModelIds.validate(modelId);
        this.artifact = Objects.requireNonNull(artifact, "artifact");
    }

    public PutModelRequest(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readString();
        this.artifact = in.readBytesReference();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(modelId);
        out.writeBytesReference(artifact);
    }

    public String modelId() {
        return modelId;
    }

    public BytesReference artifact() {
        return artifact;
    }

    @Override
    public ActionRequestValidationException validate() {
        return null;
    }
}
