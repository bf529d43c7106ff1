package org.seqrec.plugin.model;

import java.io.IOException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

/**
 * A user's history encoded by one version of a model; the rescorer's coordinating node sends it to
 * the shards.
 *
 * @param ref the model version that encoded it; shards must score with the same version
 * @param userVector u, D floats
 */
public record EncodedHistory(ModelRef ref, float[] userVector) implements Writeable {

    /** Reads what {@link #writeTo} writes, in that order. */
    public static EncodedHistory readFrom(StreamInput in) throws IOException {
        return new EncodedHistory(ModelRef.readFrom(in), in.readFloatArray());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        ref.writeTo(out);
        out.writeFloatArray(userVector);
    }
}
