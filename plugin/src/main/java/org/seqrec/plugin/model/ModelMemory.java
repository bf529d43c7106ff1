package org.seqrec.plugin.model;

import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ModelArtifact;

/** Estimates the memory a loaded model takes, for the registry's size bound. */
final class ModelMemory {
    /** Per vocabulary entry: the id string, its map entry and array slot (rough, JDK 21 compact strings). */
    private static final long BYTES_PER_ITEM_ID = 96;

    private ModelMemory() {}

    /**
     * Item embeddings (heap), network parameters (heap in the artifact, plus a native copy once the
     * encoder opens: counted twice), and the vocabulary. Not counted here: the item index, built only
     * on nodes that retrieve: the exact one holds a transposed copy of the embeddings (as much again
     * as they take), an HNSW graph (catalogues over 100,000 items) about as much as the embeddings.
     */
    static long estimate(ModelArtifact artifact) {
        long floats = artifact.itemEmbeddings().storedValues(); // 0 for identity embeddings (markov), never stored
        long params = 0;
        for (FloatTensor t : artifact.parameters().values()) {
            params += t.data().length;
        }
        return 4L * floats
                + 8L * params
                + BYTES_PER_ITEM_ID * artifact.vocabulary().size();
    }
}
