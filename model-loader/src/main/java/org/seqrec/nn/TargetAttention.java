package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Map;

/**
 * DIN's attention unit, shared by the target-attention networks (DIN, DIEN): the candidate c weighs
 * each key k_j of the history, with H = {@value DinConfig#ATTENTION_UNITS} hidden units,
 * {@code a_j = w . PReLU(W_h k_j + W_c c + W_p (k_j * c) + b)} and
 * {@code alpha = softmax_j(a_j / sqrt(D))} over the keys the query may read, 0 where none is. The
 * paper's unit reads {@code [k_j, c, k_j - c, k_j * c]} through one (H, 4D) layer, which is this form
 * with {@code W_h = W_1 + W_3} and {@code W_c = W_2 - W_3}: the same functions, three (H, D) weights.
 * The softmax scaled by sqrt(D) is the reference code's; the paper leaves the weights unnormalised.
 *
 * <p>Parameters: {@code att.history.weight} (H, D) and {@code .bias} (H), {@code att.candidate.weight}
 * (H, D), {@code att.product.weight} (H, D), {@code att.prelu} (H), {@code att.out.weight} (1, H) (no
 * bias: the softmax would cancel it). The plain-Java twin is {@code org.seqrec.nn.cpu.CpuTargetAttention}.
 *
 * <p>Tensors: N queries, K candidates each, L keys, D = dim. The product term is computed as
 * {@code (W_p * c) k_j}: one (N, K H, D) x (N, D, L) product.
 */
final class TargetAttention {
    private static final int UNITS = DinConfig.ATTENTION_UNITS;

    /** Added to the attention logit of a key the query may not read: softmax gives it 0. */
    private static final float MASKED = -1e9f;

    private TargetAttention() {}

    /** Adds the unit's parameters: Xavier uniform weights, a zero bias, PReLU slopes 0.25 (PyTorch's default). */
    static void initialize(ParameterInit init, Map<String, NDArray> p, int d) {
        init.linear(p, "att.history", d, UNITS);
        p.put("att.candidate.weight", init.xavier(UNITS, d));
        p.put("att.product.weight", init.xavier(UNITS, d));
        p.put("att.prelu", init.constant(UNITS, 0.25f));
        p.put("att.out.weight", init.xavier(1, UNITS));
    }

    /**
     * The weights (N, K, L) of each query's candidates c (N, K, D) over its keys (N, L, D): each
     * candidate's row sums to 1 over the readable keys, {@code keyMask} (N, L) 1 or 0, and is all 0
     * for a query with no key to read (not a uniform average of padding).
     */
    static NDArray weights(Map<String, NDArray> p, NDArray keys, NDArray c, NDArray keyMask) {
        NDManager m = keys.getManager();
        long n = keys.getShape().get(0);
        long len = keys.getShape().get(1);
        long d = keys.getShape().get(2);
        long k = c.getShape().get(1);
        NDArray byKey = Ops.linear(p, keys, "att.history").expandDims(1); // (N, 1, L, H)
        NDArray byCandidate = Linear.linear(c, Ops.param(p, "att.candidate.weight"))
                .singletonOrThrow()
                .expandDims(2); // (N, K, 1, H)
        // W_p (k_j * c) = (W_p * c) k_j: (N, K, H, D) rows times the keys
        NDArray scaled = c.reshape(n, k, 1, d).mul(Ops.param(p, "att.product.weight"));
        NDArray product = scaled.reshape(n, k * UNITS, d)
                .matMul(keys.transpose(0, 2, 1))
                .reshape(n, k, UNITS, len)
                .transpose(0, 1, 3, 2); // (N, K, L, H)
        NDArray hidden = Ops.prelu(p, product.add(byKey).add(byCandidate), "att.prelu");
        NDArray scores = Linear.linear(hidden, Ops.param(p, "att.out.weight"))
                .singletonOrThrow()
                .reshape(n, k, len)
                .mul(Ops.scalar(m, 1 / Math.sqrt(d)));
        NDArray mask = keyMask.expandDims(1); // (N, 1, L)
        NDArray masked = scores.add(mask.sub(Ops.scalar(m, 1)).mul(Ops.scalar(m, -MASKED)));
        return masked.softmax(-1).mul(mask);
    }

    /**
     * What each query reads, for queries at flat positions {@code b * L + t} into rows (B, L) of item
     * rows: its row (N) int64, the keys it may read (N, L) float (1 for the real items at or before its
     * position) and how many events before the query's position each key is (N, L) int64.
     *
     * @throws IllegalArgumentException for a position outside the rows
     */
    static NDArray[] queries(NDManager m, long[] rows, long[] positions, int len) {
        int n = positions.length;
        long[] row = new long[n];
        float[] keys = new float[n * len];
        long[] ago = new long[n * len];
        for (int q = 0; q < n; q++) {
            long b = positions[q] / len;
            int t = (int) (positions[q] % len);
            if (positions[q] < 0 || b * len >= rows.length) {
                throw new IllegalArgumentException("position " + positions[q] + " is outside the rows");
            }
            row[q] = b;
            for (int j = 0; j <= t; j++) {
                keys[q * len + j] = rows[(int) (b * len + j)] > 0 ? 1f : 0f;
                ago[q * len + j] = t - j;
            }
        }
        return new NDArray[] {m.create(row), m.create(keys, new Shape(n, len)), m.create(ago, new Shape(n, len))};
    }
}
