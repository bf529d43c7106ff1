package org.seqrec.plugin.transport;

import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.ActionRunnable;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;
import org.seqrec.plugin.store.CatalogEntry;
import org.seqrec.plugin.store.ModelStore;

/**
 * Runs {@link DeleteModelAction}: removes the model from the catalogue first (acknowledged by every
 * node, which unload it: from then on every node answers 404), then its metadata document and the
 * chunks of its versions. 404 when the store has no such model (files in a node's config directory
 * are not touched: delete the file).
 */
public final class TransportDeleteModelAction extends HandledTransportAction<ModelIdRequest, DeleteModelResponse> {
    private final ModelStore store;
    private final Client client;
    private final ThreadPool threadPool;

    @Inject
    public TransportDeleteModelAction(
            TransportService transportService,
            ActionFilters actionFilters,
            ModelStore store,
            Client client,
            ThreadPool threadPool) {
        super(DeleteModelAction.NAME, transportService, actionFilters, ModelIdRequest::new);
        this.store = store;
        this.client = client;
        this.threadPool = threadPool;
    }

    @Override
    protected void doExecute(Task task, ModelIdRequest request, ActionListener<DeleteModelResponse> listener) {
        threadPool.generic().execute(ActionRunnable.supply(listener, () -> delete(request.modelId())));
    }

    private DeleteModelResponse delete(String modelId) {
        UpdateCatalogResponse removed = CatalogUpdates.run(client, threadPool, UpdateCatalogRequest.remove(modelId));
        CatalogEntry before = removed.before();
        if (before == null) {
            throw new ResourceNotFoundException("seqrec model [{}] not found in the cluster's model store", modelId);
        }
        store.deleteMetadata(modelId);
        store.deleteChunks(modelId, before.versions());
        return new DeleteModelResponse(modelId, removed.acknowledged());
    }
}
