package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.ItemFeatures;

/**
 * A ranking network (DIN, DIEN, BST) with item features: as {@link FeatureNetwork} does for the retrieval
 * networks, each pass runs the wrapped network with {@code E'[i] = E_id[i] + mean F[features(i)]} in
 * place of its item embeddings, both for the history and for the candidates, so the gradient reaches
 * E_id and F ({@link FeatureTables}, id dropout included).
 *
 * <p>Export ({@link #effective}) gives the wrapped network with E' as its item embeddings: the
 * artifact serves known items with no change, and stores the features and F ({@link #featureModel}).
 *
 * <p>Thread safety and ownership as {@link FeatureNetwork}.
 */
public final class FeatureRankingNetwork implements RankingNetwork {
    private static final List<String> ITEM_TABLES = List.of(Networks.ITEM_EMBEDDING);

    private final RankingConfig config;
    private final FeatureTables tables;
    private final Map<String, NDArray> parameters;

    private FeatureRankingNetwork(RankingConfig config, FeatureTables tables, Map<String, NDArray> parameters) {
        this.config = config;
        this.tables = tables;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * A fresh network: the wrapped type's initialisation from {@code seed}, plus F (Xavier uniform,
     * row 0 zero) from a stream derived from it.
     *
     * @throws IllegalArgumentException when the features do not cover the catalogue or idDropout is out of range
     */
    public static FeatureRankingNetwork initialize(
            RankingConfig config, ItemFeatures features, float idDropout, NDManager manager, long seed) {
        FeatureTables tables = new FeatureTables(config.numItems(), features, idDropout, manager);
        Map<String, NDArray> p =
                tables.withInitialTable(config.initialize(manager, seed).parameters(), config.dim(), manager, seed);
        return new FeatureRankingNetwork(config, tables, p);
    }

    @Override
    public RankingConfig config() {
        return config;
    }

    @Override
    public NDArray logits(NDArray rows, NDArray positions, NDArray candidates, boolean training) {
        return pass(rows, training).logits(rows, positions, candidates, training);
    }

    @Override
    public NDArray[] logitsAndUserVectors(NDArray rows, NDArray positions, NDArray candidates, boolean training) {
        return pass(rows, training).logitsAndUserVectors(rows, positions, candidates, training);
    }

    /** The id part E_id (n + 1, D), the trainable parameter; passes score with E' ({@link #effective}). */
    @Override
    public NDArray itemEmbeddings() {
        return parameters.get(Networks.ITEM_EMBEDDING);
    }

    /** Every trainable parameter: the wrapped network's (its E is the id part) and F. */
    @Override
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /** The wrapped network with E' (no id dropout) as its item embeddings, on {@code manager}: what the artifact stores. */
    public RankingNetwork effective(NDManager manager) {
        return config.wrap(tables.effective(parameters, ITEM_TABLES, manager, false));
    }

    /** The features and F, for the artifact. */
    public FeatureModel featureModel() {
        return tables.featureModel(parameters);
    }

    /** The probability of dropping an item's id part in a training pass. */
    public float idDropout() {
        return tables.idDropout();
    }

    private RankingNetwork pass(NDArray rows, boolean training) {
        return config.wrap(tables.effective(parameters, ITEM_TABLES, rows.getManager(), training));
    }
}
