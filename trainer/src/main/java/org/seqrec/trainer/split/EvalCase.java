package org.seqrec.trainer.split;

/**
 * One ranking task: given {@code history} (item rows, oldest first), where does {@code target}
 * rank? {@code interacted} is every item row of the user (including later ones), used to draw
 * negatives the user never touched. Arrays are shared with the split: do not modify.
 *
 * @param user user number in the {@link org.seqrec.trainer.data.InteractionData}
 * @param history the items before the target, oldest first
 * @param target the held-out item row
 * @param interacted all item rows of the user, in time order
 * @param timeCodes the history's {@link org.seqrec.nn.TimeCodes} scored at the target's time (one
 *     per history item), or null when the data has no times
 */
public record EvalCase(int user, int[] history, int target, int[] interacted, int[] timeCodes) {
    /** A case without times. */
    public EvalCase(int user, int[] history, int target, int[] interacted) {
        this(user, history, target, interacted, null);
    }
}
