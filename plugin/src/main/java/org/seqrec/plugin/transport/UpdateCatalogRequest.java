package org.seqrec.plugin.transport;

import java.io.IOException;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.action.support.clustermanager.AcknowledgedRequest;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.seqrec.plugin.model.ModelIds;
import org.seqrec.plugin.store.ModelVersion;

/** Put {@code version} as the model's current version, or, with no version, remove the model. */
public final class UpdateCatalogRequest extends AcknowledgedRequest<UpdateCatalogRequest> {
    private final String modelId;
    private final ModelVersion version;

    private UpdateCatalogRequest(String modelId, ModelVersion version) {
        this.modelId = ModelIds.validate(modelId);
        this.version = version;
    }

    public static UpdateCatalogRequest put(String modelId, ModelVersion version) {
        return new UpdateCatalogRequest(modelId, java.util.Objects.requireNonNull(version, "version"));
    }

    public static UpdateCatalogRequest remove(String modelId) {
        return new UpdateCatalogRequest(modelId, null);
    }

    public UpdateCatalogRequest(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readString();
        this.version = in.readOptionalWriteable(ModelVersion::readFrom);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(modelId);
        out.writeOptionalWriteable(version);
    }

    public String modelId() {
        return modelId;
    }

    /** The new current version, or {@code null} to remove the model. */
    public ModelVersion version() {
        return version;
    }

    @Override
    public ActionRequestValidationException validate() {
        return null;
    }
}
