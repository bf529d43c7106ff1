package org.seqrec.trainer.eval;

/**
 * Scores every item for a batch of histories: the model under evaluation.
 *
 * <p>Shapes: input B histories of item rows (oldest first, each of any length, possibly empty);
 * output B arrays of {@code numItems + 1} scores, index = item row, index 0 (padding) ignored.
 * Higher is better. Implementations may be called from one thread at a time.
 */
@FunctionalInterface
public interface BatchScorer {
    float[][] score(int[][] historiesAsRows);

    /**
     * Scores histories with their time codes ({@code org.seqrec.nn.TimeCodes}, one per item, scored at
     * the target's time); a scorer of a time-blind model ignores them.
     */
    default float[][] score(int[][] historiesAsRows, int[][] timeCodes) {
        return score(historiesAsRows);
    }
}
