package org.seqrec.plugin.rest;

import java.util.List;
import org.opensearch.core.common.Strings;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;
import org.seqrec.plugin.transport.StatsAction;
import org.seqrec.plugin.transport.StatsRequest;

/** {@code GET /_plugins/_seqrec/stats} and {@code GET /_plugins/_seqrec/{node_id}/stats} (node ids or names, comma-separated). */
public final class RestStatsAction extends BaseRestHandler {

    @Override
    public String getName() {
        return "seqrec_stats_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(
                new Route(RestRequest.Method.GET, "/_plugins/_seqrec/stats"),
                new Route(RestRequest.Method.GET, "/_plugins/_seqrec/{node_id}/stats"));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) {
        StatsRequest stats = new StatsRequest(Strings.splitStringByCommaToArray(request.param("node_id")));
        return channel -> client.execute(StatsAction.INSTANCE, stats, new RestToXContentListener<>(channel));
    }
}
