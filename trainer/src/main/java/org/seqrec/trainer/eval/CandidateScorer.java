package org.seqrec.trainer.eval;

/**
 * Scores given candidates for a batch of histories: a ranking model under evaluation, which scores
 * what it is shown rather than the whole catalogue.
 *
 * <p>Shapes: B histories of item rows (oldest first, any length) and B candidate lists of item rows
 * (1..n, any length each); output B arrays, one score per candidate in order. Higher is better.
 * Implementations may be called from one thread at a time.
 */
@FunctionalInterface
public interface CandidateScorer {
    float[][] scoreCandidates(int[][] historiesAsRows, int[][] candidates);
}
