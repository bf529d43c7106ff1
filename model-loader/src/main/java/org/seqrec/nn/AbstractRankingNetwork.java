package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What every {@link RankingNetwork} holds, as {@link AbstractNetwork} for the retrieval networks: its
 * hyper-parameters and its parameters by name, E (n + 1, D) among them as {@link Networks#ITEM_EMBEDDING}.
 * The network keeps its own unmodifiable copy of the map, not of the arrays, which belong to the
 * manager they were created on. Immutable.
 *
 * @param <C> the network family's hyper-parameters
 */
abstract class AbstractRankingNetwork<C extends RankingConfig> implements RankingNetwork {
    /** The hyper-parameters the network was built with. */
    protected final C config;
    /** Every trainable parameter by name, insertion order kept; unmodifiable. */
    protected final Map<String, NDArray> parameters;

    /** @param parameters copied (the map, not the arrays), so later changes to it are not seen */
    AbstractRankingNetwork(C config, Map<String, NDArray> parameters) {
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
