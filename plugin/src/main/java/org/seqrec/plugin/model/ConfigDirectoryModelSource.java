package org.seqrec.plugin.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.opensearch.ResourceNotFoundException;
import org.opensearch.secure_sm.AccessController;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;

/**
 * Reads {@code <config>/seqrec/models/<model_id>.seqrec} on the local node: the second source of
 * models, after the cluster's store. Every node that coordinates searches or holds shards of the
 * searched indices needs the file. A file's version is always {@link ModelRef#CONFIG_FILE}: a
 * replaced file is read again only after the node restarts. Thread-safe.
 */
public final class ConfigDirectoryModelSource implements ModelSource {
    /** The folder under the node's config directory that holds the artifacts. */
    public static final String MODELS_DIR = "seqrec/models";
    /** The artifact file name extension. */
    public static final String EXTENSION = ".seqrec";

    private final Path modelsDir;

    /** @param configDir the node's config directory ({@code Environment#configDir()}) */
    public ConfigDirectoryModelSource(Path configDir) {
        this.modelsDir = configDir.resolve(MODELS_DIR).toAbsolutePath().normalize();
    }

    /** The folder the artifacts are read from. */
    public Path modelsDir() {
        return modelsDir;
    }

    @Override
    public Optional<ModelRef> resolve(String modelId) {
        return exists(fileOf(modelId)) ? Optional.of(new ModelRef(modelId, ModelRef.CONFIG_FILE)) : Optional.empty();
    }

    @Override
    public boolean isServable(ModelRef ref) {
        return ModelRef.CONFIG_FILE.equals(ref.version()) && exists(fileOf(ref.modelId()));
    }

    @Override
    public ModelArtifact read(ModelRef ref) throws ArtifactException, IOException {
        String modelId = ref.modelId();
        Path file = fileOf(modelId);
        if (exists(file) == false || ModelRef.CONFIG_FILE.equals(ref.version()) == false) {
            throw new ResourceNotFoundException(
                    "seqrec model [{}] not found: no file [{}{}] in [config/{}] on this node",
                    modelId,
                    modelId,
                    EXTENSION,
                    MODELS_DIR);
        }
        return AccessController.doPrivilegedChecked(() -> ModelArtifact.read(file));
    }

    private Path fileOf(String modelId) {
        Path file = modelsDir.resolve(ModelIds.validate(modelId) + EXTENSION).normalize();
        if (file.getParent().equals(modelsDir) == false) {
            // ModelIds already excludes separators; this guards against a future rule change.
            throw new IllegalArgumentException(
                    "[model_id] [" + modelId + "] does not name a file in the models folder");
        }
        return file;
    }

    private static boolean exists(Path file) {
        // Only the plugin's own permissions apply to the check (config dir: read, see plugin-security.policy).
        return AccessController.doPrivileged(() -> Files.isRegularFile(file));
    }
}
