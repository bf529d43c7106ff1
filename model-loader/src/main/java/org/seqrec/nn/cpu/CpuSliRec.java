package org.seqrec.nn.cpu;

import java.util.Arrays;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SasRecNetwork;
import org.seqrec.nn.SliRecConfig;
import org.seqrec.nn.TimeCodes;

/**
 * SLi-Rec's user vector in plain Java: the DJL {@code SliRecNetwork} at inference for the last
 * position only. With n = min(|history|, L) the latest items x_j = E[row_j] and their time embeddings
 * {@code tau_j = G[gap_j] + H[hour_j]}: the long-term {@code l = sum_j softmax_j(x_j . q / sqrt(D)) x_j}
 * over all n items, the short-term {@code s} = the GRU's state after {@code [x_j ; tau_j]}, j = 1..n,
 * from 0 (gate order r, z, n), and {@code u = a * l + (1 - a) * s} with
 * {@code a = sigmoid(W_f [l ; s ; tau_n] + b_f)}. An empty history gives 0, as the DJL network's
 * all-padding row does.
 *
 * <p>Reads {@code item_embedding} E (n + 1, D), {@code time_gap_embedding} (32, D),
 * {@code time_hour_embedding} (25, D), {@code long.query} (D), {@code gru.w_ih} (3D, 2D),
 * {@code gru.w_hh} (3D, D), {@code gru.b_ih}, {@code gru.b_hh} (3D), {@code fusion.weight} (D, 3D),
 * {@code fusion.bias} (D). Thread safety as {@link CpuSequenceNetwork}.
 */
public final class CpuSliRec extends AbstractCpuNetwork<SliRecConfig, CpuSliRec.Scratch> {
    private final float[] items;
    private final float[] gaps;
    private final float[] hours;
    private final float[] query;
    private final Dense input;
    private final Dense recurrent;
    private final Dense fusion;

    private CpuSliRec(SliRecConfig config, ParameterReader p) {
        super(config);
        int d = config.dim();
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.gaps = p.get(SasRecNetwork.TIME_GAP_EMBEDDING, TimeCodes.GAP_BUCKETS, d);
        this.hours = p.get(SasRecNetwork.TIME_HOUR_EMBEDDING, TimeCodes.HOURS, d);
        this.query = p.get("long.query", d);
        this.input = p.gruInput("gru.", 2 * d, d);
        this.recurrent = p.gruRecurrent("gru.", d);
        this.fusion = Dense.of(p.get("fusion.weight", d, 3L * d), p.get("fusion.bias", d), 3 * d, d, p.kernel());
        p.checkAllRead();
    }

    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuSliRec of(SliRecConfig config, Map<String, FloatTensor> parameters) {
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    static CpuSliRec of(SliRecConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return new CpuSliRec(config, new ParameterReader(parameters, kernel));
    }

    /** Working memory: each step's [x ; tau] (L, 2D), input gates (L, 3D), attention weights, state. */
    static final class Scratch {
        final float[][] xt;
        final float[][] gates;
        final float[] weights;
        final float[] state;
        final float[] recurrentGates;
        final float[] fused;
        final float[] gate;

        Scratch(int len, int d) {
            xt = new float[len][2 * d];
            gates = new float[len][3 * d];
            weights = new float[len];
            state = new float[d];
            recurrentGates = new float[3 * d];
            fused = new float[3 * d];
            gate = new float[d];
        }
    }

    @Override
    Scratch newScratch() {
        return new Scratch(config.maxLen(), config.dim());
    }

    /** @throws IllegalArgumentException always: SLi-Rec reads event times */
    @Override
    void encode(int[] history, Scratch s, float[] user) {
        throw new IllegalArgumentException("slirec reads event times: give each history's time codes");
    }

    @Override
    void encode(int[] history, int[] timeCodes, Scratch s, float[] user) {
        int d = config.dim();
        int n = Math.min(history.length, config.maxLen());
        if (n == 0) {
            return;
        }
        int skip = history.length - n;
        for (int t = 0; t < n; t++) {
            float[] xt = s.xt[t];
            System.arraycopy(items, row(history, skip + t) * d, xt, 0, d);
            int code = timeCodes[skip + t];
            if (code < 0 || code >= TimeCodes.CODES) {
                throw new IllegalArgumentException("time code " + code + " outside 0.." + (TimeCodes.CODES - 1));
            }
            int g = TimeCodes.gapOf(code) * d;
            int h = TimeCodes.hourOf(code) * d;
            for (int j = 0; j < d; j++) {
                xt[d + j] = gaps[g + j] + hours[h + j];
            }
        }
        // long-term: softmax(x_j . q / sqrt(D)) over the n items
        float scale = (float) (1 / Math.sqrt(d));
        float max = Float.NEGATIVE_INFINITY;
        for (int t = 0; t < n; t++) {
            float dot = 0;
            for (int j = 0; j < d; j++) {
                dot += s.xt[t][j] * query[j];
            }
            s.weights[t] = dot * scale;
            max = Math.max(max, s.weights[t]);
        }
        double sum = 0;
        for (int t = 0; t < n; t++) {
            s.weights[t] = (float) Math.exp(s.weights[t] - max);
            sum += s.weights[t];
        }
        float[] fused = s.fused;
        Arrays.fill(fused, 0, d, 0f);
        for (int t = 0; t < n; t++) {
            float w = (float) (s.weights[t] / sum);
            for (int j = 0; j < d; j++) {
                fused[j] += w * s.xt[t][j];
            }
        }
        // short-term: the GRU over [x ; tau]
        input.applyRows(s.xt, 0, s.gates, 0, n, 0, 3 * d);
        float[] h = s.state;
        float[] gh = s.recurrentGates;
        Arrays.fill(h, 0f);
        for (int t = 0; t < n; t++) {
            recurrent.apply(h, gh);
            GruCell.step(s.gates[t], gh, h, d);
        }
        // fusion: a = sigmoid(W_f [l ; s ; tau_n] + b_f)
        System.arraycopy(h, 0, fused, d, d);
        System.arraycopy(s.xt[n - 1], d, fused, 2 * d, d);
        fusion.apply(fused, s.gate);
        for (int j = 0; j < d; j++) {
            float a = Activation.sigmoid(s.gate[j]);
            user[j] = a * fused[j] + (1 - a) * h[j];
        }
    }
}
