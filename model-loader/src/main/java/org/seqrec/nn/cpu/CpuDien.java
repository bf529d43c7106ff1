package org.seqrec.nn.cpu;

import java.util.Arrays;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.DienConfig;
import org.seqrec.nn.DienNetwork;
import org.seqrec.nn.Networks;

/**
 * DIEN's logits in plain Java: the DJL {@code DienNetwork} at inference (see it for the math and the
 * parameter names). Per call, the interest extractor GRU runs once over the history, and each
 * state's attention term and evolution input gates are computed once; then per candidate the
 * attention ({@link CpuTargetAttention}), the attention-gated GRU over the states and the MLP. A call
 * of K candidates over a history of L items costs about {@code K L D (H + 3D)} multiply-adds (H =
 * {@value org.seqrec.nn.DinConfig#ATTENTION_UNITS}).
 *
 * <p>Thread-safe: immutable; each call allocates its own working arrays (a few tens of KB).
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
            int row = checkRow(history[from + j], "history");
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

        float[] scores = new float[candidates.length];
        float[] c = new float[d];
        float[] alpha = new float[len];
        CpuTargetAttention.Scratch scratch = attention.newScratch();
        float[][] mlpScratch = mlp.newScratch();
        for (int k = 0; k < candidates.length; k++) {
            int row = checkRow(candidates[k], "candidate");
            System.arraycopy(items, row * d, c, 0, d);
            attention.weights(c, states, terms, len, alpha, scratch);
            Arrays.fill(h, 0f);
            for (int j = 0; j < len; j++) {
                evolutionRecurrent.apply(h, gh);
                GruCell.attentionalStep(gates[j], gh, h, d, alpha[j]);
            }
            scores[k] = mlp.score(h, c, 0, mlpScratch);
        }
        return scores;
    }

    private int checkRow(int row, String what) {
        if (row < 1 || row > config.numItems()) {
            throw new IllegalArgumentException(what + " item row " + row + " outside 1.." + config.numItems());
        }
        return row;
    }
}
