package org.seqrec.nn.cpu;

import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.BstConfig;
import org.seqrec.nn.BstNetwork;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.Networks;

/**
 * BST's logits in plain Java: the DJL {@code BstNetwork} at inference (see it for the math and the
 * parameter names). The history runs through the blocks once, as {@link CpuSasRec} runs it, with
 * the K candidate tokens appended ({@link TransformerStack#forwardLastAppended}), each reading every
 * block's keys and values of the history; then per candidate {@code u . E[c] + MLP([z, E[c], z * E[c]])}.
 * A call of K candidates over a history of n items costs about SASRec's pass plus
 * {@code K (6 D^2 + 2 n D)} multiply-adds per block.
 *
 * <p>Thread-safe: immutable; each call allocates its own working arrays (tens of KB for a window of 100).
 */
public final class CpuBst implements CpuRankingNetwork {
    private final BstConfig config;
    private final float[] items;
    private final float[][] positions;
    private final float[] target;
    private final float embeddingScale;
    private final TransformerStack blocks;
    private final LayerNorm finalNorm;
    private final CpuScoringMlp mlp;

    private CpuBst(BstConfig config, ParameterReader p) {
        this.config = config;
        int d = config.dim();
        int len = config.maxLen();
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        float[] pos = p.get("position_embedding", len, d);
        this.positions = new float[len][];
        for (int t = 0; t < len; t++) {
            positions[t] = java.util.Arrays.copyOfRange(pos, t * d, (t + 1) * d);
        }
        this.target = p.get(BstNetwork.TARGET_EMBEDDING, d);
        this.embeddingScale = (float) Math.sqrt(d);
        this.blocks = TransformerStack.read(
                p, config.blocks(), d, config.heads(), d, LayerNormPlacement.PRE, true, Activation.RELU);
        this.finalNorm = p.layerNorm("final_norm", d);
        this.mlp = new CpuScoringMlp(p, d);
        p.checkAllRead();
    }

    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuBst of(BstConfig config, Map<String, FloatTensor> parameters) {
        return new CpuBst(config, new ParameterReader(parameters, MatMulKernel.DEFAULT));
    }

    @Override
    public BstConfig config() {
        return config;
    }

    @Override
    public float[] scores(int[] history, int[] candidates) {
        int d = config.dim();
        int len = config.maxLen();
        int n = Math.min(history.length, len);
        int skip = history.length - n;
        int k = candidates.length;
        TransformerStack.Rows rows = blocks.newRows(len);
        for (int i = 0; i < n; i++) {
            int row = RankingRows.check(config, history[skip + i], "history");
            float[] x = rows.x[i];
            float[] p = positions[len - n + i];
            for (int j = 0; j < d; j++) {
                x[j] = items[row * d + j] * embeddingScale + p[j];
            }
        }
        float[][] y = new float[k][d];
        for (int c = 0; c < k; c++) {
            int row = RankingRows.check(config, candidates[c], "candidate");
            for (int j = 0; j < d; j++) {
                y[c][j] = items[row * d + j] * embeddingScale + target[j];
            }
        }
        blocks.forwardLastAppended(rows.x, n, y, k, rows.blocks, blocks.newAppendedScratch(k, len));
        float[] u = new float[d];
        finalNorm.apply(n > 0 ? rows.x[n - 1] : new float[d], u);
        float[] z = new float[d];
        float[][] scratch = mlp.newScratch();
        float[] scores = new float[k];
        for (int c = 0; c < k; c++) {
            int off = candidates[c] * d;
            float dot = 0;
            for (int j = 0; j < d; j++) {
                dot += u[j] * items[off + j];
            }
            finalNorm.apply(y[c], z);
            scores[c] = dot + mlp.score(z, items, off, scratch);
        }
        return scores;
    }
}
