package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SLi-Rec (Yu et al., IJCAI 2019): a long-term preference (attention over the history), a short-term
 * one (a recurrent unit whose gates see the time gaps) and an adaptive fusion gate that sees how long
 * ago the last event was, in the item embedding space (E tied with the output layer), served like
 * every network: the last position's output is the user vector, scored by inner products.
 *
 * <p>Per position t (items x_j = E[row_j], time embedding {@code tau_t = G[gap_t] + H[hour_t]} of the
 * position's {@link TimeCodes}: the gap to the event it predicts, the last position's to "now", and
 * that event's UTC hour):
 * <ul>
 *   <li><b>long-term</b> {@code l_t = sum_{j <= t} softmax_j(x_j . q / sqrt(D)) x_j}, padding left out.
 *       The paper attends with the user's own embedding, which a search user never seen in training
 *       does not have: a learned global query q ({@code long.query}, D) replaces it, so the long-term
 *       preference is the history's attention-weighted mean, for any user;</li>
 *   <li><b>short-term</b> {@code s_t}: a GRU over {@code [x_j ; tau_j]} (PyTorch layout and gate order
 *       r, z, n; {@code gru.w_ih} (3D, 2D), {@code gru.w_hh} (3D, D), {@code gru.b_ih},
 *       {@code gru.b_hh} (3D)), from the zero state and fed real items only (as {@link Gru4RecNetwork}).
 *       This simplifies the paper's Time4LSTM, whose two extra time gates read the gap to the previous
 *       event and the span to the next: here every gate reads the time embedding beside the item;</li>
 *   <li><b>fusion</b> {@code a_t = sigmoid(W_f [l_t ; s_t ; tau_t] + b_f)} ({@code fusion.weight} (D, 3D),
 *       {@code fusion.bias} (D)), {@code h_t = a_t * l_t + (1 - a_t) * s_t}: at the last position tau
 *       carries the time since the last event, so the gate can lean on the long-term preference
 *       after a long absence and on the short-term one within a session.</li>
 * </ul>
 * Padded positions output 0 (an all-padding row too).
 *
 * <p>Tensors: B batch, L = maxLen, D = dim; rows and time codes (B, L) int64, 0 = padding. Only
 * {@link #hidden(NDArray, NDArray, boolean)} runs it: without time codes it refuses. Thread safety and
 * ownership as {@link SasRecNetwork}.
 */
public final class SliRecNetwork extends AbstractNetwork<SliRecConfig> {
    private SliRecNetwork(SliRecConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
    }

    /** Freshly initialised weights, reproducible from {@code seed} (Xavier; GRU biases as GRU4Rec's). */
    public static SliRecNetwork initialize(SliRecConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.xavier(config.numItems() + 1, d));
        p.put(SasRecNetwork.TIME_GAP_EMBEDDING, init.xavier(TimeCodes.GAP_BUCKETS, d));
        p.put(SasRecNetwork.TIME_HOUR_EMBEDDING, init.xavier(TimeCodes.HOURS, d));
        p.put("long.query", init.uniform(new Shape(d), 1 / Math.sqrt(d)));
        p.put("gru.w_ih", init.xavier(new Shape(3L * d, 2L * d), 2L * d, d));
        p.put("gru.w_hh", init.xavier(new Shape(3L * d, d), d, d));
        p.put("gru.b_ih", init.uniform(new Shape(3L * d), 1 / Math.sqrt(d)));
        p.put("gru.b_hh", init.uniform(new Shape(3L * d), 1 / Math.sqrt(d)));
        p.put("fusion.weight", init.xavier(new Shape(d, 3L * d), 3L * d, d));
        p.put("fusion.bias", init.constant(d, 0f));
        return new SliRecNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static SliRecNetwork fromParameters(SliRecConfig config, Map<String, NDArray> parameters) {
        return new SliRecNetwork(config, parameters);
    }

    @Override
    public boolean readsTimes() {
        return true;
    }

    /** @throws IllegalStateException always: SLi-Rec reads event times */
    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        throw new IllegalStateException("slirec reads event times: call it with time codes");
    }

    @Override
    public NDArray hidden(NDArray rows, NDArray timeCodes, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        if (!timeCodes.getShape().equals(rows.getShape())) {
            throw new IllegalArgumentException(
                    "time codes must be shaped like rows " + rows.getShape() + ", got " + timeCodes.getShape());
        }
        NDManager m = rows.getManager();
        rows = rows.toType(DataType.INT64, false);
        timeCodes = timeCodes.toType(DataType.INT64, false);
        int len = config.maxLen();
        long d = config.dim();
        NDArray keep = Ops.keepMask(rows);
        NDArray x = Ops.dropout(Ops.embed(rows, itemEmbeddings()), config.dropout(), training)
                .mul(keep);
        NDArray tau = Ops.embed(timeCodes, timeTable(m)).mul(keep);

        // long-term: causal attention pooling with the global query, padded keys left out
        NDArray scores = x.matMul(Ops.batchParam(m, parameters, "long.query").reshape(d, 1))
                .mul(Ops.scalar(m, 1 / Math.sqrt(d)))
                .reshape(rows.getShape().get(0), 1, len);
        NDArray padKeys = keep.reshape(rows.getShape().get(0), 1, len)
                .sub(Ops.scalar(m, 1))
                .mul(Ops.scalar(m, 1e9));
        NDArray weights = scores.add(padKeys).add(causalMask(m, len)).softmax(-1);
        NDArray longTerm = weights.matMul(x);

        // short-term: a GRU over [x ; tau], fed real items only
        NDArray shortTerm = LeftPaddedGru.overInput(rows, x.concat(tau, 2), parameters, "gru.", (int) d, training);

        // fusion gate over [long ; short ; tau]
        NDArray gateIn = longTerm.concat(shortTerm, 2).concat(tau, 2);
        NDArray a =
                Ops.linear(parameters, gateIn, "fusion").getNDArrayInternal().sigmoid();
        NDArray h = a.mul(longTerm).add(Ops.scalar(m, 1).sub(a).mul(shortTerm));
        return h.mul(keep);
    }

    /** T (32 * 25, D): {@code G[gap] + H[hour]}, row = time code. */
    private NDArray timeTable(NDManager m) {
        long d = config.dim();
        return Ops.batchParam(m, parameters, SasRecNetwork.TIME_GAP_EMBEDDING)
                .reshape(TimeCodes.GAP_BUCKETS, 1, d)
                .add(Ops.batchParam(m, parameters, SasRecNetwork.TIME_HOUR_EMBEDDING)
                        .reshape(1, TimeCodes.HOURS, d))
                .reshape(TimeCodes.CODES, d);
    }

    /** (L, L): 0 where key j <= query t, -1e9 after. */
    private static NDArray causalMask(NDManager m, int len) {
        float[] mask = new float[len * len];
        for (int t = 0; t < len; t++) {
            for (int j = t + 1; j < len; j++) {
                mask[t * len + j] = -1e9f;
            }
        }
        return m.create(mask, new Shape(len, len));
    }
}
