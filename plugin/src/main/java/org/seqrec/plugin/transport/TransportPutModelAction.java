package org.seqrec.plugin.transport;

import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.action.ActionRunnable;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.UUIDs;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.bytes.BytesReference;
import org.opensearch.core.common.unit.ByteSizeValue;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.plugin.store.ArtifactBytes;
import org.seqrec.plugin.store.ArtifactValidation;
import org.seqrec.plugin.store.CatalogEntry;
import org.seqrec.plugin.store.ModelStore;
import org.seqrec.plugin.store.ModelVersion;

/**
 * Runs {@link PutModelAction} on the node that received the upload, on the generic pool:
 * <ol>
 *   <li>refuse an artifact over {@code plugins.seqrec.max_artifact_size} (413);
 *   <li>validate it fully (400 saying what is wrong; nothing is stored);
 *   <li>write its chunks under a fresh upload id;
 *   <li>make it the model's current version in the cluster's catalogue (cluster-manager task,
 *       acknowledged by every node): from here on new searches use it, and the version it replaced
 *       stays servable for searches already running;
 *   <li>write the model's metadata document and delete the chunks of the version that dropped out.
 * </ol>
 * A failure before step 4 deletes the new chunks, so the store keeps exactly what it had.
 */
public final class TransportPutModelAction extends HandledTransportAction<PutModelRequest, PutModelResponse> {
    private static final Logger LOGGER = LogManager.getLogger(TransportPutModelAction.class);

    private final ModelStore store;
    private final Client client;
    private final ThreadPool threadPool;

    @Inject
    public TransportPutModelAction(
            TransportService transportService,
            ActionFilters actionFilters,
            ModelStore store,
            Client client,
            ThreadPool threadPool) {
        super(PutModelAction.NAME, transportService, actionFilters, PutModelRequest::new);
        this.store = store;
        this.client = client;
        this.threadPool = threadPool;
    }

    @Override
    protected void doExecute(Task task, PutModelRequest request, ActionListener<PutModelResponse> listener) {
        long size = request.artifact().length();
        if (size > store.maxArtifactBytes()) {
            listener.onFailure(tooLarge(size, store.maxArtifactBytes()));
            return;
        }
        threadPool.generic().execute(ActionRunnable.supply(listener, () -> put(request.modelId(), request.artifact())));
    }

    /** 413 naming the limit and how to raise it. */
    public static OpenSearchStatusException tooLarge(long size, long max) {
        return new OpenSearchStatusException(
                "seqrec artifact of {} is larger than plugins.seqrec.max_artifact_size ({})",
                RestStatus.REQUEST_ENTITY_TOO_LARGE,
                new ByteSizeValue(size),
                new ByteSizeValue(max));
    }

    private PutModelResponse put(String modelId, BytesReference bytes) throws Exception {
        ModelArtifact artifact = ArtifactValidation.validate(bytes);
        ModelVersion version = new ModelVersion(
                UUIDs.randomBase64UUID(),
                1,
                bytes.length(),
                ArtifactBytes.sha256(bytes),
                store.chunkCount(bytes.length()),
                threadPool.absoluteTimeInMillis());
        UpdateCatalogResponse published;
        try {
            store.writeChunks(modelId, version.uploadId(), bytes);
            published = CatalogUpdates.run(client, threadPool, UpdateCatalogRequest.put(modelId, version));
        } catch (Exception e) {
            store.deleteChunks(modelId, List.of(version));
            throw e;
        }
        CatalogEntry entry = published.after();
        store.writeMetadata(modelId, entry.current(), artifact.manifest());
        store.deleteChunks(modelId, CatalogEntry.dropped(published.before(), entry));
        LOGGER.info(
                "seqrec: stored model [{}] generation {} ({} bytes, {} items, type {})",
                modelId,
                entry.current().generation(),
                bytes.length(),
                artifact.manifest().numItems(),
                artifact.manifest().modelType());
        return new PutModelResponse(
                modelId,
                entry.current().generation(),
                entry.current().uploadId(),
                bytes.length(),
                entry.current().sha256(),
                published.acknowledged());
    }
}
