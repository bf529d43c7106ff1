package org.seqrec.plugin.model;

import java.io.IOException;
import java.util.Optional;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;

/**
 * Where model artifacts come from: the cluster's model store
 * ({@link org.seqrec.plugin.store.StoreModelSource}) and files in the node's config directory
 * ({@link ConfigDirectoryModelSource}). Implementations are thread-safe.
 */
public interface ModelSource {

    /**
     * The version new requests should use, or empty when this source has no model with this id.
     * Cheap (no I/O beyond a file check): called once per request.
     */
    Optional<ModelRef> resolve(String modelId);

    /** Whether {@code ref} can still be read (a cached copy of a version that cannot is dropped). */
    boolean isServable(ModelRef ref);

    /**
     * Reads and validates one version of a model's artifact. Called at most once per version and
     * node by {@link ModelRegistry} (unless the read fails), on a thread that may block.
     *
     * @throws org.opensearch.ResourceNotFoundException when this version does not exist (any more)
     * @throws ArtifactException when the artifact is malformed (the message says what is wrong)
     * @throws IOException when it exists but cannot be read
     */
    ModelArtifact read(ModelRef ref) throws ArtifactException, IOException;
}
