package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A sequence model that turns item histories into user vectors in the item embedding space.
 *
 * <p>Tensor contract: {@code rows} is (B, L) int64 of item rows, left-padded with 0 so that the
 * most recent item sits at position L - 1. {@link #userVectors} returns (B, D); the model's
 * logit for item row i is {@code userVectors . itemEmbeddings[i]}, and for training, the logit
 * of position t for item row i is {@code hidden[:, t] . itemEmbeddings[i]}.
 *
 * <p>Arrays returned by these methods belong to the manager of {@code rows}; parameters belong
 * to the manager the network was created with, which the caller owns and closes.
 */
public interface SequenceNetwork {
    /** The hyper-parameters the network was built with. */
    NetworkConfig config();

    /** L, the history length the network reads. */
    default int maxLen() {
        return config().maxLen();
    }

    /** The model type written to the manifest ({@link NetworkConfig#modelType()}). */
    default String modelType() {
        return config().modelType();
    }

    /** (B, L, D) hidden states, in the item embedding space; {@code training} turns dropout on. */
    NDArray hidden(NDArray rows, boolean training);

    /**
     * One pass's results: the states ({@link #pass}: hidden states (B, L, D); {@link #userPass}: user
     * vectors (B, D)) and the item table (n + 1, D) their logits are taken against. Both belong to the
     * manager of the input rows (or, for {@code items}, are the network's own parameter).
     */
    record Pass(NDArray states, NDArray items) {}

    /**
     * Hidden states and the item table of one pass. For most networks that is {@link #hidden} and
     * {@link #itemEmbeddings}; a network whose item table is computed per pass ({@link FeatureNetwork})
     * computes it once, so that the hidden states and the logits read the same table.
     */
    default Pass pass(NDArray rows, boolean training) {
        return new Pass(hidden(rows, training), itemEmbeddings());
    }

    /** {@link #userVectors} and the item table they score against, in inference mode (see {@link #pass}). */
    default Pass userPass(NDArray rows) {
        return new Pass(userVectors(rows), itemEmbeddings());
    }

    /** {@link #pass} of histories with their time codes ({@link #hidden(NDArray, NDArray, boolean)}). */
    default Pass pass(NDArray rows, NDArray timeCodes, boolean training) {
        return new Pass(hidden(rows, timeCodes, training), itemEmbeddings());
    }

    /** {@link #userPass} of histories with their time codes ({@link #userVectors(NDArray, NDArray)}). */
    default Pass userPass(NDArray rows, NDArray timeCodes) {
        return new Pass(userVectors(rows, timeCodes), itemEmbeddings());
    }

    /**
     * Whether the network reads event times ({@link TimeFeatures}); it is then run with
     * {@link #hidden(NDArray, NDArray, boolean)} and {@link #userVectors(NDArray, NDArray)}.
     */
    default boolean readsTimes() {
        return false;
    }

    /**
     * (B, L, D) hidden states of histories with their {@link TimeCodes} ({@code timeCodes} (B, L)
     * int64, padded like {@code rows}); a time-blind network ignores them.
     */
    default NDArray hidden(NDArray rows, NDArray timeCodes, boolean training) {
        return hidden(rows, training);
    }

    /** (B, D) user vectors of histories with their time codes (B, L), in inference mode. */
    default NDArray userVectors(NDArray rows, NDArray timeCodes) {
        NDArray h = hidden(rows, timeCodes, false);
        long last = h.getShape().get(1) - 1;
        return h.get(":, {}, :", last);
    }

    /** (B, D) user vectors: the hidden state at the last position, in inference mode. */
    default NDArray userVectors(NDArray rows) {
        NDArray h = hidden(rows, false);
        long last = h.getShape().get(1) - 1;
        return h.get(":, {}, :", last);
    }

    /**
     * E, (n + 1, D): the output item embedding matrix (row 0 pads), stored as item_embeddings.npy.
     * Tied to the input embeddings except for Caser.
     */
    NDArray itemEmbeddings();

    /**
     * Every trainable parameter by name, the output item embeddings included (as
     * {@link Networks#ITEM_EMBEDDING}).
     */
    Map<String, NDArray> parameters();
}
