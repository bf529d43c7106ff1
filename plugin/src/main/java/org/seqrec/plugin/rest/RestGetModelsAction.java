package org.seqrec.plugin.rest;

import java.util.List;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;
import org.seqrec.plugin.transport.GetModelsAction;
import org.seqrec.plugin.transport.ModelIdRequest;

/** {@code GET /_plugins/_seqrec/models/{model_id}} and {@code GET /_plugins/_seqrec/models}. */
public final class RestGetModelsAction extends BaseRestHandler {
    static final String MODELS_PATH = "/_plugins/_seqrec/models";
    static final String MODEL_PATH = MODELS_PATH + "/{model_id}";

    @Override
    public String getName() {
        return "seqrec_get_models_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.GET, MODELS_PATH), new Route(RestRequest.Method.GET, MODEL_PATH));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        ModelIdRequest get = new ModelIdRequest(request.param("model_id"));
        return channel -> client.execute(GetModelsAction.INSTANCE, get, new RestToXContentListener<>(channel));
    }
}
