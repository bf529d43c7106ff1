package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BERT4Rec (Sun et al. 2019): learned positions and bidirectional post-layer-norm transformer blocks
 * (GELU feed-forward of width 4D, as BERT) over item embeddings, trained on the Cloze task: some
 * input positions hold the mask row n + 1 ({@link Bert4RecConfig#maskRow()}) and are predicted.
 *
 * <p>Forward pass: {@code x = Dropout(LN_emb([E; m][rows] + P))}, padded positions zeroed; the
 * blocks (no causal mask, padded keys masked; {@link TransformerBlocks}); then the output head
 * {@code h = LN_head(GELU(W_head x + b_head))}. {@link #hidden} returns h (B, L, D): the logit of
 * position t for item row i is {@code h[:, t] . E[i]}, with E tied to the input item embeddings.
 * The paper's per-item output bias is left out, since the plugin scores by inner product only.
 *
 * <p>Parameters: {@code item_embedding} E (n + 1, D), {@code mask_embedding} m (1, D),
 * {@code position_embedding} (L, D), {@code embedding_norm.*} (D), the blocks' parameters,
 * {@code head.weight} (D, D), {@code head.bias} (D), {@code head_norm.*} (D).
 *
 * <p>{@link #userVectors} appends the mask token: it drops the oldest position, shifts the rest left,
 * puts the mask row at L - 1 and returns h there. Attention is bidirectional, so changing a later
 * item changes earlier positions; padding never matters (padded keys are masked).
 *
 * <p>Tensors: B batch, L = maxLen, D = dim, H heads. Input rows (B, L) int64 in 0..n + 1, 0 = padding.
 * Thread safety and ownership as {@link SasRecNetwork}.
 */
public final class Bert4RecNetwork extends AbstractNetwork<Bert4RecConfig> {
    public static final String MASK_EMBEDDING = "mask_embedding";

    private final TransformerBlocks.Spec blocks;

    private Bert4RecNetwork(Bert4RecConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
        this.blocks = blockSpec(config);
    }

    /** Freshly initialised weights, reproducible from {@code seed}. */
    public static Bert4RecNetwork initialize(Bert4RecConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.xavier(config.numItems() + 1, d));
        p.put(MASK_EMBEDDING, init.xavier(new Shape(1, d), d, d));
        p.put("position_embedding", init.xavier(config.maxLen(), d));
        init.layerNorm(p, "embedding_norm", d);
        TransformerBlocks.initialize(blockSpec(config), init, ParameterInit.Scheme.XAVIER, p);
        init.linear(p, "head", d, d);
        init.layerNorm(p, "head_norm", d);
        return new Bert4RecNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static Bert4RecNetwork fromParameters(Bert4RecConfig config, Map<String, NDArray> parameters) {
        return new Bert4RecNetwork(config, parameters);
    }

    /** Bidirectional post-LN blocks with a GELU feed-forward of width 4D, as BERT. */
    private static TransformerBlocks.Spec blockSpec(Bert4RecConfig config) {
        return new TransformerBlocks.Spec(
                config.blocks(),
                config.dim(),
                config.heads(),
                4 * config.dim(),
                config.dropout(),
                LayerNormPlacement.POST,
                false,
                Activation::gelu,
                null);
    }

    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        NDArray keep = Ops.keepMask(rows);
        // Input table (n + 2, D): the item embeddings, then the mask token at row n + 1
        NDArray table = Ops.batchParam(rows.getManager(), parameters, Networks.ITEM_EMBEDDING)
                .concat(Ops.param(parameters, MASK_EMBEDDING), 0);
        NDArray x = Ops.embed(rows, table).add(Ops.param(parameters, "position_embedding"));
        x = Ops.layerNorm(parameters, x, "embedding_norm");
        x = Ops.dropout(x, config.dropout(), training).mul(keep);
        x = TransformerBlocks.forward(blocks, parameters, x, rows, keep, training);
        // Output head before the tied E
        NDArray h = Activation.gelu(Ops.linear(parameters, x, "head"));
        return Ops.layerNorm(parameters, h, "head_norm");
    }

    /** Appends the mask token (dropping the oldest position) and returns h at L - 1, (B, D). */
    @Override
    public NDArray userVectors(NDArray rows) {
        Ops.checkRows(rows, config.maxLen());
        long batch = rows.getShape().get(0);
        int len = config.maxLen();
        long[] mask = new long[Math.toIntExact(batch)];
        Arrays.fill(mask, config.maskRow());
        NDArray masked = rows.get(":, 1:")
                .toType(DataType.INT64, false)
                .concat(rows.getManager().create(mask, new Shape(batch, 1)), 1);
        return hidden(masked, false).get(":, {}, :", len - 1);
    }
}
