package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.opensearch.action.FailedNodeException;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.nodes.TransportNodesAction;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.stats.LoadedModelStats;

/** Collects {@link NodeStats} from every node (on each node's management pool). */
public final class TransportStatsAction
        extends TransportNodesAction<StatsRequest, StatsResponse, StatsNodeRequest, NodeStats> {
    private final SeqRecServices services;

    @Inject
    public TransportStatsAction(
            ThreadPool threadPool,
            ClusterService clusterService,
            TransportService transportService,
            ActionFilters actionFilters,
            SeqRecServices services) {
        super(
                StatsAction.NAME,
                threadPool,
                clusterService,
                transportService,
                actionFilters,
                StatsRequest::new,
                StatsNodeRequest::new,
                ThreadPool.Names.MANAGEMENT,
                NodeStats.class);
        this.services = services;
    }

    @Override
    protected StatsResponse newResponse(
            StatsRequest request, List<NodeStats> nodes, List<FailedNodeException> failures) {
        return new StatsResponse(clusterService.getClusterName(), nodes, failures);
    }

    @Override
    protected StatsNodeRequest newNodeRequest(StatsRequest request) {
        return new StatsNodeRequest();
    }

    @Override
    protected NodeStats newNodeResponse(StreamInput in) throws IOException {
        return new NodeStats(in);
    }

    @Override
    protected NodeStats nodeOperation(StatsNodeRequest request) {
        List<LoadedModelStats> models = new ArrayList<>();
        for (LoadedModel m : services.models().loaded()) {
            models.add(new LoadedModelStats(
                    m.id(),
                    m.ref().version(),
                    m.memoryBytes(),
                    m.encoderDevice(),
                    m.indexState().id(),
                    m.indexNativeBytes()));
        }
        return new NodeStats(
                clusterService.localNode(),
                services.deviceSetting(),
                models,
                services.stats().counters(),
                services.encoder().cacheStats());
    }
}
