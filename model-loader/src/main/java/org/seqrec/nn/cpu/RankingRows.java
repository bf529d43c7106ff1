package org.seqrec.nn.cpu;

import org.seqrec.nn.RankingConfig;

/** The row check the plain-Java ranking networks share: a history or candidate row must be an item's. */
final class RankingRows {
    private RankingRows() {}

    /**
     * {@code row}, checked.
     *
     * @param what {@code history} or {@code candidate}, for the message
     * @throws IllegalArgumentException when it is outside 1..n
     */
    static int check(RankingConfig config, int row, String what) {
        if (row < 1 || row > config.numItems()) {
            throw new IllegalArgumentException(what + " item row " + row + " outside 1.." + config.numItems());
        }
        return row;
    }
}
