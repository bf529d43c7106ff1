package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

/**
 * The models asked for, each as the JSON object documented in docs/rest-api.md. One model
 * ({@code single}) is answered as that object, all models as {@code {"models": [...]}}.
 */
public final class GetModelsResponse extends ActionResponse implements ToXContentObject {
    private final boolean single;
    private final List<Map<String, Object>> models;

    public GetModelsResponse(boolean single, List<Map<String, Object>> models) {
        if (single && models.size() != 1) {
            throw new IllegalArgumentException("a single-model answer holds exactly one model");
        }
        this.single = single;
        this.models = List.copyOf(models);
    }

    public GetModelsResponse(StreamInput in) throws IOException {
        super(in);
        this.single = in.readBoolean();
        this.models = in.readList(StreamInput::readMap);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeBoolean(single);
        out.writeCollection(models, StreamOutput::writeMap);
    }

    public List<Map<String, Object>> models() {
        return models;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        if (single) {
            return builder.map(models.get(0));
        }
        builder.startObject().startArray("models");
        for (Map<String, Object> m : models) {
            builder.map(m);
        }
        return builder.endArray().endObject();
    }
}
