package org.seqrec.plugin.model;

import java.util.List;
import org.seqrec.model.ModelTypes;

/**
 * A ranking model (DIN, DIEN, BST) asked for a user vector: it scores the hits of a {@code seqrec} rescore with
 * the history in view, but has no vector to retrieve with. A 400 that names the kinds each side takes.
 */
public final class RankingModelException extends IllegalArgumentException {
    public RankingModelException(String modelId, String modelType) {
        super("seqrec model [" + modelId + "] is a ranking model (" + modelType + "): it reranks hits in a [seqrec]"
                + " rescore; the [seqrec] query and _recommend retrieve with a retrieval model ("
                + String.join(", ", names()) + ")");
    }

    private static List<String> names() {
        return ModelTypes.names(ModelTypes.retrieval());
    }
}
