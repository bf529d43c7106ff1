package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GRU4Rec: item embeddings (tied with the output layer, as SASRec), embedding dropout and a GRU of
 * hidden size D; the GRU output at position t is the hidden state there, the last one the user vector.
 *
 * <p>Per layer k, in PyTorch's layout and gate order (r, z, n): {@code gru.l{k}.w_ih} (3D, D),
 * {@code gru.l{k}.w_hh} (3D, D), {@code gru.l{k}.b_ih} (3D), {@code gru.l{k}.b_hh} (3D), with
 * {@code r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)}, {@code z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)},
 * {@code n = tanh(W_in x + b_in + r * (W_hn h + b_hn))}, {@code h' = (1 - z) * n + z * h}. With
 * {@link Gru4RecConfig#projection()}, the output at a real position is {@code W_p h + b_p}
 * ({@code projection.weight} (D, D), {@code projection.bias} (D)); without it, h itself.
 *
 * <p>Left padding: a GRU fed padding still moves its state through the biases, so padding must not
 * be fed. Each row is shifted left so its first real item sits at position 0 (right padding), run
 * through PyTorch's fused GRU op from the zero state, and its outputs are shifted back. That equals
 * the masked recurrence {@code h_t = m_t h'_t + (1 - m_t) h_(t-1)} with {@code h_(-1) = 0}: the state
 * stays 0 until the first real item, and padded positions output 0. Positions before the first
 * non-zero row count as padding; a 0 after it (never produced by {@link HistoryPadding}) is read as
 * an item with a zero embedding.
 *
 * <p>Tensors: B batch, L = maxLen, D = dim. Input rows (B, L) int64. Thread safety and ownership as
 * {@link SasRecNetwork}: parameters belong to the manager given at construction, forward-pass arrays
 * to the manager of the rows.
 */
public final class Gru4RecNetwork extends AbstractNetwork<Gru4RecConfig> {
    /** The linear layer from the GRU's state to the user vector, when the config has one. */
    public static final String PROJECTION = "projection";

    private Gru4RecNetwork(Gru4RecConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
    }

    /**
     * Freshly initialised weights, reproducible from {@code seed}: Xavier per gate for the weights,
     * PyTorch's default U(-1/sqrt(D), 1/sqrt(D)) for the biases (as RecBole's GRU4Rec); the
     * projection Xavier with a zero bias.
     */
    public static Gru4RecNetwork initialize(Gru4RecConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.xavier(config.numItems() + 1, d));
        for (int k = 0; k < config.layers(); k++) {
            String prefix = "gru.l" + k + ".";
            p.put(prefix + "w_ih", init.xavier(new Shape(3L * d, d), d, d));
            p.put(prefix + "w_hh", init.xavier(new Shape(3L * d, d), d, d));
            p.put(prefix + "b_ih", init.uniform(new Shape(3L * d), 1 / Math.sqrt(d)));
            p.put(prefix + "b_hh", init.uniform(new Shape(3L * d), 1 / Math.sqrt(d)));
        }
        if (config.projection()) {
            init.linear(p, PROJECTION, d, d);
        }
        return new Gru4RecNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static Gru4RecNetwork fromParameters(Gru4RecConfig config, Map<String, NDArray> parameters) {
        return new Gru4RecNetwork(config, parameters);
    }

    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        NDManager m = rows.getManager();
        rows = rows.toType(DataType.INT64, false);
        long batch = rows.getShape().get(0);
        int len = config.maxLen();
        NDArray t = m.arange(0, len, 1, DataType.INT64);
        // p_b: leading padding positions of each row, (B, 1)
        NDArray lead = rows.gt(0)
                .toType(DataType.INT64, false)
                .cumSum(1)
                .eq(0)
                .toType(DataType.INT64, false)
                .sum(new int[] {1}, true);
        // Right-padded rows: shifted[b, j] = rows[b, j + p_b], 0 past the end
        NDArray from = t.add(lead);
        NDArray shifted = rows.gather(from.minimum(len - 1), 1).mul(from.lt(len).toType(DataType.INT64, false));
        NDArray x = Ops.embed(shifted, itemEmbeddings()).mul(Ops.keepMask(shifted));
        x = Ops.dropout(x, config.dropout(), training);
        NDList weights = new NDList();
        for (int k = 0; k < config.layers(); k++) {
            String prefix = "gru.l" + k + ".";
            for (String w : new String[] {"w_ih", "w_hh", "b_ih", "b_hh"}) {
                weights.add(Ops.param(parameters, prefix + w));
            }
        }
        NDArray h0 = m.zeros(new Shape(config.layers(), batch, config.dim()));
        NDList out = x.getNDArrayInternal()
                .gru(
                        x,
                        h0,
                        weights,
                        true,
                        config.layers(),
                        config.layers() > 1 ? config.dropout() : 0.0,
                        training,
                        false,
                        true);
        // Back to left padding: hidden[b, t] = out[b, t - p_b] for t >= p_b, else the zero state
        NDArray back = t.sub(lead);
        NDArray index = back.maximum(0).expandDims(2).repeat(2, config.dim());
        NDArray real = back.gte(0).toType(DataType.FLOAT32, false).expandDims(2);
        NDArray states = out.get(0).gather(index, 1);
        if (config.projection()) {
            states = Ops.linear(parameters, states, PROJECTION);
        }
        return states.mul(real);
    }
}
