package org.seqrec.trainer.train;

import java.util.Arrays;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.nn.FeatureNetwork;

/**
 * Item features for a training run ({@code train --item-features}): the features of every item row of
 * the catalogue and the probability of dropping an item's id embedding in a training pass, which
 * teaches the feature embeddings alone to place an item (served for items the model has not seen;
 * see {@link FeatureNetwork}).
 *
 * @param features aligned to the catalogue's rows 0..n
 * @param idDropout in [0, 1)
 */
public record FeatureInput(ItemFeatures features, float idDropout) {
    /** The default {@code --feature-id-dropout}. */
    public static final float DEFAULT_ID_DROPOUT = 0.1f;
    /** The manifest hyper-parameter recording {@link #idDropout}. */
    public static final String ID_DROPOUT_KEY = "feature_id_dropout";

    public FeatureInput {
        if (!(idDropout >= 0 && idDropout < 1)) {
            throw new IllegalArgumentException("--feature-id-dropout must be in [0, 1), got " + idDropout);
        }
    }

    /** A digest of the features, part of a checkpoint's data fingerprint. */
    String fingerprint() {
        int h = features.fields().hashCode() * 31 + features.values().hashCode();
        for (int i = 0; i < features.numItemRows(); i++) {
            h = h * 31 + Arrays.hashCode(features.itemRows(i));
        }
        return "features:" + Integer.toHexString(h) + ":" + idDropout;
    }
}
