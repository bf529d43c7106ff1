package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SASRec: learned positional embeddings and b causal self-attention blocks over the item
 * embeddings, with the item embedding matrix E shared as the output layer (Kang and McAuley 2018).
 *
 * <p>Blocks follow {@link SasRecConfig#layerNorm()}: pre-layer-norm (the default, the variant that
 * trains most stably, pmixer/SASRec.pytorch) {@code x = x + Dropout(MHA(LN(x)))},
 * {@code x = x + Dropout(FFN(LN(x)))} and a final LN; or post-layer-norm
 * {@code x = LN(x + Dropout(MHA(x)))}, {@code x = LN(x + Dropout(FFN(x)))} and no final LN. Padded
 * positions are zeroed after each block. Attention is causal (position t sees positions <= t) and
 * ignores padded keys, so a left-padded history gives the same user vector as the bare history.
 * The block code is shared with BERT4Rec ({@link TransformerBlocks}).
 *
 * <p>Tensors: B batch, L = maxLen, D = dim, H heads. Input rows (B, L) int64, 0 = padding.
 *
 * <p>Thread safety: {@link #hidden} in inference mode only reads the parameters and is safe to call
 * concurrently. Parameters belong to the {@link NDManager} given at construction; its owner closes
 * them. Every array made during a forward pass belongs to the manager of the input rows.
 */
public final class SasRecNetwork extends AbstractNetwork<SasRecConfig> {
    private final TransformerBlocks.Spec blocks;

    private SasRecNetwork(SasRecConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
        this.blocks = blockSpec(config);
    }

    /**
     * Freshly initialised weights, reproducible from {@code seed}: every embedding and linear weight
     * N(0, 0.02^2), biases 0 ({@link ParameterInit}).
     */
    public static SasRecNetwork initialize(SasRecConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.normal(config.numItems() + 1, d));
        p.put("position_embedding", init.normal(config.maxLen(), d));
        TransformerBlocks.initialize(blockSpec(config), init, ParameterInit.Scheme.NORMAL, p);
        if (config.layerNorm() == LayerNormPlacement.PRE) {
            init.layerNorm(p, "final_norm", d);
        }
        return new SasRecNetwork(config, p);
    }

    /** Causal blocks with a ReLU feed-forward of width D, as in the paper. */
    private static TransformerBlocks.Spec blockSpec(SasRecConfig config) {
        return new TransformerBlocks.Spec(
                config.blocks(),
                config.dim(),
                config.heads(),
                config.dim(),
                config.dropout(),
                config.layerNorm(),
                true,
                Activation::relu);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static SasRecNetwork fromParameters(SasRecConfig config, Map<String, NDArray> parameters) {
        return new SasRecNetwork(config, parameters);
    }

    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        NDManager m = rows.getManager();
        NDArray keep = Ops.keepMask(rows);
        // Embedding lookup scaled by sqrt(D) as in the paper, plus learned positions
        NDArray x = Ops.embed(rows, itemEmbeddings()).mul(Ops.scalar(m, Math.sqrt(config.dim())));
        x = x.add(Ops.param(parameters, "position_embedding"));
        x = Ops.dropout(x, config.dropout(), training).mul(keep);
        x = TransformerBlocks.forward(blocks, parameters, x, rows, keep, training);
        return config.layerNorm() == LayerNormPlacement.PRE ? Ops.layerNorm(parameters, x, "final_norm") : x;
    }
}
