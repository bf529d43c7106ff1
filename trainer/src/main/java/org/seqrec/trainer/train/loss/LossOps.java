package org.seqrec.trainer.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import org.seqrec.trainer.train.batch.TrainingBatch;

/** Tensor helpers shared by the losses. Results belong to the manager of the first array argument. */
final class LossOps {
    private LossOps() {}

    /** (N, D): the rows of {@code hidden} (B, L, D) at the batch's N target positions. */
    static NDArray atTargets(NDArray hidden, TrainingBatch batch) {
        long dim = hidden.getShape().get(2);
        NDArray flat = hidden.reshape(-1, dim);
        return rows(flat, flat.getManager().create(batch.positions()));
    }

    /** Rows of {@code matrix} (R, D) picked by {@code ids} (any shape, int64): shape ids.shape + (D). */
    static NDArray rows(NDArray matrix, NDArray ids) {
        return ids.getNDArrayInternal()
                .embedding(ids, matrix, SparseFormat.DENSE)
                .singletonOrThrow();
    }

    /** (N): the logit h_i . E[target_i] of each target position. */
    static NDArray positiveLogits(NDArray atTargets, NDArray items, TrainingBatch batch) {
        NDArray targetRows = rows(items, atTargets.getManager().create(batch.targets()));
        return atTargets.mul(targetRows).sum(new int[] {1});
    }

    /** (N, k): h_i . E[negatives[i * k + j]], for k negatives per target position. */
    static NDArray negativeLogits(NDArray atTargets, NDArray items, long[] negatives, int k) {
        NDManager m = atTargets.getManager();
        long n = atTargets.getShape().get(0);
        NDArray negRows = rows(items, m.create(negatives, new Shape(n, k)));
        // (N, k, D) x (N, D, 1) -> (N, k, 1)
        return negRows.matMul(atTargets.expandDims(2)).squeeze(2);
    }

    /**
     * A scalar owned by {@code m}. Scalars given as Java numbers to DJL ops are freed right after the
     * op although autograd may still need them for the backward pass (see SasRecNetwork#scalar).
     */
    static NDArray scalar(NDManager m, double value) {
        return m.create((float) value);
    }
}
