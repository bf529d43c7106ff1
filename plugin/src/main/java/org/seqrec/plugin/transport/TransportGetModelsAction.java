package org.seqrec.plugin.transport;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.action.ActionRunnable;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.cluster.service.ClusterService;
import org.opensearch.common.inject.Inject;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;
import org.seqrec.plugin.stats.LoadedModelStats;
import org.seqrec.plugin.store.CatalogEntry;
import org.seqrec.plugin.store.ModelCatalog;
import org.seqrec.plugin.store.ModelStore;

/**
 * Runs {@link GetModelsAction}: versions from the cluster state's catalogue, manifests from the
 * store's metadata documents, and which nodes have each model loaded from every node's stats.
 * 404 for an id the store does not have.
 */
public final class TransportGetModelsAction extends HandledTransportAction<ModelIdRequest, GetModelsResponse> {
    private final ClusterService clusterService;
    private final ModelStore store;
    private final Client client;
    private final ThreadPool threadPool;

    @Inject
    public TransportGetModelsAction(
            TransportService transportService,
            ActionFilters actionFilters,
            ClusterService clusterService,
            ModelStore store,
            Client client,
            ThreadPool threadPool) {
        super(GetModelsAction.NAME, transportService, actionFilters, ModelIdRequest::new);
        this.clusterService = clusterService;
        this.store = store;
        this.client = client;
        this.threadPool = threadPool;
    }

    @Override
    protected void doExecute(Task task, ModelIdRequest request, ActionListener<GetModelsResponse> listener) {
        threadPool.generic().execute(ActionRunnable.supply(listener, () -> get(request.modelId())));
    }

    private GetModelsResponse get(String modelId) {
        ModelCatalog catalog = ModelCatalog.of(clusterService.state());
        List<CatalogEntry> entries = new ArrayList<>();
        if (modelId == null) {
            entries.addAll(catalog.models().values());
        } else {
            entries.add(catalog.get(modelId)
                    .orElseThrow(() -> new ResourceNotFoundException(
                            "seqrec model [{}] not found in the cluster's model store", modelId)));
        }
        Map<String, Map<String, Object>> metadata =
                store.metadata(entries.stream().map(CatalogEntry::modelId).toList());
        StatsResponse stats;
        // which nodes have the model loaded is part of the model's description: no separate monitor grant needed
        try (ThreadContext.StoredContext ignored = threadPool.getThreadContext().stashContext()) {
            stats = client.execute(StatsAction.INSTANCE, new StatsRequest()).actionGet(TimeValue.timeValueSeconds(30));
        }
        List<Map<String, Object>> models = new ArrayList<>();
        for (CatalogEntry entry : entries) {
            models.add(describe(entry, metadata.get(entry.modelId()), stats));
        }
        return new GetModelsResponse(modelId != null, models);
    }

    private static Map<String, Object> describe(CatalogEntry entry, Map<String, Object> metadata, StatsResponse stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model_id", entry.modelId());
        m.put("generation", entry.current().generation());
        m.put("upload_id", entry.current().uploadId());
        m.put("size_bytes", entry.current().sizeBytes());
        m.put("sha256", entry.current().sha256());
        m.put(
                "uploaded_at",
                Instant.ofEpochMilli(entry.current().uploadedAtMillis()).toString());
        if (entry.previous() != null) {
            m.put("previous_upload_id", entry.previous().uploadId());
        }
        m.put("manifest", metadata == null ? null : metadata.get("manifest"));
        List<Map<String, Object>> loadedOn = new ArrayList<>();
        for (NodeStats node : stats.getNodes()) {
            for (LoadedModelStats loaded : node.models()) {
                if (loaded.modelId().equals(entry.modelId())
                        && entry.version(loaded.version()).isPresent()) {
                    Map<String, Object> n = new LinkedHashMap<>();
                    n.put("node_id", node.getNode().getId());
                    n.put("node_name", node.getNode().getName());
                    n.put("upload_id", loaded.version());
                    n.put("current", loaded.version().equals(entry.current().uploadId()));
                    loadedOn.add(n);
                }
            }
        }
        m.put("loaded_on", loadedOn);
        return m;
    }
}
