package org.seqrec.nn;

import java.util.Map;

/**
 * The hyper-parameters that define one network family's shapes and forward pass. Implementations
 * are immutable records whose constructors reject invalid values with {@link IllegalArgumentException}
 * naming the hyper-parameter and its allowed range; {@link Networks#configFromManifest} reads them
 * back from an artifact.
 */
public sealed interface NetworkConfig permits SasRecConfig, Gru4RecConfig, CaserConfig, Bert4RecConfig {
    /** The manifest's {@code model_type}, e.g. {@code sasrec}. */
    String modelType();

    /** n, items in the vocabulary; item embedding rows are n + 1 (row 0 pads). */
    int numItems();

    /** D, the size of user vectors and item embeddings. */
    int dim();

    /** L, the number of most recent items the network reads. */
    int maxLen();

    /** The hyper-parameters as stored in the manifest's {@code hyper_parameters}. */
    Map<String, Object> toHyperParameters();
}
