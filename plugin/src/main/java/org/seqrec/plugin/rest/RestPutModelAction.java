package org.seqrec.plugin.rest;

import java.io.IOException;
import java.util.List;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;
import org.seqrec.plugin.transport.PutModelAction;
import org.seqrec.plugin.transport.PutModelRequest;
import org.seqrec.plugin.transport.PutModelResponse;
import org.seqrec.plugin.transport.TransportPutModelAction;

/**
 * {@code PUT /_plugins/_seqrec/models/{model_id}}: uploads an artifact. The body is a document
 * with one field, {@code artifact}: the artifact's bytes as a CBOR byte string
 * ({@code Content-Type: application/cbor}, what {@code seqrec-trainer upload} sends: no size
 * overhead) or as a base64 string in JSON ({@code Content-Type: application/json}, for curl).
 * OpenSearch's REST layer refuses bodies whose content type is not one of its document formats
 * (406 for {@code application/octet-stream}), hence the wrapper. 201 for a new model, 200 for a new
 * version of one.
 */
public final class RestPutModelAction extends BaseRestHandler {
    static final String FIELD = "artifact";

    private final long maxArtifactBytes;

    /** @param maxArtifactBytes {@code plugins.seqrec.max_artifact_size}, checked before the body is parsed */
    public RestPutModelAction(long maxArtifactBytes) {
        this.maxArtifactBytes = maxArtifactBytes;
    }

    @Override
    public String getName() {
        return "seqrec_put_model_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.PUT, RestGetModelsAction.MODEL_PATH));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        String modelId = request.param("model_id");
        if (request.hasContent() == false) {
            throw new IllegalArgumentException(
                    "[put model] needs a body: {\"" + FIELD + "\": <the .seqrec file's bytes>} as CBOR,"
                            + " or as base64 in JSON; seqrec-trainer upload sends it for you");
        }
        // base64 in JSON takes 4/3 of the bytes: refuse what cannot fit before decoding it
        long bodyLimit = maxArtifactBytes / 3 * 4 + 1024;
        if (request.content().length() > bodyLimit) {
            throw TransportPutModelAction.tooLarge(request.content().length(), maxArtifactBytes);
        }
        BytesReference artifact;
        try (XContentParser parser = request.contentParser()) {
            artifact = parse(parser);
        }
        PutModelRequest put = new PutModelRequest(modelId, artifact);
        return channel -> client.execute(PutModelAction.INSTANCE, put, new RestToXContentListener<>(channel) {
            @Override
            protected RestStatus getStatus(PutModelResponse response) {
                return response.status();
            }
        });
    }

    /** Reads {@code {"artifact": bytes}}; anything else is a 400 that says what the body must be. */
    static BytesReference parse(XContentParser parser) throws IOException {
        if (parser.nextToken() != XContentParser.Token.START_OBJECT
                || parser.nextToken() != XContentParser.Token.FIELD_NAME
                || FIELD.equals(parser.currentName()) == false) {
            throw new IllegalArgumentException(
                    "[put model] body must be {\"" + FIELD + "\": <bytes>} (CBOR byte string or base64 JSON string)");
        }
        XContentParser.Token value = parser.nextToken();
        if (value != XContentParser.Token.VALUE_STRING && value != XContentParser.Token.VALUE_EMBEDDED_OBJECT) {
            throw new IllegalArgumentException("[put model] [" + FIELD
                    + "] must hold the artifact's bytes (CBOR byte string or base64" + " string), got " + value);
        }
        byte[] bytes;
        try {
            bytes = parser.binaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("[put model] [" + FIELD + "] is not valid base64: " + e.getMessage(), e);
        }
        if (parser.nextToken() != XContentParser.Token.END_OBJECT) {
            throw new IllegalArgumentException("[put model] body must hold only the field [" + FIELD + "]");
        }
        return new BytesArray(bytes);
    }
}
