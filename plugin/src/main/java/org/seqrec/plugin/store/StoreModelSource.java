package org.seqrec.plugin.store;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.cluster.ClusterState;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.plugin.model.ModelRef;
import org.seqrec.plugin.model.ModelSource;

/**
 * Models uploaded to the cluster: versions come from the {@link ModelCatalog} in the node's
 * current cluster state (no I/O), bytes from the {@link ModelStore}. A version stays servable while
 * it is the current or the previous one. Thread-safe.
 */
public final class StoreModelSource implements ModelSource {
    private final Supplier<ClusterState> state;
    private final ModelStore store;

    /** @param state the node's applied cluster state ({@code ClusterService::state}) */
    public StoreModelSource(Supplier<ClusterState> state, ModelStore store) {
        this.state = state;
        this.store = store;
    }

    @Override
    public Optional<ModelRef> resolve(String modelId) {
        return catalog().get(modelId).map(e -> new ModelRef(modelId, e.current().uploadId()));
    }

    @Override
    public boolean isServable(ModelRef ref) {
        return version(ref).isPresent();
    }

    @Override
    public ModelArtifact read(ModelRef ref) throws ArtifactException, IOException {
        ModelVersion version = version(ref)
                .orElseThrow(() -> new ResourceNotFoundException(
                        "seqrec model [{}] version [{}] is not in the cluster's model store",
                        ref.modelId(),
                        ref.version()));
        return ModelArtifact.read(store.read(ref.modelId(), version).streamInput());
    }

    private Optional<ModelVersion> version(ModelRef ref) {
        return catalog().get(ref.modelId()).flatMap(e -> e.version(ref.version()));
    }

    private ModelCatalog catalog() {
        return ModelCatalog.of(state.get());
    }
}
