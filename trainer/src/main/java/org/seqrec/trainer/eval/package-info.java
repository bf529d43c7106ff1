/**
 * Offline evaluation: ranking metrics (HR, NDCG, MRR), the protocols (full ranking with or without seen
 * items, sampled negatives) and the {@link org.seqrec.trainer.eval.Evaluator} that scores held-out
 * items through a {@link org.seqrec.trainer.eval.BatchScorer}.
 */
package org.seqrec.trainer.eval;
