package org.seqrec.model;

/** What a network learns to predict during training; the trainer makes its batches from it. */
public enum TrainingTask {
    /** Every position predicts the item that follows it (SASRec, GRU4Rec and Caser papers). */
    NEXT_ITEM,
    /**
     * Cloze (masked item) prediction (Sun et al., CIKM 2019): random positions are replaced by the
     * [mask] token, input row {@link #maskRow n + 1}, and predict the items they hid.
     */
    CLOZE;

    /** n + 1, the input row of the [mask] token of {@link #CLOZE}, for n items (rows 1..n; row 0 pads). */
    public static long maskRow(int numItems) {
        return numItems + 1L;
    }
}
