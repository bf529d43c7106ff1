/**
 * The model types this version trains and serves, each registered once in {@link org.seqrec.model.ModelTypes}:
 * networks trained by gradient descent ({@link org.seqrec.model.NetworkType}: training task, config,
 * hyper-parameters read) and baselines fit by counting ({@link org.seqrec.model.CountingType}), with
 * {@link org.seqrec.model.UserStates}, how a type turns histories into user vectors, and the counting
 * baselines' Java implementations of it.
 */
package org.seqrec.model;
