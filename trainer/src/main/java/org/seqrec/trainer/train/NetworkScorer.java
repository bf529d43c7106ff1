package org.seqrec.trainer.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.seqrec.nn.HistoryPadding;
import org.seqrec.nn.SequenceNetwork;
import org.seqrec.nn.TimeCodes;
import org.seqrec.trainer.eval.BatchScorer;

/**
 * Scores every item with a network being trained (for validation between epochs): the user vector
 * u = network(history) and logits u E^T over rows 0..n. Arrays live in a sub-manager closed after each call.
 */
final class NetworkScorer implements BatchScorer {
    private final SequenceNetwork network;
    private final NDManager manager;

    NetworkScorer(SequenceNetwork network, NDManager manager) {
        this.network = network;
        this.manager = manager;
    }

    @Override
    public float[][] score(int[][] histories) {
        return score(histories, null);
    }

    /** @param timeCodes null without times (a time-reading network then fails) */
    @Override
    public float[][] score(int[][] histories, int[][] timeCodes) {
        int len = network.maxLen();
        int batch = histories.length;
        long[] padded = HistoryPadding.leftPad(histories, len);
        try (NDManager call = manager.newSubManager()) {
            NDArray rows = call.create(padded, new Shape(batch, len));
            SequenceNetwork.Pass pass = timeCodes != null && network.readsTimes()
                    ? network.userPass(rows, call.create(TimeCodes.leftPad(timeCodes, len), new Shape(batch, len)))
                    : network.userPass(rows);
            NDArray logits = Linear.linear(pass.states(), pass.items()).singletonOrThrow();
            float[] flat = logits.toFloatArray();
            int width = flat.length / batch;
            float[][] out = new float[batch][width];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(flat, b * width, out[b], 0, width);
            }
            return out;
        }
    }
}
