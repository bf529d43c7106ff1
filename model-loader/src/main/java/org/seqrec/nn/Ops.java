package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.Map;

/**
 * The functional building blocks the networks share, over named parameter maps. Every array made
 * here belongs to the manager of its input.
 */
final class Ops {
    /** Layer-norm epsilon used by every network (as SASRec's reference code). */
    static final float LN_EPSILON = 1e-8f;

    private Ops() {}

    /**
     * A scalar tensor owned by {@code m}. DJL's {@code mul(Number)} and {@code div(Number)} close
     * their temporary scalar right after the op, yet autograd keeps it for the backward pass, whose
     * memory the garbage collector may then free: training read freed memory (NaN losses, runs that
     * differed under GC pressure). A scalar owned by the batch's manager lives until the batch ends.
     * Use it for every float operand on the gradient path.
     */
    static NDArray scalar(NDManager m, double value) {
        return m.create((float) value);
    }

    /** table[rows]: (B, L) int rows into a (V, D) table gives (B, L, D). */
    static NDArray embed(NDArray rows, NDArray table) {
        return rows.getNDArrayInternal()
                .embedding(rows, table, SparseFormat.DENSE)
                .singletonOrThrow();
    }

    /** (B, L, 1) float: 1 for real items (row > 0), 0 for padding. */
    static NDArray keepMask(NDArray rows) {
        return rows.gt(0).toType(DataType.FLOAT32, false).expandDims(2);
    }

    /** {@code x W^T + b} with parameters {@code name.weight} (out, in) and {@code name.bias} (out). */
    static NDArray linear(Map<String, NDArray> p, NDArray x, String name) {
        return Linear.linear(x, param(p, name + ".weight"), param(p, name + ".bias"))
                .singletonOrThrow();
    }

    /** Layer norm over the last axis with {@code name.gamma} and {@code name.beta} (D). */
    static NDArray layerNorm(Map<String, NDArray> p, NDArray x, String name) {
        NDArray gamma = param(p, name + ".gamma");
        return LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, param(p, name + ".beta"), LN_EPSILON)
                .singletonOrThrow();
    }

    static NDArray dropout(NDArray x, float rate, boolean training) {
        return Dropout.dropout(x, rate, training).singletonOrThrow();
    }

    static NDArray param(Map<String, NDArray> p, String name) {
        NDArray a = p.get(name);
        if (a == null) {
            throw new IllegalStateException("network parameter '" + name + "' is missing");
        }
        return a;
    }

    /**
     * Parameter {@code name} as an operand that belongs to {@code m} (the batch's manager), its gradient
     * still reaching the parameter. An op's result belongs to the manager of the array it is called on,
     * so an op called on a parameter (a reshape, a sum with another table) leaves its result with the
     * parameters' manager, which lives as long as the network: every batch would add one there (with
     * a (B, L, D) operand, hundreds of MB an epoch). Call ops on this copy instead.
     */
    static NDArray batchParam(NDManager m, Map<String, NDArray> p, String name) {
        return scalar(m, 0).add(param(p, name));
    }

    /** PReLU, {@code max(x, 0) + a * min(x, 0)}, with the slopes a of parameter {@code name}. */
    static NDArray prelu(Map<String, NDArray> p, NDArray x, String name) {
        NDArray zero = scalar(x.getManager(), 0);
        return x.maximum(zero).add(x.minimum(zero).mul(param(p, name)));
    }

    /** Checks that rows is (B, L) for the network's L. */
    static void checkRows(NDArray rows, int maxLen) {
        Shape s = rows.getShape();
        if (s.dimension() != 2 || s.get(1) != maxLen) {
            throw new IllegalArgumentException("rows must be (B, " + maxLen + "), got " + s);
        }
    }
}
