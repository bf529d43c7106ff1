package org.seqrec.plugin.model;

import java.io.IOException;
import java.util.Objects;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

/**
 * A model id and the version of its artifact that one request uses. The coordinating node resolves
 * the version once per request and sends it with the encoded user vector, so that every shard
 * scores with the same artifact that encoded the history, even while a new version rolls out.
 *
 * @param version the store's upload id of the artifact, or {@link #CONFIG_FILE} for a model read
 *     from the node's config directory
 */
public record ModelRef(String modelId, String version) implements Writeable {
    /** The version of models read from {@code <config>/seqrec/models}. */
    public static final String CONFIG_FILE = "config-file";

    public ModelRef {
        ModelIds.validate(modelId);
        Objects.requireNonNull(version, "version");
    }

    public static ModelRef readFrom(StreamInput in) throws IOException {
        return new ModelRef(in.readString(), in.readString());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeString(version);
    }

    @Override
    public String toString() {
        return modelId + "@" + version;
    }
}
