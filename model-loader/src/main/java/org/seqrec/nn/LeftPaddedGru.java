package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A GRU over left-padded rows of item rows, shared by the recurrent networks (GRU4Rec, DIEN's interest
 * extractor, SLi-Rec's short term). Per layer, in PyTorch's layout and gate order (r, z, n): {@code prefix + "w_ih"} (3D, D),
 * {@code "w_hh"} (3D, D), {@code "b_ih"} (3D), {@code "b_hh"} (3D), with
 * {@code r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)}, {@code z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)},
 * {@code n = tanh(W_in x + b_in + r * (W_hn h + b_hn))}, {@code h' = (1 - z) * n + z * h}.
 *
 * <p>Left padding: a GRU fed padding still moves its state through the biases, so padding must not
 * be fed. Each row is shifted left so its first real item sits at position 0 (right padding), run
 * through PyTorch's fused GRU op from the zero state, and its outputs are shifted back. That equals
 * the masked recurrence {@code h_t = m_t h'_t + (1 - m_t) h_(t-1)} with {@code h_(-1) = 0}: the state
 * stays 0 until the first real item, and padded positions output 0. Positions before the first
 * non-zero row count as padding; a 0 after it (never produced by {@link HistoryPadding}) is read as
 * an item with a zero embedding.
 */
final class LeftPaddedGru {
    private LeftPaddedGru() {}

    /** Adds one layer's parameters under {@code prefix}: Xavier per gate, biases U(-1/sqrt(D), 1/sqrt(D)). */
    static void initialize(ParameterInit init, Map<String, NDArray> p, String prefix, int d) {
        p.put(prefix + "w_ih", init.xavier(new Shape(3L * d, d), d, d));
        p.put(prefix + "w_hh", init.xavier(new Shape(3L * d, d), d, d));
        p.put(prefix + "b_ih", init.uniform(new Shape(3L * d), 1 / Math.sqrt(d)));
        p.put(prefix + "b_hh", init.uniform(new Shape(3L * d), 1 / Math.sqrt(d)));
    }

    /**
     * The top layer's states (B, L, D) over rows (B, L) int64: the embeddings {@code table[rows]},
     * dropout on them, the layers named by {@code layerPrefixes} (dropout between layers), then
     * {@code output} at every position, then 0 at the padded positions.
     */
    static NDArray states(
            NDArray rows,
            NDArray table,
            Map<String, NDArray> p,
            List<String> layerPrefixes,
            float dropout,
            boolean training,
            UnaryOperator<NDArray> output) {
        int len = Math.toIntExact(rows.getShape().get(1));
        int d = Math.toIntExact(table.getShape().get(1));
        NDArray t = rows.getManager().arange(0, len, 1, DataType.INT64);
        NDArray lead = lead(rows);
        // Right-padded rows: shifted[b, j] = rows[b, j + p_b], 0 past the end
        NDArray from = t.add(lead);
        NDArray shifted = rows.gather(from.minimum(len - 1), 1).mul(from.lt(len).toType(DataType.INT64, false));
        NDArray x = Ops.embed(shifted, table).mul(Ops.keepMask(shifted));
        x = Ops.dropout(x, dropout, training);
        return run(x, t, lead, p, layerPrefixes, d, dropout, training, output);
    }

    /**
     * One layer's states (B, L, D) over an input already computed per position, (B, L, in), left-padded
     * as {@code rows} (B, L) int64 are: shifted, run and shifted back as {@link #states} does, 0 at the
     * padded positions.
     */
    static NDArray overInput(
            NDArray rows, NDArray input, Map<String, NDArray> p, String prefix, int d, boolean training) {
        int len = Math.toIntExact(rows.getShape().get(1));
        long in = input.getShape().get(2);
        NDArray t = rows.getManager().arange(0, len, 1, DataType.INT64);
        NDArray lead = lead(rows);
        NDArray from = t.add(lead);
        NDArray valid = from.lt(len).toType(DataType.FLOAT32, false).expandDims(2);
        NDArray shifted = input.gather(from.minimum(len - 1).expandDims(2).repeat(2, in), 1)
                .mul(valid);
        return run(shifted, t, lead, p, List.of(prefix), d, 0f, training, s -> s);
    }

    /** p_b: the leading padding positions of each row, (B, 1) int64. */
    private static NDArray lead(NDArray rows) {
        return rows.gt(0)
                .toType(DataType.INT64, false)
                .cumSum(1)
                .eq(0)
                .toType(DataType.INT64, false)
                .sum(new int[] {1}, true);
    }

    /** The GRU over right-padded input x (B, L, in) from the zero state, shifted back by {@code lead}. */
    private static NDArray run(
            NDArray x,
            NDArray t,
            NDArray lead,
            Map<String, NDArray> p,
            List<String> layerPrefixes,
            int d,
            float dropout,
            boolean training,
            UnaryOperator<NDArray> output) {
        NDManager m = x.getManager();
        long batch = x.getShape().get(0);
        int layers = layerPrefixes.size();
        NDList weights = new NDList();
        for (String prefix : layerPrefixes) {
            for (String w : new String[] {"w_ih", "w_hh", "b_ih", "b_hh"}) {
                weights.add(Ops.param(p, prefix + w));
            }
        }
        NDArray h0 = m.zeros(new Shape(layers, batch, d));
        NDList out = x.getNDArrayInternal()
                .gru(x, h0, weights, true, layers, layers > 1 ? dropout : 0.0, training, false, true);
        // Back to left padding: states[b, t] = out[b, t - p_b] for t >= p_b, else the zero state
        NDArray back = t.sub(lead);
        NDArray index = back.maximum(0).expandDims(2).repeat(2, d);
        NDArray real = back.gte(0).toType(DataType.FLOAT32, false).expandDims(2);
        return output.apply(out.get(0).gather(index, 1)).mul(real);
    }
}
