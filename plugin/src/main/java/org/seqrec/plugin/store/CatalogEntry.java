package org.seqrec.plugin.store;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

/**
 * A stored model in the cluster's catalogue: the version new searches use ({@code current}) and the
 * one it replaced ({@code previous}), kept servable so that searches that started on it can finish
 * while the new version rolls out.
 *
 * @param previous {@code null} after the model's first upload
 */
public record CatalogEntry(String modelId, ModelVersion current, ModelVersion previous) implements Writeable {

    public CatalogEntry {
        Objects.requireNonNull(modelId, "modelId");
        Objects.requireNonNull(current, "current");
    }

    /** This model with {@code next} as the current version; the current one becomes previous. */
    public CatalogEntry replacedBy(ModelVersion next) {
        return new CatalogEntry(modelId, next.withGeneration(current.generation() + 1), current);
    }

    /** The version with this upload id, if it is still servable (current or previous). */
    public Optional<ModelVersion> version(String uploadId) {
        if (current.uploadId().equals(uploadId)) {
            return Optional.of(current);
        }
        if (previous != null && previous.uploadId().equals(uploadId)) {
            return Optional.of(previous);
        }
        return Optional.empty();
    }

    /** The versions whose chunks the store must keep. */
    public List<ModelVersion> versions() {
        List<ModelVersion> all = new ArrayList<>(2);
        all.add(current);
        if (previous != null) {
            all.add(previous);
        }
        return all;
    }

    /**
     * The versions of {@code before} that {@code after} no longer serves: their chunks can be
     * deleted. {@code before} or {@code after} may be null (new model, deleted model).
     */
    public static List<ModelVersion> dropped(CatalogEntry before, CatalogEntry after) {
        if (before == null) {
            return List.of();
        }
        return before.versions().stream()
                .filter(v -> after == null || after.version(v.uploadId()).isEmpty())
                .toList();
    }

    public static CatalogEntry readFrom(StreamInput in) throws IOException {
        return new CatalogEntry(
                in.readString(), ModelVersion.readFrom(in), in.readOptionalWriteable(ModelVersion::readFrom));
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        current.writeTo(out);
        out.writeOptionalWriteable(previous);
    }
}
