package org.seqrec.model;

import java.util.Set;

/**
 * One model type this version trains and serves, as registered in {@link ModelTypes}: a network
 * trained by gradient descent that maps a history to a user vector ({@link NetworkType}, a retrieval
 * model) or scores given candidates ({@link RankingType}, a ranking model), or a baseline fit by
 * counting ({@link CountingType}). Immutable.
 */
public sealed interface ModelType permits NetworkType, RankingType, CountingType {
    /** The manifest's {@code model_type} and the trainer's {@code --model} value. */
    String name();

    /** The network hyper-parameters training reads for this type; none for a counting type. */
    Set<HyperParameter> reads();
}
