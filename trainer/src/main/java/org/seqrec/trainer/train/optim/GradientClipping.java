package org.seqrec.trainer.train.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import java.util.Collection;

/**
 * Global L2-norm gradient clipping (Pascanu et al., ICML 2013; PyTorch's clip_grad_norm_): when
 * ||g|| = sqrt(sum over all parameters of sum g^2) exceeds {@code maxNorm}, every gradient is scaled
 * in place by maxNorm / (||g|| + 1e-6), so the direction is kept and the norm becomes maxNorm.
 * Temporaries belong to the gradients' manager.
 */
public final class GradientClipping {
    private static final double EPS = 1e-6;

    private GradientClipping() {}

    /** ||g|| over all the gradients. */
    static double globalNorm(Collection<NDArray> gradients) {
        NDList squares = new NDList();
        for (NDArray g : gradients) {
            squares.add(g.square().sum());
        }
        return Math.sqrt(NDArrays.stack(squares).sum().getFloat());
    }

    /**
     * Scales the gradients in place if their global norm exceeds {@code maxNorm}.
     *
     * @param maxNorm greater than 0
     * @return the norm before clipping
     */
    public static double clip(Collection<NDArray> gradients, double maxNorm) {
        double norm = globalNorm(gradients);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / (norm + EPS));
            for (NDArray g : gradients) {
                g.muli(scale);
            }
        }
        return norm;
    }
}
