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
 * <p>With {@link SasRecConfig#timeFeatures()} {@code gap_hour} the input also adds, per position,
 * {@code G[gap] + H[hour]} of its {@link TimeCodes} (the gap to the event the position predicts and
 * that event's UTC hour; the last position: to "now"): {@code time_gap_embedding} G (32, D) and
 * {@code time_hour_embedding} H (25, D). Gap buckets between consecutive events, not TiSASRec's
 * pairwise interval matrix, because they cost one lookup per position and keep the blocks and the
 * CPU forward pass unchanged, and because what serving needs most, the time from the last event to
 * "now" and the hour of "now", is one more such bucket at the last position, which TiSASRec's
 * relative intervals between history items do not express.
 *
 * <p>Tensors: B batch, L = maxLen, D = dim, H heads. Input rows (B, L) int64, 0 = padding; time
 * codes (B, L) int64, padded like the rows.
 *
 * <p>Thread safety: {@link #hidden} in inference mode only reads the parameters and is safe to call
 * concurrently. Parameters belong to the {@link NDManager} given at construction; its owner closes
 * them. Every array made during a forward pass belongs to the manager of the input rows.
 */
public final class SasRecNetwork extends AbstractNetwork<SasRecConfig> {
    /** G (32, D): one row per {@link TimeCodes#gapBucket}, time-reading configs only. */
    public static final String TIME_GAP_EMBEDDING = "time_gap_embedding";
    /** H (25, D): one row per {@link TimeCodes#hourCode}, time-reading configs only. */
    public static final String TIME_HOUR_EMBEDDING = "time_hour_embedding";

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
        if (config.readsTimes()) {
            p.put(TIME_GAP_EMBEDDING, init.normal(TimeCodes.GAP_BUCKETS, d));
            p.put(TIME_HOUR_EMBEDDING, init.normal(TimeCodes.HOURS, d));
        }
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
                Activation::relu,
                null);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static SasRecNetwork fromParameters(SasRecConfig config, Map<String, NDArray> parameters) {
        return new SasRecNetwork(config, parameters);
    }

    @Override
    public boolean readsTimes() {
        return config.readsTimes();
    }

    /**
     * @throws IllegalStateException for a time-reading config, which needs {@link #hidden(NDArray,
     *     NDArray, boolean)}
     */
    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        if (config.readsTimes()) {
            throw new IllegalStateException("this SASRec reads event times (time_features "
                    + config.timeFeatures().id() + "): call it with time codes");
        }
        return forward(rows, null, training);
    }

    @Override
    public NDArray hidden(NDArray rows, NDArray timeCodes, boolean training) {
        return forward(rows, config.readsTimes() ? timeCodes : null, training);
    }

    private NDArray forward(NDArray rows, NDArray timeCodes, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        NDManager m = rows.getManager();
        NDArray keep = Ops.keepMask(rows);
        // Embedding lookup scaled by sqrt(D) as in the paper, plus learned positions
        NDArray x = Ops.embed(rows, itemEmbeddings()).mul(Ops.scalar(m, Math.sqrt(config.dim())));
        x = x.add(Ops.param(parameters, "position_embedding"));
        if (timeCodes != null) {
            if (!timeCodes.getShape().equals(rows.getShape())) {
                throw new IllegalArgumentException(
                        "time codes must be shaped like rows " + rows.getShape() + ", got " + timeCodes.getShape());
            }
            // G[gap] + H[hour] as one (32 * 25, D) table, row = code, so one lookup per position
            long d = config.dim();
            NDArray table = Ops.batchParam(m, parameters, TIME_GAP_EMBEDDING)
                    .reshape(TimeCodes.GAP_BUCKETS, 1, d)
                    .add(Ops.batchParam(m, parameters, TIME_HOUR_EMBEDDING).reshape(1, TimeCodes.HOURS, d))
                    .reshape(TimeCodes.CODES, d);
            x = x.add(Ops.embed(timeCodes, table));
        }
        x = Ops.dropout(x, config.dropout(), training).mul(keep);
        x = TransformerBlocks.forward(blocks, parameters, x, rows, keep, training);
        return config.layerNorm() == LayerNormPlacement.PRE ? Ops.layerNorm(parameters, x, "final_norm") : x;
    }
}
