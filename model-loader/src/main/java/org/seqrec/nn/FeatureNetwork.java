package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.ItemFeatures;

/**
 * Any network of the zoo with item features (BST's input layer, Chen et al. 2019): an item's
 * representation is its id embedding plus the mean of its feature embeddings,
 * {@code E'[i] = E_id[i] + mean_{f in features(i)} F[f]}, used both in the history and as the output
 * (candidate) embedding, so the gradient reaches E_id and F. Each pass computes the effective table
 * E' for every item row once and runs the wrapped network with E' in place of its item tables
 * ({@link NetworkConfig#itemTables()}: E, and Caser's input embedding too).
 *
 * <p>New items: during training ({@code training = true}) the id part of each item that has features is
 * dropped with probability {@code idDropout} for the whole pass ({@code E'[i] = mean F[features(i)]}),
 * so the feature part alone learns to place an item; an item the model never saw is then served with
 * {@code mean F[features]} ({@link FeatureModel#embed}). No rescaling: at inference every known item
 * has both parts.
 *
 * <p>Export ({@link #effective}) gives the wrapped network with E' as its item tables, so the
 * artifact's item embeddings (and Caser's input embedding) hold E' and serving needs no change for
 * known items; {@link #featureModel} gives the features and F for new ones.
 *
 * <p>Tensors: F is (V + 1, D) for V feature values, row 0 pads and stays 0; the pooling is
 * {@link FeatureTables}'s, shared with the ranking networks ({@link FeatureRankingNetwork}).
 *
 * <p>Thread safety as the wrapped network: inference passes only read. Parameters and constants
 * belong to the {@link NDManager} given at construction, whose owner closes them; every array of a
 * pass belongs to the manager of its input rows.
 */
public final class FeatureNetwork implements SequenceNetwork {
    /** Parameter name of the feature embedding table F (V + 1, D). */
    public static final String FEATURE_EMBEDDING = "feature_embedding";

    private final NetworkConfig config;
    private final FeatureTables tables;
    private final Map<String, NDArray> parameters;

    private FeatureNetwork(NetworkConfig config, FeatureTables tables, Map<String, NDArray> parameters) {
        this.config = config;
        this.tables = tables;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /**
     * A fresh network: the wrapped type's initialisation from {@code seed}, plus F (Xavier uniform,
     * row 0 zero) from a stream derived from it.
     *
     * @param features item rows 0..n of {@code config}'s catalogue
     * @param idDropout probability in [0, 1) of dropping an item's id part during training
     * @throws IllegalArgumentException when the features do not cover the catalogue or idDropout is out of range
     */
    public static FeatureNetwork initialize(
            NetworkConfig config, ItemFeatures features, float idDropout, NDManager manager, long seed) {
        FeatureTables tables = new FeatureTables(config.numItems(), features, idDropout, manager);
        Map<String, NDArray> p =
                tables.withInitialTable(config.initialize(manager, seed).parameters(), config.dim(), manager, seed);
        return new FeatureNetwork(config, tables, p);
    }

    /** The features this network reads. */
    public ItemFeatures features() {
        return tables.features();
    }

    /** The probability of dropping an item's id part in a training pass. */
    public float idDropout() {
        return tables.idDropout();
    }

    @Override
    public NetworkConfig config() {
        return config;
    }

    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        return pass(rows, training).states();
    }

    @Override
    public NDArray userVectors(NDArray rows) {
        return userPass(rows).states();
    }

    @Override
    public Pass userPass(NDArray rows) {
        Map<String, NDArray> tables = effectiveParameters(rows.getManager(), false);
        return new Pass(config.wrap(tables).userVectors(rows), tables.get(Networks.ITEM_EMBEDDING));
    }

    @Override
    public boolean readsTimes() {
        return config.readsTimes();
    }

    @Override
    public NDArray hidden(NDArray rows, NDArray timeCodes, boolean training) {
        return pass(rows, timeCodes, training).states();
    }

    @Override
    public NDArray userVectors(NDArray rows, NDArray timeCodes) {
        return userPass(rows, timeCodes).states();
    }

    @Override
    public Pass pass(NDArray rows, NDArray timeCodes, boolean training) {
        Map<String, NDArray> tables = effectiveParameters(rows.getManager(), training);
        return new Pass(config.wrap(tables).hidden(rows, timeCodes, training), tables.get(Networks.ITEM_EMBEDDING));
    }

    @Override
    public Pass userPass(NDArray rows, NDArray timeCodes) {
        Map<String, NDArray> tables = effectiveParameters(rows.getManager(), false);
        return new Pass(config.wrap(tables).userVectors(rows, timeCodes), tables.get(Networks.ITEM_EMBEDDING));
    }

    @Override
    public Pass pass(NDArray rows, boolean training) {
        Map<String, NDArray> tables = effectiveParameters(rows.getManager(), training);
        SequenceNetwork inner = config.wrap(tables);
        return new Pass(inner.hidden(rows, training), tables.get(Networks.ITEM_EMBEDDING));
    }

    /**
     * The id part E_id (n + 1, D), the trainable parameter. The table logits are taken against is E',
     * given by {@link #pass} (per pass) and {@link #effective}.
     */
    @Override
    public NDArray itemEmbeddings() {
        return parameters.get(Networks.ITEM_EMBEDDING);
    }

    /** Every trainable parameter: the wrapped network's (its item tables are the id parts) and F. */
    @Override
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    /**
     * The wrapped network with E' (no id dropout) as its item tables, on {@code manager}: what the
     * artifact stores and serving runs.
     */
    public SequenceNetwork effective(NDManager manager) {
        return config.wrap(effectiveParameters(manager, false));
    }

    /** The features and F, for the artifact. */
    public FeatureModel featureModel() {
        return tables.featureModel(parameters);
    }

    private Map<String, NDArray> effectiveParameters(NDManager m, boolean training) {
        return tables.effective(parameters, config.itemTables(), m, training);
    }
}
