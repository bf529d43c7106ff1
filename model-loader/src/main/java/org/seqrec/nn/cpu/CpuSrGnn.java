package org.seqrec.nn.cpu;

import java.util.Arrays;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SrGnnConfig;

/**
 * SR-GNN's user vector in plain Java: the DJL {@code SrGnnNetwork} at inference for the last
 * position, computed on the session graph itself as the paper writes it. With n = min(|history|, L)
 * the latest items: the graph's nodes are their distinct items, each consecutive pair an edge; node v
 * (embedding x_v) gets {@code a_in = mean over edges u -> v of edge_in(x_u), plus b_in} and
 * {@code a_out = mean over edges v -> w of edge_out(x_w), plus b_out} (b alone without such edges;
 * an edge that occurs twice counts twice), then its state {@code h_v} is one GRU step from x_v with
 * input {@code [a_in ; a_out]} (gate order r, z, n). The readout: {@code s_l = h} of the latest
 * item, {@code alpha_v = q . sigmoid(W_1 s_l + b_1 + W_2 h_v + b_2)},
 * {@code s_g = sum over the n events of alpha h} of the event's item, user = {@code W_3 [s_g ; s_l] + b_3}.
 * An empty history gives 0, as the DJL network's all-padding row does.
 *
 * <p>Reads {@code item_embedding} E (n + 1, D), {@code edge_in}, {@code edge_out},
 * {@code readout.last}, {@code readout.node} (D, D weights with D biases), {@code gnn.b_in},
 * {@code gnn.b_out} (D), {@code gnn.w_ih} (3D, 2D), {@code gnn.w_hh} (3D, D), {@code gnn.b_ih},
 * {@code gnn.b_hh} (3D), {@code readout.score.weight} (1, D), {@code readout.hybrid.weight} (D, 2D) and
 * {@code .bias} (D). Thread safety as {@link CpuSequenceNetwork}.
 */
public final class CpuSrGnn extends AbstractCpuNetwork<SrGnnConfig, CpuSrGnn.Scratch> {
    private final float[] items;
    private final Dense edgeIn;
    private final Dense edgeOut;
    private final float[] biasIn;
    private final float[] biasOut;
    private final Dense gateInput;
    private final Dense gateRecurrent;
    private final Dense readoutLast;
    private final Dense readoutNode;
    private final float[] score;
    private final Dense hybrid;

    private CpuSrGnn(SrGnnConfig config, ParameterReader p) {
        super(config);
        int d = config.dim();
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.edgeIn = p.dense("edge_in", d, d);
        this.edgeOut = p.dense("edge_out", d, d);
        this.biasIn = p.get("gnn.b_in", d);
        this.biasOut = p.get("gnn.b_out", d);
        this.gateInput = p.gruInput("gnn.", 2 * d, d);
        this.gateRecurrent = p.gruRecurrent("gnn.", d);
        this.readoutLast = p.dense("readout.last", d, d);
        this.readoutNode = p.dense("readout.node", d, d);
        this.score = p.get("readout.score.weight", 1, d);
        this.hybrid = p.dense("readout.hybrid", 2 * d, d);
        p.checkAllRead();
    }

    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuSrGnn of(SrGnnConfig config, Map<String, FloatTensor> parameters) {
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    static CpuSrGnn of(SrGnnConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return new CpuSrGnn(config, new ParameterReader(parameters, kernel));
    }

    /** Working memory, per node (at most L): its row, embedding then state, edge sums and gates. */
    static final class Scratch {
        final int[] nodeOf;
        final int[] nodeRow;
        final int[] occurrences;
        final int[] inEdges;
        final int[] outEdges;
        final float[][] state;
        final float[][] fromTail;
        final float[][] fromHead;
        /** [a_in ; a_out] per node (L, 2D). */
        final float[][] messages;

        final float[][] gates;
        final float[][] recurrentGates;
        final float[] query;
        final float[] node;
        /** [s_g ; s_l] (2D). */
        final float[] readout;

        Scratch(int len, int d) {
            nodeOf = new int[len];
            nodeRow = new int[len];
            occurrences = new int[len];
            inEdges = new int[len];
            outEdges = new int[len];
            state = new float[len][d];
            fromTail = new float[len][d];
            fromHead = new float[len][d];
            messages = new float[len][2 * d];
            gates = new float[len][3 * d];
            recurrentGates = new float[len][3 * d];
            query = new float[d];
            node = new float[d];
            readout = new float[2 * d];
        }
    }

    @Override
    Scratch newScratch() {
        return new Scratch(config.maxLen(), config.dim());
    }

    @Override
    void encode(int[] history, Scratch s, float[] user) {
        int d = config.dim();
        int n = Math.min(history.length, config.maxLen());
        if (n == 0) {
            return;
        }
        int skip = history.length - n;
        int nodes = 0;
        for (int t = 0; t < n; t++) {
            int row = row(history, skip + t);
            int v = 0;
            while (v < nodes && s.nodeRow[v] != row) {
                v++;
            }
            if (v == nodes) {
                s.nodeRow[v] = row;
                s.occurrences[v] = 0;
                s.inEdges[v] = 0;
                s.outEdges[v] = 0;
                System.arraycopy(items, row * d, s.state[v], 0, d);
                Arrays.fill(s.messages[v], 0f);
                nodes++;
            }
            s.nodeOf[t] = v;
            s.occurrences[v]++;
        }
        edgeIn.applyRows(s.state, 0, s.fromTail, 0, nodes, 0, d);
        edgeOut.applyRows(s.state, 0, s.fromHead, 0, nodes, 0, d);
        for (int t = 1; t < n; t++) {
            int tail = s.nodeOf[t - 1];
            int head = s.nodeOf[t];
            add(s.fromTail[tail], s.messages[head], 0, d);
            s.inEdges[head]++;
            add(s.fromHead[head], s.messages[tail], d, d);
            s.outEdges[tail]++;
        }
        for (int v = 0; v < nodes; v++) {
            float[] m = s.messages[v];
            float in = Math.max(1, s.inEdges[v]);
            float out = Math.max(1, s.outEdges[v]);
            for (int j = 0; j < d; j++) {
                m[j] = m[j] / in + biasIn[j];
                m[d + j] = m[d + j] / out + biasOut[j];
            }
        }
        gateInput.applyRows(s.messages, 0, s.gates, 0, nodes, 0, 3 * d);
        gateRecurrent.applyRows(s.state, 0, s.recurrentGates, 0, nodes, 0, 3 * d);
        for (int v = 0; v < nodes; v++) {
            GruCell.step(s.gates[v], s.recurrentGates[v], s.state[v], d);
        }
        // readout: s_g = sum over events of alpha h, s_l = h of the latest item
        float[] last = s.state[s.nodeOf[n - 1]];
        readoutLast.apply(last, s.query);
        float[] readout = s.readout;
        Arrays.fill(readout, 0, d, 0f);
        System.arraycopy(last, 0, readout, d, d);
        for (int v = 0; v < nodes; v++) {
            readoutNode.apply(s.state[v], s.node);
            float alpha = 0;
            for (int j = 0; j < d; j++) {
                alpha += score[j] * Activation.sigmoid(s.query[j] + s.node[j]);
            }
            float w = alpha * s.occurrences[v];
            float[] h = s.state[v];
            for (int j = 0; j < d; j++) {
                readout[j] += w * h[j];
            }
        }
        hybrid.apply(readout, user);
    }

    private static void add(float[] from, float[] to, int offset, int d) {
        for (int j = 0; j < d; j++) {
            to[offset + j] += from[j];
        }
    }
}
