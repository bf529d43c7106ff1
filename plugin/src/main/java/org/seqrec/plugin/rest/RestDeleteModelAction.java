package org.seqrec.plugin.rest;

import java.util.List;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;
import org.seqrec.plugin.transport.DeleteModelAction;
import org.seqrec.plugin.transport.ModelIdRequest;

/** {@code DELETE /_plugins/_seqrec/models/{model_id}}. */
public final class RestDeleteModelAction extends BaseRestHandler {

    @Override
    public String getName() {
        return "seqrec_delete_model_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.DELETE, RestGetModelsAction.MODEL_PATH));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        ModelIdRequest delete = new ModelIdRequest(request.param("model_id"));
        return channel -> client.execute(DeleteModelAction.INSTANCE, delete, new RestToXContentListener<>(channel));
    }
}
