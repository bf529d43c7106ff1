package org.seqrec.plugin.clause;

import org.seqrec.plugin.history.HistorySpec;

/**
 * The options of one {@code seqrec} clause (the query's, the rescorer's): the {@link
 * CommonClauseOptions} every clause names, read through here, plus the clause's own.
 */
public interface ClauseOptions {
    /** What every clause names. */
    CommonClauseOptions common();

    default String modelId() {
        return common().modelId();
    }

    default String itemField() {
        return common().itemField();
    }

    default HistorySpec history() {
        return common().history();
    }

    /**
     * @throws IllegalArgumentException when the given history, or the number of events to read, is
     *     above {@code maxLength}
     */
    default void checkHistoryLength(int maxLength) {
        common().checkHistoryLength(maxLength);
    }
}
