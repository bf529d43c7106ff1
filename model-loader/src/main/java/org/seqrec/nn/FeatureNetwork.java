package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * <p>Tensors: n items, V feature values, K the most features one item has, D = dim. F is (V + 1, D),
 * row 0 pads and stays 0. The item-to-feature index (n + 1, K) int64 and its weights (n + 1, K, 1)
 * (1 / count for an item's features, 0 for padding) are constants on the network's manager.
 *
 * <p>Thread safety as the wrapped network: inference passes only read. Parameters and constants
 * belong to the {@link NDManager} given at construction, whose owner closes them; every array of a
 * pass belongs to the manager of its input rows.
 */
public final class FeatureNetwork implements SequenceNetwork {
    /** Parameter name of the feature embedding table F (V + 1, D). */
    public static final String FEATURE_EMBEDDING = "feature_embedding";

    private final NetworkConfig config;
    private final ItemFeatures features;
    private final float idDropout;
    private final Map<String, NDArray> parameters;
    private final NDArray featureIndex;
    private final NDArray featureWeights;
    private final NDArray hasFeatures;

    private FeatureNetwork(
            NetworkConfig config,
            ItemFeatures features,
            float idDropout,
            Map<String, NDArray> parameters,
            NDManager manager) {
        this.config = config;
        this.features = features;
        this.idDropout = idDropout;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        int rows = config.numItems() + 1;
        int k = Math.max(1, features.maxFeaturesPerItem());
        long[] index = new long[rows * k];
        float[] weights = new float[rows * k];
        float[] has = new float[rows];
        for (int i = 0; i < rows; i++) {
            int[] f = features.itemRows(i);
            for (int j = 0; j < f.length; j++) {
                index[i * k + j] = f[j];
                weights[i * k + j] = 1f / f.length;
            }
            has[i] = f.length > 0 ? 1f : 0f;
        }
        this.featureIndex = manager.create(index, new Shape(rows, k));
        this.featureWeights = manager.create(weights, new Shape(rows, k, 1));
        this.hasFeatures = manager.create(has, new Shape(rows, 1));
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
        check(config, features, idDropout);
        Map<String, NDArray> p =
                new LinkedHashMap<>(config.initialize(manager, seed).parameters());
        NDArray table = new ParameterInit(manager, seed ^ 0x5EEDFEA7L).xavier(features.numValues() + 1L, config.dim());
        float[] data = table.toFloatArray();
        Arrays.fill(data, 0, config.dim(), 0f);
        table.close();
        p.put(FEATURE_EMBEDDING, manager.create(data, new Shape(features.numValues() + 1L, config.dim())));
        return new FeatureNetwork(config, features, idDropout, p, manager);
    }

    private static void check(NetworkConfig config, ItemFeatures features, float idDropout) {
        if (features.numItemRows() != config.numItems() + 1) {
            throw new IllegalArgumentException("the item features cover " + (features.numItemRows() - 1)
                    + " items, the network " + config.numItems());
        }
        if (!(idDropout >= 0 && idDropout < 1)) {
            throw new IllegalArgumentException("feature id dropout must be in [0, 1), got " + idDropout);
        }
    }

    /** The features this network reads. */
    public ItemFeatures features() {
        return features;
    }

    /** The probability of dropping an item's id part in a training pass. */
    public float idDropout() {
        return idDropout;
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
        return new FeatureModel(features, Networks.toTensor(parameters.get(FEATURE_EMBEDDING)));
    }

    /** (n + 1, D) mean feature embedding of each item row, 0 for items without features. */
    private NDArray pooled(NDManager m) {
        // made on the index's manager (the network's): moved to the pass's at once
        NDArray gathered = Ops.embed(featureIndex, parameters.get(FEATURE_EMBEDDING)); // (n + 1, K, D)
        gathered.attach(m);
        return gathered.mul(featureWeights).sum(new int[] {1});
    }

    private Map<String, NDArray> effectiveParameters(NDManager m, boolean training) {
        NDArray pooled = pooled(m);
        NDArray keep = null;
        if (training && idDropout > 0) {
            // 1 keeps the id part; items without features always keep it (they have nothing else)
            int rows = config.numItems() + 1;
            NDArray drop =
                    m.randomUniform(0f, 1f, new Shape(rows, 1)).lt(idDropout).toType(DataType.FLOAT32, false);
            keep = Ops.scalar(m, 1).sub(drop.mul(hasFeatures));
        }
        Map<String, NDArray> out = new LinkedHashMap<>(parameters);
        out.remove(FEATURE_EMBEDDING);
        List<String> tables = config.itemTables();
        for (String name : tables) {
            NDArray id = Ops.param(parameters, name);
            // the pass's arrays first, so that the sum belongs to the pass (an op on the parameter would
            // leave it with the network's manager)
            out.put(name, keep == null ? pooled.add(id) : keep.mul(id).add(pooled));
        }
        return out;
    }
}
