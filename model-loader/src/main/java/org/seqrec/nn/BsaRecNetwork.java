package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BSARec (Shin et al., AAAI 2024): SASRec's causal attention with an inductive bias beside it, a
 * low-pass filter over the positions whose high frequencies are rescaled by a learned beta, mixed
 * with the attention at weight alpha in every block, E tied with the output layer.
 *
 * <p>As the paper's code: {@code x = Dropout(LN_emb(E[rows] + P))} (no sqrt(D) scale), then per block
 * (post layer norm) {@code x = alpha LN_f(x + Dropout(low + beta^2 (x - low))) + (1 - alpha)
 * LN_attn(x + Dropout(MHA(x)))} and {@code x = LN_ffn(x + Dropout(FFN(x)))} with a GELU feed-forward of
 * width 4D; no final layer norm; every weight N(0, 0.02^2), biases 0, beta N(0, 1). One difference: the
 * paper filters each history with an FFT over all its positions, which mixes later events into
 * earlier positions and so fits only its last-position training; here the filter is the same
 * low-pass made causal ({@link LowPassFilter}), so that every position can predict the next item and
 * position t reads events up to t, as the last position of its own prefix would in the paper.
 *
 * <p>Parameters: {@code item_embedding} E (n + 1, D), {@code position_embedding} P (L, D),
 * {@code embedding_norm.*} (D), and per block {@link TransformerBlocks}' with its frequency
 * sub-layer ({@code block{b}.filter.sqrt_beta}, {@code block{b}.filter_norm.*}). Tensors: B batch,
 * L = maxLen, D = dim; rows (B, L) int64, 0 = padding. Thread safety and ownership as
 * {@link SasRecNetwork}.
 */
public final class BsaRecNetwork extends AbstractNetwork<BsaRecConfig> {
    private final TransformerBlocks.Spec blocks;

    private BsaRecNetwork(BsaRecConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
        this.blocks = blockSpec(config);
    }

    /** Freshly initialised weights, reproducible from {@code seed} (see the class comment). */
    public static BsaRecNetwork initialize(BsaRecConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.normal(config.numItems() + 1, d));
        p.put("position_embedding", init.normal(config.maxLen(), d));
        init.layerNorm(p, "embedding_norm", d);
        TransformerBlocks.initialize(blockSpec(config), init, ParameterInit.Scheme.NORMAL, p);
        return new BsaRecNetwork(config, p);
    }

    /** Causal post-layer-norm blocks, a GELU feed-forward of width 4D, the frequency sub-layer. */
    private static TransformerBlocks.Spec blockSpec(BsaRecConfig config) {
        return new TransformerBlocks.Spec(
                config.blocks(),
                config.dim(),
                config.heads(),
                4 * config.dim(),
                config.dropout(),
                LayerNormPlacement.POST,
                true,
                Activation::gelu,
                TransformerBlocks.FrequencyMix.of(config.alpha(), config.lowPass(), config.maxLen()));
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static BsaRecNetwork fromParameters(BsaRecConfig config, Map<String, NDArray> parameters) {
        return new BsaRecNetwork(config, parameters);
    }

    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        NDArray keep = Ops.keepMask(rows);
        NDArray x = Ops.embed(rows, itemEmbeddings()).add(Ops.param(parameters, "position_embedding"));
        x = Ops.layerNorm(parameters, x, "embedding_norm");
        x = Ops.dropout(x, config.dropout(), training).mul(keep);
        return TransformerBlocks.forward(blocks, parameters, x, rows, keep, training);
    }
}
