package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ModelArtifact;

/**
 * The hyper-parameters of one ranking network family ({@link RankingNetwork}: it scores given
 * candidates with the history, instead of mapping the history to one vector) and the way to its
 * network. Implementations are immutable records whose constructors reject invalid values with
 * {@link IllegalArgumentException}; each is registered once in {@code org.seqrec.model.ModelTypes}.
 */
public interface RankingConfig {
    /** The manifest's {@code model_type}. */
    String modelType();

    /** n, items in the vocabulary; item embedding rows are n + 1 (row 0 pads). */
    int numItems();

    /** D, the size of the item embeddings. */
    int dim();

    /** L, the number of most recent items the network reads. */
    int maxLen();

    /** The hyper-parameters as stored in the manifest's {@code hyper_parameters}. */
    Map<String, Object> toHyperParameters();

    /** A freshly initialised network of this config, parameters on {@code manager}, reproducible from {@code seed}. */
    RankingNetwork initialize(NDManager manager, long seed);

    /** Wraps already-created parameter arrays (names and shapes as {@link #initialize} makes them). */
    RankingNetwork wrap(Map<String, NDArray> parameters);

    /** Whether {@link #warmStart} can give this network a retrieval model's weights (BST). */
    default boolean canWarmStart() {
        return false;
    }

    /**
     * The parameters, by this network's names, that a trained retrieval model gives this network to
     * start from (BST from a SASRec of its shape); the others keep their initial values.
     *
     * @throws IllegalArgumentException when this type cannot start from that model, saying why
     */
    default Map<String, FloatTensor> warmStart(ModelArtifact retrieval) {
        throw new IllegalArgumentException(modelType() + " cannot start from a retrieval model's weights");
    }
}
