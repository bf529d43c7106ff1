/**
 * Resumable runs: the per-epoch checkpoint file and what it holds, and heap copies of parameters
 * (best-epoch snapshots, checkpointed tensors).
 */
package org.seqrec.trainer.train.checkpoint;
