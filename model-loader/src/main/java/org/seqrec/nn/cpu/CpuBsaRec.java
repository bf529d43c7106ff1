package org.seqrec.nn.cpu;

import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.BsaRecConfig;
import org.seqrec.nn.LowPassFilter;
import org.seqrec.nn.Networks;

/**
 * BSARec's user vector in plain Java: the DJL {@code BsaRecNetwork} at inference for the last
 * position. With n = min(|history|, L) the latest items at positions L - n .. L - 1:
 * {@code x_p = LN_emb(E[row_p] + P[p])}, then the {@link TransformerStack} with the frequency
 * sub-layer (causal, post-layer-norm, GELU feed-forward of width 4D), the last block for the last
 * position only; the user vector is that position's output. An empty history gives 0, as the DJL
 * network's all-padding row does.
 *
 * <p>Reads {@code item_embedding} E (n + 1, D), {@code position_embedding} (L, D),
 * {@code embedding_norm.*} and the blocks' parameters. Thread safety as {@link CpuSequenceNetwork}.
 */
public final class CpuBsaRec extends AbstractCpuNetwork<BsaRecConfig, TransformerStack.Rows> {
    private final float[] items;
    /** P as (L, D) rows of their own. */
    private final float[][] positions;

    private final LayerNorm embeddingNorm;
    private final TransformerStack blocks;

    private CpuBsaRec(BsaRecConfig config, ParameterReader p) {
        super(config);
        int d = config.dim();
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.positions = rows(p.get("position_embedding", config.maxLen(), d), config.maxLen(), d);
        this.embeddingNorm = p.layerNorm("embedding_norm", d);
        this.blocks = TransformerStack.readWithFrequency(
                p,
                config.blocks(),
                d,
                config.heads(),
                4 * d,
                Activation.GELU,
                config.alpha(),
                LowPassFilter.causalKernel(config.lowPass(), config.maxLen()));
        p.checkAllRead();
    }

    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuBsaRec of(BsaRecConfig config, Map<String, FloatTensor> parameters) {
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    static CpuBsaRec of(BsaRecConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return new CpuBsaRec(config, new ParameterReader(parameters, kernel));
    }

    @Override
    TransformerStack.Rows newScratch() {
        return blocks.newRows(config.maxLen());
    }

    @Override
    void encode(int[] history, TransformerStack.Rows s, float[] user) {
        int d = config.dim();
        int len = config.maxLen();
        int n = Math.min(history.length, len);
        if (n == 0) {
            return;
        }
        int skip = history.length - n;
        for (int i = 0; i < n; i++) {
            float[] x = s.x[i];
            float[] p = positions[len - n + i];
            System.arraycopy(items, row(history, skip + i) * d, x, 0, d);
            for (int j = 0; j < d; j++) {
                x[j] += p[j];
            }
            embeddingNorm.apply(x, x);
        }
        blocks.forwardLast(s.x, n, s.blocks);
        System.arraycopy(s.x[n - 1], 0, user, 0, d);
    }
}
