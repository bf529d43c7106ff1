/**
 * The optimiser: Adam with an L2 penalty, whose state a checkpoint can save, and global-norm
 * gradient clipping.
 */
package org.seqrec.trainer.train.optim;
