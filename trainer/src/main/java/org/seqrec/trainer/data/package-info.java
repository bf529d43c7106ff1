/**
 * Reading interaction logs (pairs, sequences, csv) into {@link org.seqrec.trainer.data.InteractionData}:
 * per-user sequences in time order over item rows assigned by an {@link org.seqrec.trainer.data.ItemIndexer}.
 */
package org.seqrec.trainer.data;
