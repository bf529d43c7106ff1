package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;

/**
 * The hyper-parameters that define one network family's shapes and forward pass, and the way to its
 * {@link SequenceNetwork}. Implementations are immutable records whose constructors reject invalid
 * values with {@link IllegalArgumentException} naming the hyper-parameter and its allowed range;
 * each is registered once, with the reader of its manifest form, in {@code org.seqrec.model.ModelTypes}.
 */
public interface NetworkConfig {
    /** The manifest's {@code model_type}: the name the network's type is registered under. */
    String modelType();

    /** n, items in the vocabulary; item embedding rows are n + 1 (row 0 pads). */
    int numItems();

    /** D, the size of user vectors and item embeddings. */
    int dim();

    /** L, the number of most recent items the network reads. */
    int maxLen();

    /**
     * The parameters that are item tables, (n + 1, D), indexed by item row: E ({@link
     * Networks#ITEM_EMBEDDING}) for every network, plus any separate input table (Caser's). Item
     * features ({@link FeatureNetwork}) are added to each.
     */
    default List<String> itemTables() {
        return List.of(Networks.ITEM_EMBEDDING);
    }

    /**
     * Whether the network reads event times ({@link TimeCodes}); the manifest's {@code reads_times}
     * must say the same.
     */
    default boolean readsTimes() {
        return false;
    }

    /** The hyper-parameters as stored in the manifest's {@code hyper_parameters}. */
    Map<String, Object> toHyperParameters();

    /** A freshly initialised network of this config, parameters on {@code manager}, reproducible from {@code seed}. */
    SequenceNetwork initialize(NDManager manager, long seed);

    /** Wraps already-created parameter arrays (names and shapes as {@link #initialize} makes them). */
    SequenceNetwork wrap(Map<String, NDArray> parameters);
}
