package org.seqrec.nn.cpu;

import java.util.Arrays;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.DinConfig;
import org.seqrec.nn.DinNetwork;
import org.seqrec.nn.Networks;

/**
 * DIN's logits in plain Java: the DJL {@code DinNetwork} at inference (see it for the math and the
 * parameter names). The history's keys (embedding plus recency row) and their attention terms are
 * computed once per call, then per candidate the attention ({@link CpuTargetAttention}), the
 * weighted sum of the keys and the MLP. A call of K candidates over a history of L items costs
 * about {@code K L D H} multiply-adds (H = {@value DinConfig#ATTENTION_UNITS}).
 *
 * <p>Thread-safe: immutable; each call allocates its own working arrays (a few tens of KB).
 */
public final class CpuDin implements CpuRankingNetwork {
    private final DinConfig config;
    private final float[] items;
    private final float[] recency;
    private final CpuTargetAttention attention;
    private final CpuScoringMlp mlp;

    private CpuDin(DinConfig config, ParameterReader p) {
        this.config = config;
        int d = config.dim();
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.recency = p.get(DinNetwork.RECENCY_EMBEDDING, config.maxLen(), d);
        this.attention = new CpuTargetAttention(p, d);
        this.mlp = new CpuScoringMlp(p, d);
        p.checkAllRead();
    }
    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuDin of(DinConfig config, Map<String, FloatTensor> parameters) {
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    static CpuDin of(DinConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return new CpuDin(config, new ParameterReader(parameters, kernel));
    }

    @Override
    public DinConfig config() {
        return config;
    }

    @Override
    public float[] scores(int[] history, int[] candidates) {
        int d = config.dim();
        int len = Math.min(history.length, config.maxLen());
        int from = history.length - len;
        float[][] keys = new float[len][d];
        float[][] terms = new float[len][];
        for (int j = 0; j < len; j++) {
            int row = RankingRows.check(config, history[from + j], "history");
            int ago = len - 1 - j;
            for (int i = 0; i < d; i++) {
                keys[j][i] = items[row * d + i] + recency[ago * d + i];
            }
            terms[j] = attention.newKeyTerm();
            attention.keyTerm(keys[j], terms[j]);
        }
        float[] scores = new float[candidates.length];
        float[] c = new float[d];
        float[] alpha = new float[len];
        float[] interest = new float[d];
        CpuTargetAttention.Scratch scratch = attention.newScratch(len);
        float[][] mlpScratch = mlp.newScratch();
        for (int k = 0; k < candidates.length; k++) {
            int row = RankingRows.check(config, candidates[k], "candidate");
            System.arraycopy(items, row * d, c, 0, d);
            attention.weights(c, keys, terms, len, alpha, scratch);
            Arrays.fill(interest, 0f);
            for (int j = 0; j < len; j++) {
                for (int i = 0; i < d; i++) {
                    interest[i] += alpha[j] * keys[j][i];
                }
            }
            scores[k] = mlp.score(interest, c, 0, mlpScratch);
        }
        return scores;
    }
}
