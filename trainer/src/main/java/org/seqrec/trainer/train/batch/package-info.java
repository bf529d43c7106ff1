/**
 * Mini-batches made in Java before any tensor exists: inputs and target positions for next-item
 * training and for the Cloze task ({@link org.seqrec.trainer.train.batch.BatchMaker#forTask}).
 */
package org.seqrec.trainer.train.batch;
