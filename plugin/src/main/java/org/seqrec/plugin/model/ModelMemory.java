package org.seqrec.plugin.model;

import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.index.HnswItemIndex;
import org.seqrec.index.HnswParams;

/** Estimates the memory a loaded model takes, for the registry's size bound. */
final class ModelMemory {
    /** Per vocabulary entry: the id string, its map entry and array slot (rough, JDK 21 compact strings). */
    private static final long BYTES_PER_ITEM_ID = 96;

    private ModelMemory() {}

    /**
     * Item embeddings (heap), network parameters (heap in the artifact, plus a native copy once the
     * encoder opens: counted twice), the vocabulary and any item features (F, each item's feature rows
     * (bounded by the widest item), the feature vocabulary). {@link LoadedModel#memoryBytes()} adds the
     * item index: the exact scan's transposed copy of the embeddings (as many bytes again) for a
     * catalogue searched exactly, counted from the load; an HNSW graph ({@link #graphBytes}) from the
     * moment its build starts.
     */
    static long estimate(ModelArtifact artifact) {
        long floats = artifact.itemEmbeddings().storedValues(); // 0 for identity embeddings (markov), never stored
        long params = 0;
        for (FloatTensor t : artifact.parameters().values()) {
            params += t.data().length;
        }
        // item features (heap): F, and about an int per item's feature plus its array per item
        long features = artifact.features()
                .map(f -> 4L * f.embeddings().data().length
                        + 4L * f.features().numItemRows() * (4 + f.features().maxFeaturesPerItem())
                        + BYTES_PER_ITEM_ID * f.features().numValues())
                .orElse(0L);
        return 4L * floats
                + 8L * params
                + BYTES_PER_ITEM_ID * artifact.vocabulary().size()
                + features;
    }

    /** The native memory of an HNSW graph over these embeddings ({@link HnswItemIndex#estimateNativeBytes}). */
    static long graphBytes(ItemEmbeddings embeddings, HnswParams params) {
        return HnswItemIndex.estimateNativeBytes(embeddings.numRows() - 1, embeddings.dim(), params);
    }
}
