package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * SASRec: learned positional embeddings and b causal self-attention blocks over the item
 * embeddings, with the item embedding matrix E shared as the output layer (Kang and McAuley 2018).
 *
 * <p>Blocks are pre-layer-norm, the variant that trains most stably (pmixer/SASRec.pytorch):
 * {@code x = x + Dropout(MHA(LN(x)))}, {@code x = x + Dropout(FFN(LN(x)))}, padded positions zeroed
 * after each block, and a final LN. Attention is causal (position t sees positions <= t) and
 * ignores padded keys, so a left-padded history gives the same user vector as the bare history.
 *
 * <p>Tensors: B batch, L = maxLen, D = dim, H heads. Input rows (B, L) int64, 0 = padding.
 *
 * <p>Thread safety: {@link #hidden} in inference mode only reads the parameters and is safe to call
 * concurrently. Parameters belong to the {@link NDManager} given at construction; its owner closes
 * them. Every array made during a forward pass belongs to the manager of the input rows.
 */
public final class SasRecNetwork implements SequenceNetwork {
    /** Masked attention logits get this instead of -inf, so a row with no visible key stays finite. */
    private static final float MASKED = -1e9f;

    private final SasRecConfig config;
    private final Map<String, NDArray> parameters;

    private SasRecNetwork(SasRecConfig config, Map<String, NDArray> parameters) {
        this.config = config;
        this.parameters = Collections.unmodifiableMap(parameters);
    }

    /** Freshly initialised weights, reproducible from {@code seed}. */
    public static SasRecNetwork initialize(SasRecConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put("item_embedding", init.xavier(config.numItems() + 1, d));
        p.put("position_embedding", init.xavier(config.maxLen(), d));
        for (int b = 0; b < config.blocks(); b++) {
            String prefix = "block" + b + ".";
            init.layerNorm(p, prefix + "attn_norm", d);
            for (String proj : new String[] {"q", "k", "v", "out"}) {
                init.linear(p, prefix + "attn." + proj, d, d);
            }
            init.layerNorm(p, prefix + "ffn_norm", d);
            init.linear(p, prefix + "ffn.w1", d, d);
            init.linear(p, prefix + "ffn.w2", d, d);
        }
        init.layerNorm(p, "final_norm", d);
        return new SasRecNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static SasRecNetwork fromParameters(SasRecConfig config, Map<String, NDArray> parameters) {
        return new SasRecNetwork(config, new LinkedHashMap<>(parameters));
    }

    public SasRecConfig config() {
        return config;
    }

    @Override
    public int maxLen() {
        return config.maxLen();
    }

    @Override
    public String modelType() {
        return SasRecConfig.MODEL_TYPE;
    }

    @Override
    public NDArray itemEmbeddings() {
        return parameters.get("item_embedding");
    }

    @Override
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        NDManager m = rows.getManager();
        long batch = rows.getShape().get(0);
        int len = Math.toIntExact(rows.getShape().get(1));
        if (len != config.maxLen()) {
            throw new IllegalArgumentException("rows must be (B, " + config.maxLen() + "), got " + rows.getShape());
        }
        float drop = config.dropout();
        // (B, L, 1): 1 for real items, 0 for padding
        NDArray keep = rows.gt(0).toType(DataType.FLOAT32, false).expandDims(2);
        // Embedding lookup scaled by sqrt(D) as in the paper, plus learned positions
        NDArray x = rows.getNDArrayInternal()
                .embedding(rows, itemEmbeddings(), SparseFormat.DENSE).singletonOrThrow()
                .mul(scalar(m, Math.sqrt(config.dim())));
        x = x.add(param("position_embedding"));
        x = Dropout.dropout(x, drop, training).singletonOrThrow().mul(keep);
        NDArray attentionBias = attentionBias(m, rows, batch, len);
        for (int b = 0; b < config.blocks(); b++) {
            String prefix = "block" + b + ".";
            // Self-attention sub-layer, pre-norm with residual
            NDArray h = layerNorm(x, prefix + "attn_norm");
            NDArray attn = multiHeadAttention(h, attentionBias, prefix + "attn.", training);
            x = x.add(Dropout.dropout(attn, drop, training).singletonOrThrow());
            // Point-wise feed-forward sub-layer, pre-norm with residual
            h = layerNorm(x, prefix + "ffn_norm");
            NDArray ffn = linear(h, prefix + "ffn.w1").getNDArrayInternal().relu();
            ffn = linear(Dropout.dropout(ffn, drop, training).singletonOrThrow(), prefix + "ffn.w2");
            x = x.add(Dropout.dropout(ffn, drop, training).singletonOrThrow());
            // Padded positions stay zero so they never leak into later blocks
            x = x.mul(keep);
        }
        return layerNorm(x, "final_norm");
    }

    /** (B, 1, L, L) additive bias: 0 where query t may see key s (s <= t and s not padding). */
    private static NDArray attentionBias(NDManager m, NDArray rows, long batch, int len) {
        float[] causal = new float[len * len];
        for (int t = 0; t < len; t++) {
            for (int s = t + 1; s < len; s++) {
                causal[t * len + s] = MASKED;
            }
        }
        NDArray causalBias = m.create(causal, new Shape(1, 1, len, len));
        NDArray paddedKeys = rows.eq(0).toType(DataType.FLOAT32, false).mul(scalar(m, MASKED)).reshape(batch, 1, 1, len);
        return causalBias.add(paddedKeys);
    }

    private NDArray multiHeadAttention(NDArray h, NDArray bias, String prefix, boolean training) {
        Shape s = h.getShape();
        long batch = s.get(0);
        long len = s.get(1);
        int heads = config.heads();
        long headDim = config.dim() / heads;
        // (B, L, D) -> (B, H, L, D/H)
        NDArray q = linear(h, prefix + "q").reshape(batch, len, heads, headDim).transpose(0, 2, 1, 3);
        NDArray k = linear(h, prefix + "k").reshape(batch, len, heads, headDim).transpose(0, 2, 1, 3);
        NDArray v = linear(h, prefix + "v").reshape(batch, len, heads, headDim).transpose(0, 2, 1, 3);
        // Scaled dot-product attention: softmax(Q K^T / sqrt(D/H) + bias) V
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(scalar(h.getManager(), Math.sqrt(headDim))).add(bias);
        NDArray weights = Dropout.dropout(scores.softmax(-1), config.dropout(), training).singletonOrThrow();
        NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, len, config.dim());
        return linear(context, prefix + "out");
    }

    /**
     * A scalar tensor owned by {@code m}. DJL's {@code mul(Number)} and {@code div(Number)} close
     * their temporary scalar right after the op, yet autograd keeps it for the backward pass, whose
     * memory the garbage collector may then free: training read freed memory (NaN losses, runs that
     * differed under GC pressure). A scalar owned by the batch's manager lives until the batch ends.
     */
    private static NDArray scalar(NDManager m, double value) {
        return m.create((float) value);
    }

    private NDArray linear(NDArray input, String name) {
        NDList out = Linear.linear(input, param(name + ".weight"), param(name + ".bias"));
        return out.singletonOrThrow();
    }

    private NDArray layerNorm(NDArray input, String name) {
        return LayerNorm.layerNorm(input, new Shape(config.dim()), param(name + ".gamma"), param(name + ".beta"), 1e-8f)
                .singletonOrThrow();
    }

    private NDArray param(String name) {
        NDArray p = parameters.get(name);
        if (p == null) {
            throw new IllegalStateException("SASRec parameter '" + name + "' is missing");
        }
        return p;
    }
}
