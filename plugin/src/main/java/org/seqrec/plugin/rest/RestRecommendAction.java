package org.seqrec.plugin.rest;

import java.io.IOException;
import java.util.List;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;
import org.seqrec.plugin.parse.RecommendRequestParser;
import org.seqrec.plugin.transport.RecommendAction;
import org.seqrec.plugin.transport.RecommendRequest;

/**
 * {@code POST /_plugins/_seqrec/models/{model_id}/_recommend} with
 * {@code {"history": [...], "k": 10, "exclude_history": true}} or {@code {"user_id": ..., "events":
 * {...}, "k": 10}}: runs {@link RecommendAction}. A
 * missing or malformed body, an unknown field or a bad value is a 400 naming the field (see
 * {@link RecommendRequestParser}).
 */
public final class RestRecommendAction extends BaseRestHandler {
    static final String PATH = "/_plugins/_seqrec/models/{model_id}/_recommend";

    @Override
    public String getName() {
        return "seqrec_recommend_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.POST, PATH));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        String modelId = request.param("model_id");
        if (request.hasContentOrSourceParam() == false) {
            throw new IllegalArgumentException("[" + RecommendRequestParser.NAME
                    + "] needs a body: {\"history\": [item ids, oldest first], \"k\": 10}"
                    + " or {\"user_id\": \"u-1\", \"events\": {\"index\": ...}, \"k\": 10}");
        }
        RecommendRequest recommend;
        try (XContentParser parser = request.contentOrSourceParamParser()) {
            recommend = RecommendRequestParser.parse(modelId, parser);
        }
        return channel -> client.execute(RecommendAction.INSTANCE, recommend, new RestToXContentListener<>(channel));
    }
}
