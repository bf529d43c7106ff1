package org.seqrec.nn.cpu;

import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.DienConfig;
import org.seqrec.nn.DienNetwork;
import org.seqrec.nn.Networks;

/**
 * DIEN's logits in plain Java: the DJL {@code DienNetwork} at inference (see it for the math and the
 * parameter names). Per call, the interest extractor GRU runs once over the history, and each
 * state's attention term and evolution input gates are computed once; then per candidate the
 * attention ({@link CpuTargetAttention}), the attention-gated GRU over the states (all candidates'
 * recurrent gates of a step in one matrix product) and the MLP. A call
 * of K candidates over a history of L items costs about {@code K L D (H + 3D)} multiply-adds (H =
 * {@value org.seqrec.nn.DinConfig#ATTENTION_UNITS}).
 *
 * <p>Thread-safe: immutable; each call allocates its own working arrays (about {@code K (4D + L)}
 * floats).
 */
public final class CpuDien implements CpuRankingNetwork {
    private final DienConfig config;
    private final float[] items;
    private final Dense extractorInput;
    private final Dense extractorRecurrent;
    private final CpuTargetAttention attention;
    private final Dense evolutionInput;
    private final Dense evolutionRecurrent;
    private final CpuScoringMlp mlp;

    private CpuDien(DienConfig config, ParameterReader p) {
        this.config = config;
        int d = config.dim();
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.extractorInput = p.gruInput(DienNetwork.EXTRACTOR, d, d);
        this.extractorRecurrent = p.gruRecurrent(DienNetwork.EXTRACTOR, d);
        this.attention = new CpuTargetAttention(p, d);
        this.evolutionInput = p.gruInput(DienNetwork.EVOLUTION, d, d);
        this.evolutionRecurrent = p.gruRecurrent(DienNetwork.EVOLUTION, d);
        this.mlp = new CpuScoringMlp(p, d);
        p.checkAllRead();
    }

    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuDien of(DienConfig config, Map<String, FloatTensor> parameters) {
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    static CpuDien of(DienConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return new CpuDien(config, new ParameterReader(parameters, kernel));
    }

    @Override
    public DienConfig config() {
        return config;
    }

    @Override
    public float[] scores(int[] history, int[] candidates) {
        int d = config.dim();
        int len = Math.min(history.length, config.maxLen());
        int from = history.length - len;
        float[][] states = new float[len][d];
        float[][] terms = new float[len][];
        float[][] gates = new float[len][3 * d];
        float[] h = new float[d];
        float[] gh = new float[3 * d];
        for (int j = 0; j < len; j++) {
            int row = RankingRows.check(config, history[from + j], "history");
            System.arraycopy(items, row * d, states[j], 0, d);
        }
        // the extractor: gates[j] its input gates, then states[j] its state after item j
        extractorInput.applyRows(states, 0, gates, 0, len, 0, 3 * d);
        for (int j = 0; j < len; j++) {
            extractorRecurrent.apply(h, gh);
            GruCell.step(gates[j], gh, h, d);
            System.arraycopy(h, 0, states[j], 0, d);
            terms[j] = attention.newKeyTerm();
            attention.keyTerm(states[j], terms[j]);
        }
        // from here on gates[j] holds the evolution's input gates of state j
        evolutionInput.applyRows(states, 0, gates, 0, len, 0, 3 * d);

        // the evolution of every candidate at once: each step's recurrent gates in one matrix product
        int k = candidates.length;
        float[][] c = new float[k][d];
        float[][] alpha = new float[k][len];
        float[][] evolved = new float[k][d];
        float[][] recurrentGates = new float[k][3 * d];
        CpuTargetAttention.Scratch scratch = attention.newScratch(len);
        for (int i = 0; i < k; i++) {
            System.arraycopy(items, RankingRows.check(config, candidates[i], "candidate") * d, c[i], 0, d);
            attention.weights(c[i], states, terms, len, alpha[i], scratch);
        }
        for (int j = 0; j < len; j++) {
            evolutionRecurrent.applyRows(evolved, 0, recurrentGates, 0, k, 0, 3 * d);
            for (int i = 0; i < k; i++) {
                GruCell.attentionalStep(gates[j], recurrentGates[i], evolved[i], d, alpha[i][j]);
            }
        }
        float[] scores = new float[k];
        float[][] mlpScratch = mlp.newScratch();
        for (int i = 0; i < k; i++) {
            scores[i] = mlp.score(evolved[i], c[i], 0, mlpScratch);
        }
        return scores;
    }
}
