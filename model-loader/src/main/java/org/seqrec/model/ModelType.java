package org.seqrec.model;

import java.util.Set;

/**
 * One model type this version trains and serves, as registered in {@link ModelTypes}: a network
 * trained by gradient descent ({@link NetworkType}) or a baseline fit by counting
 * ({@link CountingType}). Immutable.
 */
public sealed interface ModelType permits NetworkType, CountingType {
    /** The manifest's {@code model_type} and the trainer's {@code --model} value. */
    String name();

    /** The network hyper-parameters training reads for this type; none for a counting type. */
    Set<HyperParameter> reads();
}
