package org.seqrec.nn.cpu;

import java.util.Arrays;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.Gru4RecConfig;
import org.seqrec.nn.Gru4RecNetwork;
import org.seqrec.nn.Networks;

/**
 * GRU4Rec's user vector in plain Java: the DJL {@code Gru4RecNetwork} at inference, which feeds the
 * GRU only the real items (never padding) from the zero state and returns the last layer's state
 * after the latest item. Per layer k and step t, in PyTorch's gate order (r, z, n):
 * {@code r = sigmoid(W_ir x + b_ir + W_hr h + b_hr)}, {@code z = sigmoid(W_iz x + b_iz + W_hz h + b_hz)},
 * {@code n = tanh(W_in x + b_in + r * (W_hn h + b_hn))}, {@code h' = (1 - z) * n + z * h}; layer
 * k + 1 reads layer k's states. The input products {@code W_ih x + b_ih} of every step run first,
 * then the recurrence. With {@link Gru4RecConfig#projection()} the user vector is {@code W_p h + b_p}.
 * An empty history gives 0, as the DJL network's all-padding row does.
 *
 * <p>Reads {@code item_embedding} E (n + 1, D) and, per layer, {@code gru.l{k}.w_ih} (3D, D),
 * {@code gru.l{k}.w_hh} (3D, D), {@code gru.l{k}.b_ih} (3D), {@code gru.l{k}.b_hh} (3D), and with the
 * projection {@code projection.weight} (D, D) and {@code projection.bias} (D). Tensors: B
 * histories, L = maxLen, D = dim. Thread safety as {@link CpuSequenceNetwork}.
 */
public final class CpuGru4Rec extends AbstractCpuNetwork<Gru4RecConfig, CpuGru4Rec.Scratch> {
    private final float[] items;
    private final Dense[] input;
    private final Dense[] recurrent;
    private final Dense projection;

    private CpuGru4Rec(Gru4RecConfig config, ParameterReader p) {
        super(config);
        int d = config.dim();
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.input = new Dense[config.layers()];
        this.recurrent = new Dense[config.layers()];
        for (int k = 0; k < config.layers(); k++) {
            String prefix = "gru.l" + k + ".";
            input[k] = p.gruInput(prefix, d, d);
            recurrent[k] = p.gruRecurrent(prefix, d);
        }
        this.projection = config.projection() ? p.dense(Gru4RecNetwork.PROJECTION, d, d) : null;
        p.checkAllRead();
    }

    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuGru4Rec of(Gru4RecConfig config, Map<String, FloatTensor> parameters) {
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    static CpuGru4Rec of(Gru4RecConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return new CpuGru4Rec(config, new ParameterReader(parameters, kernel));
    }

    /** Working memory: each step's layer input (L, D), input gates (L, 3D), the state and its gates. */
    static final class Scratch {
        final float[][] x;
        final float[][] gates;
        final float[] state;
        final float[] recurrentGates;

        Scratch(int len, int d) {
            x = new float[len][d];
            gates = new float[len][3 * d];
            state = new float[d];
            recurrentGates = new float[3 * d];
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
        for (int t = 0; t < n; t++) {
            System.arraycopy(items, row(history, skip + t) * d, s.x[t], 0, d);
        }
        float[] h = s.state;
        float[] gh = s.recurrentGates;
        for (int k = 0; k < input.length; k++) {
            input[k].applyRows(s.x, 0, s.gates, 0, n, 0, 3 * d);
            Arrays.fill(h, 0f);
            for (int t = 0; t < n; t++) {
                recurrent[k].apply(h, gh);
                GruCell.step(s.gates[t], gh, h, d);
                // this layer's output at step t is the next layer's input there
                System.arraycopy(h, 0, s.x[t], 0, d);
            }
        }
        if (projection == null) {
            System.arraycopy(h, 0, user, 0, d);
        } else {
            projection.apply(h, user);
        }
    }
}
