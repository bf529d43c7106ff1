package org.seqrec.plugin.model;

import java.io.IOException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

/**
 * A user's history encoded by one version of a model; the rescorer's coordinating node sends it to
 * the shards. A retrieval model encodes it as its user vector; a ranking model ({@code din}), which
 * reads the history with each candidate, travels as the history's item rows instead.
 *
 * @param ref the model version that encoded it; shards must score with the same version
 * @param userVector u, D floats; empty for a ranking model
 * @param historyRows a ranking model's history as item rows of {@code ref}'s vocabulary, oldest
 *     first (at most L); null for a retrieval model
 */
public record EncodedHistory(ModelRef ref, float[] userVector, int[] historyRows) implements Writeable {

    /** A retrieval model's user vector. */
    public EncodedHistory(ModelRef ref, float[] userVector) {
        this(ref, userVector, null);
    }

    /** A ranking model's history rows. */
    public static EncodedHistory ofRows(ModelRef ref, int[] historyRows) {
        return new EncodedHistory(ref, new float[0], historyRows);
    }

    /** Whether this is a ranking model's history (rows) rather than a user vector. */
    public boolean isRows() {
        return historyRows != null;
    }

    /** Reads what {@link #writeTo} writes, in that order. */
    public static EncodedHistory readFrom(StreamInput in) throws IOException {
        ModelRef ref = ModelRef.readFrom(in);
        float[] vector = in.readFloatArray();
        int[] rows = in.readBoolean() ? in.readVIntArray() : null;
        return new EncodedHistory(ref, vector, rows);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        ref.writeTo(out);
        out.writeFloatArray(userVector);
        out.writeBoolean(historyRows != null);
        if (historyRows != null) {
            out.writeVIntArray(historyRows);
        }
    }
}
