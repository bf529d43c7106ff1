package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.clustermanager.TransportClusterManagerNodeAction;
import org.opensearch.cluster.AckedClusterStateUpdateTask;
import org.opensearch.cluster.ClusterState;
import org.opensearch.cluster.block.ClusterBlockException;
import org.opensearch.cluster.block.ClusterBlockLevel;
import org.opensearch.cluster.metadata.IndexNameExpressionResolver;
import org.opensearch.cluster.metadata.Metadata;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.Priority;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;
import org.seqrec.plugin.store.CatalogEntry;
import org.seqrec.plugin.store.ModelCatalog;

/**
 * Runs {@link UpdateCatalogAction} on the cluster-manager node as one cluster-state update:
 * generations are assigned there, so concurrent uploads of one model id are ordered and each gets a
 * distinct generation. Answers after every node acknowledged the new state (or the ack timed out).
 */
public final class TransportUpdateCatalogAction
        extends TransportClusterManagerNodeAction<UpdateCatalogRequest, UpdateCatalogResponse> {

    @Inject
    public TransportUpdateCatalogAction(
            TransportService transportService,
            ClusterService clusterService,
            ThreadPool threadPool,
            ActionFilters actionFilters,
            IndexNameExpressionResolver resolver) {
        super(
                UpdateCatalogAction.NAME,
                transportService,
                clusterService,
                threadPool,
                actionFilters,
                UpdateCatalogRequest::new,
                resolver);
    }

    @Override
    protected String executor() {
        return ThreadPool.Names.SAME;
    }

    @Override
    protected UpdateCatalogResponse read(StreamInput in) throws IOException {
        return new UpdateCatalogResponse(in);
    }

    @Override
    protected ClusterBlockException checkBlock(UpdateCatalogRequest request, ClusterState state) {
        return state.blocks().globalBlockedException(ClusterBlockLevel.METADATA_WRITE);
    }

    @Override
    protected void clusterManagerOperation(
            UpdateCatalogRequest request, ClusterState state, ActionListener<UpdateCatalogResponse> listener) {
        AtomicReference<CatalogEntry> before = new AtomicReference<>();
        AtomicReference<CatalogEntry> after = new AtomicReference<>();
        String source =
                (request.version() == null ? "seqrec-remove-model [" : "seqrec-put-model [") + request.modelId() + "]";
        clusterService.submitStateUpdateTask(
                source, new AckedClusterStateUpdateTask<UpdateCatalogResponse>(Priority.NORMAL, request, listener) {
                    @Override
                    public ClusterState execute(ClusterState current) {
                        ModelCatalog catalog = ModelCatalog.of(current);
                        CatalogEntry old = catalog.get(request.modelId()).orElse(null);
                        before.set(old);
                        ModelCatalog next;
                        if (request.version() == null) {
                            if (old == null) {
                                return current;
                            }
                            next = catalog.without(request.modelId());
                        } else {
                            CatalogEntry entry = old == null
                                    ? new CatalogEntry(
                                            request.modelId(), request.version().withGeneration(1), null)
                                    : old.replacedBy(request.version());
                            after.set(entry);
                            next = catalog.with(entry);
                        }
                        Metadata metadata = Metadata.builder(current.metadata())
                                .putCustom(ModelCatalog.TYPE, next)
                                .build();
                        return ClusterState.builder(current).metadata(metadata).build();
                    }

                    @Override
                    protected UpdateCatalogResponse newResponse(boolean acknowledged) {
                        return new UpdateCatalogResponse(acknowledged, before.get(), after.get());
                    }
                });
    }
}
