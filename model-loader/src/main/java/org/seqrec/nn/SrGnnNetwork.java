package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SR-GNN (Wu et al., AAAI 2019): the session is a directed graph whose nodes are its distinct items
 * and whose edges join consecutive events; one gated graph step turns each node's item embedding
 * into a node state, and an attention readout of the states is the user vector s_h, scored against
 * E (tied with the input embeddings, as the paper's reference code does).
 *
 * <p>The session graph (paper section 3.2): edge weights are the edge's occurrences divided by the
 * out-degree of its start node (A_out) or by the in-degree of its end node (A_in). For node v with
 * embedding x_v, one step of the gated graph network (Li et al., 2016), as the reference code:
 * <ul>
 *   <li>{@code a_in = A_in[v] (W_ei x + b_ei) + b_in}, {@code a_out = A_out[v] (W_eo x + b_eo) + b_out}
 *       ({@code edge_in}, {@code edge_out} (D, D) with biases; {@code gnn.b_in}, {@code gnn.b_out} (D));
 *       a node without in- (out-) edges gets {@code b_in} ({@code b_out}) alone;</li>
 *   <li>a GRU cell with input {@code [a_in ; a_out]} and state x_v, PyTorch's layout and gate order
 *       r, z, n ({@code gnn.w_ih} (3D, 2D), {@code gnn.w_hh} (3D, D), {@code gnn.b_ih},
 *       {@code gnn.b_hh} (3D)): the node state {@code h_v = (1 - z) n + z x_v}.</li>
 * </ul>
 * Readout over the session's events 1..t (an item that occurs twice counts twice, as the reference
 * code sums over the sequence): {@code s_l = h} of the last event's item,
 * {@code alpha_i = q . sigmoid(W_1 s_l + b_1 + W_2 h_i + b_2)} ({@code readout.last},
 * {@code readout.node} (D, D) with biases, {@code readout.score.weight} (1, D), no bias),
 * {@code s_g = sum_i alpha_i h_i}, and {@code s_h = W_3 [s_g ; s_l] + b_3} ({@code readout.hybrid}
 * (D, 2D), bias (D)).
 *
 * <p>Training reads every prefix at once, as the paper's prefixes of a session (each predicts the
 * item after it): position t's output is SR-GNN on the graph of events 0..t only. Nodes are
 * represented by positions: position p stands for its item in the graph of prefix t, and two
 * positions of one item get the same state, as they are one node. An edge j-1 -> j is counted in
 * prefix t when j <= t, so each prefix's aggregates are running sums over j (cumulative sums), and
 * the whole pass is (B, L, L, 3D) wide: cheap for sessions, heavier than the other networks for long
 * histories (L 50). The message transform and the GRU's input weights are linear, so messages are
 * taken into the gates' space ({@code W_ih}'s in- and out-halves) before they are summed: the same
 * values, without a (B, L, L, 2D) x (2D, 3D) product. One graph step only: a second would read the
 * first's states of every prefix, (B, L, L, L, D).
 *
 * <p>Padded positions output 0 (an all-padding row too). Tensors: B batch, L = maxLen, D = dim; rows
 * (B, L) int64, 0 = padding. Thread safety and ownership as {@link SasRecNetwork}.
 */
public final class SrGnnNetwork extends AbstractNetwork<SrGnnConfig> {
    private SrGnnNetwork(SrGnnConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
    }

    /**
     * Freshly initialised weights, reproducible from {@code seed}: every parameter, the embeddings
     * included, U(-1/sqrt(D), 1/sqrt(D)), as the reference code's {@code reset_parameters}.
     */
    public static SrGnnNetwork initialize(SrGnnConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        long d = config.dim();
        double a = 1 / Math.sqrt(d);
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.uniform(new Shape(config.numItems() + 1L, d), a));
        for (String edge : new String[] {"edge_in", "edge_out"}) {
            p.put(edge + ".weight", init.uniform(new Shape(d, d), a));
            p.put(edge + ".bias", init.uniform(new Shape(d), a));
        }
        p.put("gnn.b_in", init.uniform(new Shape(d), a));
        p.put("gnn.b_out", init.uniform(new Shape(d), a));
        p.put("gnn.w_ih", init.uniform(new Shape(3 * d, 2 * d), a));
        p.put("gnn.w_hh", init.uniform(new Shape(3 * d, d), a));
        p.put("gnn.b_ih", init.uniform(new Shape(3 * d), a));
        p.put("gnn.b_hh", init.uniform(new Shape(3 * d), a));
        for (String layer : new String[] {"readout.last", "readout.node"}) {
            p.put(layer + ".weight", init.uniform(new Shape(d, d), a));
            p.put(layer + ".bias", init.uniform(new Shape(d), a));
        }
        p.put("readout.score.weight", init.uniform(new Shape(1, d), a));
        p.put("readout.hybrid.weight", init.uniform(new Shape(d, 2 * d), a));
        p.put("readout.hybrid.bias", init.uniform(new Shape(d), a));
        return new SrGnnNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static SrGnnNetwork fromParameters(SrGnnConfig config, Map<String, NDArray> parameters) {
        return new SrGnnNetwork(config, parameters);
    }

    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        NDManager m = rows.getManager();
        rows = rows.toType(DataType.INT64, false);
        int len = config.maxLen();
        long d = config.dim();
        NDArray real = rows.gt(0).toType(DataType.FLOAT32, false); // (B, L)
        NDArray keep = real.expandDims(2);
        NDArray x = Ops.dropout(Ops.embed(rows, itemEmbeddings()), config.dropout(), training)
                .mul(keep);

        // same[b, p, j]: positions p and j hold the same real item, so j's edges are p's node's
        NDArray same = rows.expandDims(2)
                .eq(rows.expandDims(1))
                .toType(DataType.FLOAT32, false)
                .mul(real.expandDims(2))
                .mul(real.expandDims(1));
        // edge j-1 -> j: an in-edge of p's node when x_j is p's item, an out-edge when x_(j-1) is
        NDArray inEdges = same.mul(shiftRight(m, real, 1).expandDims(1));
        NDArray outEdges = shiftRight(m, same, 2).mul(real.expandDims(1));

        // messages in the GRU's input-gate space: W_ih [a_in ; a_out] = W_ih,in a_in + W_ih,out a_out
        NDArray wIh = Ops.batchParam(m, parameters, "gnn.w_ih");
        NDArray wIn = wIh.get(":, 0:" + d);
        NDArray wOut = wIh.get(":, " + d + ":" + 2 * d);
        NDArray fromTail = shiftRight(m, Ops.linear(parameters, x, "edge_in").matMul(wIn.transpose()), 1);
        NDArray fromHead = Ops.linear(parameters, x, "edge_out").matMul(wOut.transpose());
        NDArray constant = wIn.matMul(Ops.batchParam(m, parameters, "gnn.b_in").reshape(d, 1))
                .add(wOut.matMul(Ops.batchParam(m, parameters, "gnn.b_out").reshape(d, 1)))
                .reshape(3 * d)
                .add(Ops.param(parameters, "gnn.b_ih"));
        NDArray gi = prefixMeans(inEdges, fromTail)
                .add(prefixMeans(outEdges, fromHead))
                .add(constant);
        NDArray gh = x.matMul(Ops.batchParam(m, parameters, "gnn.w_hh").transpose())
                .add(Ops.param(parameters, "gnn.b_hh"))
                .expandDims(1); // (B, 1, Lp, 3D)

        NDList i = gi.split(3, 3);
        NDList g = gh.split(3, 3);
        NDArray r = sigmoid(i.get(0).add(g.get(0)));
        NDArray z = sigmoid(i.get(1).add(g.get(1)));
        NDArray n = i.get(2).add(r.mul(g.get(2))).tanh();
        NDArray h = n.add(z.mul(x.expandDims(1).sub(n))); // (B, Lt, Lp, D)

        // readout of prefix t over its events p <= t
        NDArray valid = upToT(m, len).expandDims(0).mul(real.expandDims(1)).expandDims(3);
        NDArray last = h.mul(m.eye(len).reshape(1, len, len, 1)).sum(new int[] {2}); // (B, Lt, D)
        NDArray alpha = sigmoid(Ops.linear(parameters, last, "readout.last")
                        .expandDims(2)
                        .add(Ops.linear(parameters, h, "readout.node")))
                .matMul(Ops.batchParam(m, parameters, "readout.score.weight").transpose()); // (B, Lt, Lp, 1)
        NDArray global = alpha.mul(valid).mul(h).sum(new int[] {2});
        return Ops.linear(parameters, global.concat(last, 2), "readout.hybrid").mul(keep);
    }

    /**
     * For every prefix t and position p, the mean of the messages of p's edges among edges j <= t:
     * {@code sum_(j <= t) edges[p, j] messages[j] / max(1, sum_(j <= t) edges[p, j])}, (B, Lt, Lp, 3D)
     * from edges (B, Lp, Lj) and messages (B, Lj, 3D).
     */
    private static NDArray prefixMeans(NDArray edges, NDArray messages) {
        NDArray sums = edges.expandDims(3).mul(messages.expandDims(1)).cumSum(2);
        NDArray counts = edges.cumSum(2).maximum(1f).expandDims(3);
        return sums.div(counts).transpose(0, 2, 1, 3);
    }

    /** (Lt, Lp): 1 where p <= t, else 0. */
    private static NDArray upToT(NDManager m, int len) {
        float[] mask = new float[len * len];
        for (int t = 0; t < len; t++) {
            for (int p = 0; p <= t; p++) {
                mask[t * len + p] = 1f;
            }
        }
        return m.create(mask, new Shape(len, len));
    }

    /** {@code a} moved one step along {@code axis}: entry j holds a's entry j - 1, entry 0 holds 0. */
    private static NDArray shiftRight(NDManager m, NDArray a, int axis) {
        long[] shape = a.getShape().getShape();
        long len = shape[axis];
        long[] headShape = shape.clone();
        headShape[axis] = 1;
        NDArray head = m.zeros(new Shape(headShape), a.getDataType());
        if (len == 1) {
            return head;
        }
        String index = String.join(", ", Collections.nCopies(axis, ":")) + ", 0:" + (len - 1);
        return head.concat(a.get(index), axis);
    }

    private static NDArray sigmoid(NDArray a) {
        return a.getNDArrayInternal().sigmoid();
    }
}
