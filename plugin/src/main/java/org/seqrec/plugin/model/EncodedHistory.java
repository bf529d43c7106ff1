package org.seqrec.plugin.model;

/**
 * A user's history encoded by one version of a model.
 *
 * @param ref the model version that encoded it; shards must score with the same version
 * @param userVector u, D floats
 */
public record EncodedHistory(ModelRef ref, float[] userVector) {}
