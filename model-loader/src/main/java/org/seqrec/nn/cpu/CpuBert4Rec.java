package org.seqrec.nn.cpu;

import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.nn.Bert4RecConfig;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.Networks;

/**
 * BERT4Rec's user vector in plain Java: the DJL {@code Bert4RecNetwork.userVectors} (mask token
 * appended) at inference. With n = min(|history|, L - 1) the latest items at positions
 * L - 1 - n .. L - 2 and the mask row m at position L - 1:
 * {@code x_p = LN_emb([E; m][row_p] + P[p])} over those n + 1 rows; the {@link TransformerStack}
 * (bidirectional, post-layer-norm, GELU feed-forward of width 4D), the last block for the mask
 * position only; then the output head {@code u = LN_head(GELU(W_head x + b_head))} at that position.
 *
 * <p>Reads {@code item_embedding} E (n + 1, D), {@code mask_embedding} m (1, D),
 * {@code position_embedding} (L, D), {@code embedding_norm.*}, the blocks' parameters,
 * {@code head.weight} (D, D), {@code head.bias} (D) and {@code head_norm.*}. Tensors: B histories,
 * L = maxLen, D = dim, H heads. Thread safety as {@link CpuSequenceNetwork}.
 */
public final class CpuBert4Rec extends AbstractCpuNetwork<Bert4RecConfig, CpuBert4Rec.Scratch> {
    private final float[] items;
    private final float[] mask;
    /** P as (L, D) rows of their own, so that adding a row is a loop C2 vectorises. */
    private final float[][] positions;

    private final LayerNorm embeddingNorm;
    private final TransformerStack blocks;
    private final Dense head;
    private final LayerNorm headNorm;

    private CpuBert4Rec(Bert4RecConfig config, ParameterReader p) {
        super(config);
        int d = config.dim();
        this.items = p.get(Networks.ITEM_EMBEDDING, config.numItems() + 1, d);
        this.mask = p.get("mask_embedding", 1, d);
        this.positions = rows(p.get("position_embedding", config.maxLen(), d), config.maxLen(), d);
        this.embeddingNorm = p.layerNorm("embedding_norm", d);
        this.blocks = TransformerStack.read(
                p, config.blocks(), d, config.heads(), 4 * d, LayerNormPlacement.POST, false, Activation.GELU);
        this.head = p.dense("head", d, d);
        this.headNorm = p.layerNorm("head_norm", d);
        p.checkAllRead();
    }

    /**
     * @param parameters every parameter by its DJL name, {@link Networks#ITEM_EMBEDDING} included; the
     *     arrays are shared, not copied
     * @throws IllegalArgumentException for a missing, extra, misshapen or non-finite parameter
     */
    public static CpuBert4Rec of(Bert4RecConfig config, Map<String, FloatTensor> parameters) {
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    static CpuBert4Rec of(Bert4RecConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return new CpuBert4Rec(config, new ParameterReader(parameters, kernel));
    }

    /** Working memory: the real rows, the blocks' scratch and the head's hidden row. */
    static final class Scratch {
        final float[][] x;
        final TransformerStack.Scratch blocks;
        final float[] hidden;

        Scratch(float[][] x, TransformerStack.Scratch blocks, float[] hidden) {
            this.x = x;
            this.blocks = blocks;
            this.hidden = hidden;
        }
    }

    @Override
    Scratch newScratch() {
        int len = config.maxLen();
        return new Scratch(new float[len][config.dim()], blocks.newScratch(len), new float[config.dim()]);
    }

    @Override
    void encode(int[] history, Scratch s, float[] user) {
        int d = config.dim();
        int len = config.maxLen();
        int n = Math.min(history.length, len - 1);
        int skip = history.length - n;
        for (int i = 0; i <= n; i++) {
            float[] x = s.x[i];
            float[] p = positions[len - 1 - n + i];
            if (i < n) {
                System.arraycopy(items, row(history, skip + i) * d, x, 0, d);
            } else {
                System.arraycopy(mask, 0, x, 0, d);
            }
            for (int j = 0; j < d; j++) {
                x[j] += p[j];
            }
            embeddingNorm.apply(x, x);
        }
        blocks.forwardLast(s.x, n + 1, s.blocks);
        head.apply(s.x[n], s.hidden);
        Activation.GELU.apply(s.hidden, d);
        headNorm.apply(s.hidden, user);
    }
}
