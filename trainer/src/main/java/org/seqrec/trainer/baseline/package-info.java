/**
 * The baselines fit by counting instead of training: item popularity and the first-order Markov
 * chain, their export as artifacts, and {@link org.seqrec.trainer.baseline.BaselineTraining}, which fits
 * and validates them like a network run.
 */
package org.seqrec.trainer.baseline;
