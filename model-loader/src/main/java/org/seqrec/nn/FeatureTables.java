package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.ItemFeatures;

/**
 * The item-feature input layer shared by {@link FeatureNetwork} (retrieval networks) and
 * {@link FeatureRankingNetwork} (DIN, DIEN, BST): each item table T of the wrapped network is replaced, for
 * a pass, by {@code T'[i] = T[i] + mean_{f in features(i)} F[f]}, the id part dropped with probability
 * {@code idDropout} per item during training (items without features always keep it).
 *
 * <p>Tensors: n items, V feature values, K the most features one item has, D = dim. F is (V + 1, D),
 * row 0 pads and stays 0. The item-to-feature index (n + 1, K) int64 and its weights (n + 1, K, 1)
 * (1 / count for an item's features, 0 for padding) are constants on the manager given at
 * construction, which owns them.
 */
final class FeatureTables {
    private final ItemFeatures features;
    private final float idDropout;
    private final int rows;
    private final NDArray featureIndex;
    private final NDArray featureWeights;
    private final NDArray hasFeatures;

    /**
     * @param numItems n of the wrapped network's catalogue
     * @throws IllegalArgumentException when the features do not cover the catalogue or idDropout is out of range
     */
    FeatureTables(int numItems, ItemFeatures features, float idDropout, NDManager manager) {
        if (features.numItemRows() != numItems + 1) {
            throw new IllegalArgumentException(
                    "the item features cover " + (features.numItemRows() - 1) + " items, the network " + numItems);
        }
        if (!(idDropout >= 0 && idDropout < 1)) {
            throw new IllegalArgumentException("feature id dropout must be in [0, 1), got " + idDropout);
        }
        this.features = features;
        this.idDropout = idDropout;
        this.rows = numItems + 1;
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

    ItemFeatures features() {
        return features;
    }

    float idDropout() {
        return idDropout;
    }

    /**
     * A freshly initialised wrapped network's {@code parameters} plus a fresh F (V + 1, D) on
     * {@code manager}: Xavier uniform from a stream derived from {@code seed}, row 0 zero.
     */
    Map<String, NDArray> withInitialTable(Map<String, NDArray> parameters, int dim, NDManager manager, long seed) {
        NDArray table = new ParameterInit(manager, seed ^ 0x5EEDFEA7L).xavier(features.numValues() + 1L, dim);
        float[] data = table.toFloatArray();
        Arrays.fill(data, 0, dim, 0f);
        table.close();
        Map<String, NDArray> out = new LinkedHashMap<>(parameters);
        out.put(FeatureNetwork.FEATURE_EMBEDDING, manager.create(data, new Shape(features.numValues() + 1L, dim)));
        return out;
    }

    /** The features and the F of {@code parameters}, for the artifact. */
    FeatureModel featureModel(Map<String, NDArray> parameters) {
        return new FeatureModel(features, Networks.toTensor(parameters.get(FeatureNetwork.FEATURE_EMBEDDING)));
    }

    /**
     * {@code parameters} without F and with each of {@code tables} replaced by T' for a pass on
     * {@code m} (whose arrays the replacements are).
     */
    Map<String, NDArray> effective(
            Map<String, NDArray> parameters, List<String> tables, NDManager m, boolean training) {
        NDArray pooled = pooled(m, parameters.get(FeatureNetwork.FEATURE_EMBEDDING));
        NDArray keep = null;
        if (training && idDropout > 0) {
            // 1 keeps the id part; items without features always keep it (they have nothing else)
            NDArray drop =
                    m.randomUniform(0f, 1f, new Shape(rows, 1)).lt(idDropout).toType(DataType.FLOAT32, false);
            keep = Ops.scalar(m, 1).sub(drop.mul(hasFeatures));
        }
        Map<String, NDArray> out = new LinkedHashMap<>(parameters);
        out.remove(FeatureNetwork.FEATURE_EMBEDDING);
        for (String name : tables) {
            NDArray id = Ops.param(parameters, name);
            // the pass's arrays first, so that the sum belongs to the pass (an op on the parameter would
            // leave it with the network's manager)
            out.put(name, keep == null ? pooled.add(id) : keep.mul(id).add(pooled));
        }
        return out;
    }

    /** (n + 1, D) mean feature embedding of each item row, 0 for items without features. */
    private NDArray pooled(NDManager m, NDArray table) {
        // made on the index's manager (the network's): moved to the pass's at once
        NDArray gathered = Ops.embed(featureIndex, table); // (n + 1, K, D)
        gathered.attach(m);
        return gathered.mul(featureWeights).sum(new int[] {1});
    }
}
