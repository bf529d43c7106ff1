package org.seqrec.plugin.transport;

import org.opensearch.action.ActionRunnable;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.bytes.BytesArray;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.NewItems;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.model.LoadedModel;

/**
 * Runs {@link AddItemsAction} on the node that received it, on the generic pool: reads the model's
 * current version (loading it if needed; 404 for an unknown model), appends the items with their
 * features-only embeddings ({@link NewItems#append}; 400 naming the first bad item, and nothing is
 * stored), and stores the result as the model's next version through {@link PutModelAction}, which
 * validates it, writes it to the model store and publishes it to every node through the cluster
 * state (so the items survive restarts and reach every node; the HNSW graph of a large catalogue is
 * rebuilt for the new version in the background, as after any upload).
 *
 * <p>Two additions to the same model at once: the later one replaces the earlier one's version
 * (last writer wins); send a model's additions one at a time.
 */
public final class TransportAddItemsAction extends HandledTransportAction<AddItemsRequest, AddItemsResponse> {
    private final SeqRecServices services;
    private final Client client;
    private final ThreadPool threadPool;

    @Inject
    public TransportAddItemsAction(
            TransportService transportService,
            ActionFilters actionFilters,
            SeqRecServices services,
            Client client,
            ThreadPool threadPool) {
        super(AddItemsAction.NAME, transportService, actionFilters, AddItemsRequest::new);
        this.services = services;
        this.client = client;
        this.threadPool = threadPool;
    }

    @Override
    protected void doExecute(Task task, AddItemsRequest request, ActionListener<AddItemsResponse> listener) {
        threadPool.generic().execute(ActionRunnable.wrap(listener, l -> {
            LoadedModel model = services.models().get(request.modelId());
            ModelArtifact updated;
            try {
                updated = NewItems.append(model.artifact(), request.items());
            } catch (ArtifactException e) {
                throw new IllegalArgumentException(
                        "[add items] model [" + request.modelId() + "]: " + e.getMessage(), e);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "[add items] model [" + request.modelId() + "]: " + e.getMessage(), e);
            }
            int numItems = updated.manifest().numItems();
            PutModelRequest put = new PutModelRequest(request.modelId(), new BytesArray(updated.toBytes()));
            client.execute(
                    PutModelAction.INSTANCE,
                    put,
                    ActionListener.map(
                            l,
                            r -> new AddItemsResponse(
                                    request.modelId(),
                                    request.items().size(),
                                    numItems,
                                    r.generation(),
                                    r.acknowledged())));
        }));
    }
}
