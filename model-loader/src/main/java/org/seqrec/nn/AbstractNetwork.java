package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every {@link SequenceNetwork} holds: its hyper-parameters and its parameters by name, the
 * output item embedding matrix E (n + 1, D) among them as {@link Networks#ITEM_EMBEDDING}.
 *
 * <p>The network keeps its own unmodifiable copy of the name-to-array map, not of the arrays: they
 * belong to the {@code NDManager} they were created on, whose owner closes them; the network never
 * closes them. Immutable, so the accessors are safe to call concurrently.
 *
 * @param <C> the network family's hyper-parameters
 */
abstract class AbstractNetwork<C extends NetworkConfig> implements SequenceNetwork {
    /** The hyper-parameters the network was built with. */
    protected final C config;
    /** Every trainable parameter by name, insertion order kept; unmodifiable. */
    protected final Map<String, NDArray> parameters;

    /** @param parameters copied (the map, not the arrays), so later changes to it are not seen */
    AbstractNetwork(C config, Map<String, NDArray> parameters) {
        this.config = config;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    @Override
    public C config() {
        return config;
    }

    @Override
    public NDArray itemEmbeddings() {
        return parameters.get(Networks.ITEM_EMBEDDING);
    }

    @Override
    public Map<String, NDArray> parameters() {
        return parameters;
    }
}
