/**
 * The training objectives ({@link org.seqrec.trainer.train.loss.Loss}, {@link org.seqrec.trainer.train.loss.TrainingLoss}):
 * full and sampled softmax cross-entropy, SASRec's BCE and gSASRec's gBCE, with their negative sampling.
 */
package org.seqrec.trainer.train.loss;
