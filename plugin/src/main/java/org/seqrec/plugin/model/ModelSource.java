package org.seqrec.plugin.model;

import java.io.IOException;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;

/**
 * Where model artifacts come from, by model id. Today: files in the node's config directory
 * ({@link ConfigDirectoryModelSource}); a cluster-wide store can replace it without touching the
 * rest of the plugin. Implementations are thread-safe.
 */
public interface ModelSource {

    /**
     * Reads and validates the artifact of a model. Called at most once per model id and node by
     * {@link ModelRegistry} (unless the read fails), on a thread that may block.
     *
     * @param modelId an id that passed {@link ModelIds#validate}
     * @throws org.opensearch.ResourceNotFoundException when there is no model with this id
     * @throws ArtifactException when the artifact is malformed (the message says what is wrong)
     * @throws IOException when it exists but cannot be read
     */
    ModelArtifact read(String modelId) throws ArtifactException, IOException;
}
