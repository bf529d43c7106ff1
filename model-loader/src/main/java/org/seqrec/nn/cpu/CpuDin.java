package org.seqrec.nn.cpu;

import java.util.Arrays;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.DinConfig;
import org.seqrec.nn.DinNetwork;
import org.seqrec.nn.Networks;

/**
 * DIN's logits in plain Java: the DJL {@code DinNetwork} at inference (see it for the math and the
 * parameter names). The history's keys (embedding plus recency row) and their attention terms {@code W_h h_j + b} are
 * computed once per call; then per candidate c the product weights {@code W_p * c} (D, H) are made
 * once and each history item costs one (D, H) product, then the MLP. A call of K candidates over a
 * history of L items costs about {@code K L D H} multiply-adds (H = {@value DinConfig#ATTENTION_UNITS}).
 *
 * <p>Thread-safe: immutable; each call allocates its own working arrays (a few tens of KB).
 */
public final class CpuDin implements CpuRankingNetwork {
    private final DinConfig config;
    private final MatMulKernel kernel;
    private final float[] items;
    private final float[] recency;
    private final Dense attHistory;
    private final Dense attCandidate;
    /** W_p transposed: (D, H), row d holds column d of W_p. */
    private final float[][] productT;

    private final float[] attPrelu;
    private final float[] attOut;
    private final CpuScoringMlp mlp;

    private CpuDin(DinConfig config, ParameterReader p) {
        this.config = config;
        this.kernel = p.kernel();
        int d = config.dim();
        int h = DinConfig.ATTENTION_UNITS;
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.recency = p.get(DinNetwork.RECENCY_EMBEDDING, config.maxLen(), d);
        this.attHistory = p.dense("att.history", d, h);
        this.attCandidate = Dense.of(p.get("att.candidate.weight", h, d), new float[h], d, h, kernel);
        float[] product = p.get("att.product.weight", h, d);
        this.productT = new float[d][h];
        for (int u = 0; u < h; u++) {
            for (int i = 0; i < d; i++) {
                productT[i][u] = product[u * d + i];
            }
        }
        this.attPrelu = p.get("att.prelu", h);
        this.attOut = p.get("att.out.weight", 1, h);
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
        int h = DinConfig.ATTENTION_UNITS;
        int len = Math.min(history.length, config.maxLen());
        int from = history.length - len;
        float[][] keys = new float[len][d];
        float[][] byHistory = new float[len][h];
        for (int j = 0; j < len; j++) {
            int row = checkRow(history[from + j], "history");
            int ago = len - 1 - j;
            for (int i = 0; i < d; i++) {
                keys[j][i] = items[row * d + i] + recency[ago * d + i];
            }
            attHistory.apply(keys[j], byHistory[j]);
        }
        float[] scores = new float[candidates.length];
        float[] c = new float[d];
        float[] byCandidate = new float[h];
        float[][] scaledT = new float[d][h];
        float[] bias = new float[h];
        float[] pre = new float[h];
        float[] alpha = new float[len];
        float[] interest = new float[d];
        float[][] mlpScratch = mlp.newScratch();
        float scale = (float) (1 / Math.sqrt(d));
        for (int k = 0; k < candidates.length; k++) {
            int row = checkRow(candidates[k], "candidate");
            System.arraycopy(items, row * d, c, 0, d);
            attCandidate.apply(c, byCandidate);
            for (int i = 0; i < d; i++) {
                float ci = c[i];
                float[] w = productT[i];
                float[] s = scaledT[i];
                for (int u = 0; u < h; u++) {
                    s[u] = w[u] * ci;
                }
            }
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < len; j++) {
                for (int u = 0; u < h; u++) {
                    bias[u] = byHistory[j][u] + byCandidate[u];
                }
                kernel.row(scaledT, d, bias, keys[j], 0, pre, 0, h);
                float a = 0;
                for (int u = 0; u < h; u++) {
                    a += attOut[u] * prelu(pre[u], attPrelu[u]);
                }
                alpha[j] = a * scale;
                max = Math.max(max, alpha[j]);
            }
            float sum = 0;
            for (int j = 0; j < len; j++) {
                alpha[j] = (float) Math.exp(alpha[j] - max);
                sum += alpha[j];
            }
            Arrays.fill(interest, 0f);
            for (int j = 0; j < len; j++) {
                float wj = alpha[j] / sum;
                for (int i = 0; i < d; i++) {
                    interest[i] += wj * keys[j][i];
                }
            }
            scores[k] = mlp.score(interest, c, 0, mlpScratch);
        }
        return scores;
    }

    private int checkRow(int row, String what) {
        if (row < 1 || row > config.numItems()) {
            throw new IllegalArgumentException(what + " item row " + row + " outside 1.." + config.numItems());
        }
        return row;
    }

    private static float prelu(float x, float slope) {
        return x >= 0 ? x : slope * x;
    }
}
