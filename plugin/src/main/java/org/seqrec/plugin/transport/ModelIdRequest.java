package org.seqrec.plugin.transport;

import java.io.IOException;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.seqrec.plugin.model.ModelIds;

/** A request naming one model ({@link DeleteModelAction}), or, where allowed, all ({@link GetModelsAction}: null). */
public final class ModelIdRequest extends ActionRequest {
    private final String modelId;

    /** @param modelId a valid id, or {@code null} for "all models" */
    public ModelIdRequest(String modelId) {
        this.modelId = modelId == null ? null : ModelIds.validate(modelId);
    }

    public ModelIdRequest(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readOptionalString();
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeOptionalString(modelId);
    }

    /** The id, or {@code null} for all models. */
    public String modelId() {
        return modelId;
    }

    @Override
    public ActionRequestValidationException validate() {
        return null;
    }
}
