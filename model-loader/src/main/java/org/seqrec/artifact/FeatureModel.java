package org.seqrec.artifact;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model's item features and feature embeddings: {@link ItemFeatures} plus the feature
 * embedding table F, (V + 1, D), row 0 padding. An item's representation in training is
 * {@code E_id[i] + pool(F[features(i)])} with {@code pool} the mean over the item's feature rows (0
 * for an item without features); the artifact stores that sum as {@code item_embeddings.npy}, so
 * serving a known item needs nothing from here. An item the model has not seen gets
 * {@code pool(F[features])} alone ({@link #embed}); the F stored is the table for new items, which
 * the trainer fits after training to the known items' embeddings (docs/trainer.md, "New items").
 * Immutable, heap only, thread-safe.
 *
 * @param features the feature fields, vocabulary and each known item's features
 * @param embeddings F, (V + 1, D)
 */
public record FeatureModel(ItemFeatures features, FloatTensor embeddings) {
    /** The only pooling this version writes and reads: the mean of an item's feature embeddings. */
    public static final String POOLING_MEAN = "mean";
    /** Manifest hyper-parameter: the feature fields, in order (a list of strings). */
    public static final String FIELDS_KEY = "feature_fields";
    /** Manifest hyper-parameter: V, the number of feature values. */
    public static final String NUM_VALUES_KEY = "num_feature_values";
    /** Manifest hyper-parameter: how an item's feature embeddings are pooled, {@value #POOLING_MEAN}. */
    public static final String POOLING_KEY = "feature_pooling";

    /** The manifest hyper-parameters that declare these features. */
    public Map<String, Object> hyperParameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(FIELDS_KEY, features.fields());
        m.put(NUM_VALUES_KEY, features.numValues());
        m.put(POOLING_KEY, POOLING_MEAN);
        return m;
    }

    /** @throws IllegalArgumentException when F is not (V + 1, D) or holds a non-finite value */
    public FeatureModel {
        if (embeddings.rank() != 2 || embeddings.shape()[0] != features.numValues() + 1L) {
            throw new IllegalArgumentException("feature embeddings have shape " + embeddings.shapeString()
                    + " but the feature vocabulary implies (" + (features.numValues() + 1L)
                    + ", dim) (V feature values + 1 padding row)");
        }
        for (float v : embeddings.data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("feature embeddings contain a non-finite value (NaN or infinity)");
            }
        }
    }

    /** D. */
    public int dim() {
        return Math.toIntExact(embeddings.shape()[1]);
    }

    /** The mean of F's rows {@code featureRows} (each in 1..V); all zeros for no rows. */
    public float[] embed(int[] featureRows) {
        int d = dim();
        float[] out = new float[d];
        if (featureRows.length == 0) {
            return out;
        }
        float[] f = embeddings.data();
        for (int r : featureRows) {
            if (r < 1 || r > features.numValues()) {
                throw new IndexOutOfBoundsException("feature row " + r + " outside 1.." + features.numValues());
            }
            for (int j = 0; j < d; j++) {
                out[j] += f[r * d + j];
            }
        }
        float scale = 1f / featureRows.length;
        for (int j = 0; j < d; j++) {
            out[j] *= scale;
        }
        return out;
    }

    /**
     * The embedding of an item known only by its field values ({@link ItemFeatures#rowsOf}); null when
     * none of its values is known to the model (it then has no representation).
     *
     * @throws IllegalArgumentException for a field the model does not have
     */
    public float[] embedValues(Map<String, List<String>> fieldValues) {
        int[] rows = features.rowsOf(fieldValues);
        return rows.length == 0 ? null : embed(rows);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FeatureModel m
                && features.values().equals(m.features.values())
                && features.fields().equals(m.features.fields())
                && sameItems(features, m.features)
                && embeddings.equals(m.embeddings);
    }

    @Override
    public int hashCode() {
        return 31 * features.values().hashCode() + embeddings.hashCode();
    }

    private static boolean sameItems(ItemFeatures a, ItemFeatures b) {
        if (a.numItemRows() != b.numItemRows()) {
            return false;
        }
        for (int i = 0; i < a.numItemRows(); i++) {
            if (!Arrays.equals(a.itemRows(i), b.itemRows(i))) {
                return false;
            }
        }
        return true;
    }
}
