/**
 * Training a network: the run's configuration ({@link org.seqrec.trainer.train.TrainingConfig},
 * {@link org.seqrec.trainer.train.ConfigScope}), the entry point {@link org.seqrec.trainer.train.Training},
 * the epoch loop, early stopping, validation and export. Losses, the optimiser, batches and checkpoints
 * are in the sub-packages.
 */
package org.seqrec.trainer.train;
