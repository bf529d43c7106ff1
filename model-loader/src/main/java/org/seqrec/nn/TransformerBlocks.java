package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * A stack of self-attention blocks over named parameters, shared by SASRec (causal, ReLU
 * feed-forward of width D) and BERT4Rec (bidirectional, GELU feed-forward of width 4D).
 *
 * <p>Block b reads {@code block{b}.attn_norm.*}, {@code block{b}.attn.{q,k,v,out}.*},
 * {@code block{b}.ffn_norm.*}, {@code block{b}.ffn.w1.*} (F, D) and {@code block{b}.ffn.w2.*} (D, F),
 * F = {@link Spec#ffnDim}. Tensors: B batch, L positions, D = dim, H heads; x is (B, L, D).
 *
 * <p>Attention ignores padded keys (row 0) and, when causal, keys after the query. Padded
 * positions are zeroed after every block, so they never leak into later blocks.
 *
 * <p>With a {@link FrequencyMix} (BSARec, post-layer-norm only) the attention sub-layer's output is
 * mixed with a frequency sub-layer's: {@code x = alpha LN_f(x + Dropout(low + beta^2 (x - low))) +
 * (1 - alpha) LN_attn(x + Dropout(MHA(x)))}, low = the causal {@link LowPassFilter} of x over the
 * positions, beta = {@code block{b}.filter.sqrt_beta} (D), LN_f = {@code block{b}.filter_norm.*}.
 */
final class TransformerBlocks {
    /** Masked attention logits get this instead of -inf, so a row with no visible key stays finite. */
    private static final float MASKED = -1e9f;

    /**
     * @param blocks stacked blocks
     * @param dim D
     * @param heads H, divides D
     * @param ffnDim the feed-forward's inner width
     * @param dropout on attention weights and on each sub-layer's output
     * @param norm where layer norm sits
     * @param causal whether position t sees only positions <= t
     * @param activation the feed-forward's non-linearity
     * @param frequency BSARec's frequency sub-layer beside the attention, or null for none
     */
    record Spec(
            int blocks,
            int dim,
            int heads,
            int ffnDim,
            float dropout,
            LayerNormPlacement norm,
            boolean causal,
            UnaryOperator<NDArray> activation,
            FrequencyMix frequency) {
        Spec {
            if (frequency != null && (norm != LayerNormPlacement.POST || !causal)) {
                throw new IllegalArgumentException("the frequency sub-layer is causal and post-layer-norm only");
            }
        }
    }

    /**
     * BSARec's inductive bias: a low-pass filter over the L positions, mixed with the attention at
     * weight alpha.
     *
     * @param alpha the frequency sub-layer's share, [0, 1]
     * @param lowPass the filter as the (L, L) row-major matrix {@link LowPassFilter#causalMatrix}, made
     *     once per network rather than per pass
     * @param len L, the positions it filters
     */
    record FrequencyMix(float alpha, float[] lowPass, int len) {
        /** The mix of {@code alpha} and the filter keeping frequencies 0 .. c / 2 of {@code len} positions. */
        static FrequencyMix of(float alpha, int c, int len) {
            return new FrequencyMix(alpha, LowPassFilter.causalMatrix(c, len), len);
        }
    }

    private TransformerBlocks() {}

    /**
     * Adds every block's parameters to {@code p}, in a fixed order (the seeded draws depend on it):
     * linear layers by {@code scheme}, layer norms 1 and 0 ({@link ParameterInit}).
     */
    static void initialize(Spec spec, ParameterInit init, ParameterInit.Scheme scheme, Map<String, NDArray> p) {
        int d = spec.dim();
        for (int b = 0; b < spec.blocks(); b++) {
            String prefix = "block" + b + ".";
            init.layerNorm(p, prefix + "attn_norm", d);
            for (String proj : new String[] {"q", "k", "v", "out"}) {
                init.linear(p, prefix + "attn." + proj, d, d, scheme);
            }
            init.layerNorm(p, prefix + "ffn_norm", d);
            init.linear(p, prefix + "ffn.w1", d, spec.ffnDim(), scheme);
            init.linear(p, prefix + "ffn.w2", spec.ffnDim(), d, scheme);
            if (spec.frequency() != null) {
                // BSARec draws sqrt_beta from N(0, 1)
                p.put(prefix + "filter.sqrt_beta", init.normal(new Shape(d), 1.0));
                init.layerNorm(p, prefix + "filter_norm", d);
            }
        }
    }

    /**
     * Tokens appended after each query's position (BST's candidate): in every block each reads the
     * history's keys and values at the positions its query may see, and its own; nothing reads it,
     * so the history's outputs are those of {@link #forward} without it.
     *
     * @param y (N, K, D) the tokens' input, K per query
     * @param rowOf (N) int64, the history row (of the B) each query reads
     * @param keyBias (N, 1, 1, L) additive bias: 0 for the keys the query may read, -1e9 for the others
     */
    record Appended(NDArray y, NDArray rowOf, NDArray keyBias) {}

    /** -1e9, the attention bias of a key a query may not read: its softmax weight is 0 in float. */
    static float maskedBias() {
        return MASKED;
    }

    /**
     * Runs the blocks.
     *
     * @param x (B, L, D) input, padded positions already zero
     * @param rows (B, L) item rows, 0 = padding
     * @param keep (B, L, 1) float, 1 for real positions
     * @return (B, L, D), padded positions zero
     */
    static NDArray forward(Spec spec, Map<String, NDArray> p, NDArray x, NDArray rows, NDArray keep, boolean training) {
        return run(spec, p, x, rows, keep, null, training)[0];
    }

    /**
     * Runs the blocks over the history and the appended tokens together.
     *
     * @return the history's output (B, L, D), as {@link #forward} gives it, and the appended tokens'
     *     (N, K, D)
     * @throws IllegalArgumentException for a spec with the frequency sub-layer
     */
    static NDArray[] forward(
            Spec spec,
            Map<String, NDArray> p,
            NDArray x,
            NDArray rows,
            NDArray keep,
            Appended appended,
            boolean training) {
        if (spec.frequency() != null) {
            throw new IllegalArgumentException("appended tokens do not read the frequency sub-layer");
        }
        return run(spec, p, x, rows, keep, appended, training);
    }

    private static NDArray[] run(
            Spec spec,
            Map<String, NDArray> p,
            NDArray x,
            NDArray rows,
            NDArray keep,
            Appended appended,
            boolean training) {
        NDArray bias = attentionBias(rows, spec.causal());
        FrequencyMix frequency = spec.frequency();
        NDArray lowPass = frequency == null
                ? null
                : rows.getManager().create(frequency.lowPass(), new Shape(frequency.len(), frequency.len()));
        float drop = spec.dropout();
        boolean pre = spec.norm() == LayerNormPlacement.PRE;
        NDArray y = appended == null ? null : appended.y();
        for (int b = 0; b < spec.blocks(); b++) {
            String prefix = "block" + b + ".";
            // Self-attention sub-layer with residual
            NDArray in = pre ? Ops.layerNorm(p, x, prefix + "attn_norm") : x;
            if (y != null) {
                // the appended tokens read this block's input, before the history's own update
                NDArray yIn = pre ? Ops.layerNorm(p, y, prefix + "attn_norm") : y;
                NDArray yAttn = Ops.dropout(
                        appendedAttention(spec, p, in, yIn, appended, prefix + "attn.", training), drop, training);
                y = pre ? y.add(yAttn) : Ops.layerNorm(p, y.add(yAttn), prefix + "attn_norm");
                y = feedForward(spec, p, y, prefix, training);
            }
            NDArray attn = Ops.dropout(attention(spec, p, in, bias, prefix + "attn.", training), drop, training);
            NDArray mixed = pre ? x.add(attn) : Ops.layerNorm(p, x.add(attn), prefix + "attn_norm");
            if (lowPass != null) {
                mixed = frequencyMix(spec, p, x, lowPass, mixed, prefix, training);
            }
            x = feedForward(spec, p, mixed, prefix, training).mul(keep);
        }
        return new NDArray[] {x, y};
    }

    /** The point-wise feed-forward sub-layer with its residual (and layer norm, by the placement). */
    private static NDArray feedForward(Spec spec, Map<String, NDArray> p, NDArray x, String prefix, boolean training) {
        boolean pre = spec.norm() == LayerNormPlacement.PRE;
        float drop = spec.dropout();
        NDArray in = pre ? Ops.layerNorm(p, x, prefix + "ffn_norm") : x;
        NDArray ffn = spec.activation().apply(Ops.linear(p, in, prefix + "ffn.w1"));
        ffn = Ops.linear(p, Ops.dropout(ffn, drop, training), prefix + "ffn.w2");
        ffn = Ops.dropout(ffn, drop, training);
        return pre ? x.add(ffn) : Ops.layerNorm(p, x.add(ffn), prefix + "ffn_norm");
    }

    /**
     * The appended tokens' multi-head attention: each token's query against the keys of its history
     * row that its query may read and its own key, softmax over those L + 1, the values likewise, W_out.
     *
     * @param in (B, L, D) the history's attention input of this block
     * @param yIn (N, K, D) the tokens' attention input of this block
     */
    private static NDArray appendedAttention(
            Spec spec, Map<String, NDArray> p, NDArray in, NDArray yIn, Appended a, String prefix, boolean training) {
        long batch = in.getShape().get(0);
        long len = in.getShape().get(1);
        long n = yIn.getShape().get(0);
        long k = yIn.getShape().get(1);
        int heads = spec.heads();
        int d = spec.dim();
        long headDim = d / heads;
        // the history's keys (N, H, D/H, L) and values (N, H, L, D/H) of each query's row
        NDArray keys = Ops.embed(a.rowOf(), Ops.linear(p, in, prefix + "k").reshape(batch, len * d))
                .reshape(n, len, heads, headDim)
                .transpose(0, 2, 3, 1);
        NDArray values = Ops.embed(a.rowOf(), Ops.linear(p, in, prefix + "v").reshape(batch, len * d))
                .reshape(n, len, heads, headDim)
                .transpose(0, 2, 1, 3);
        // the tokens' own queries, keys and values (N, H, K, D/H)
        NDArray q = heads(Ops.linear(p, yIn, prefix + "q"), n, k, heads, headDim);
        NDArray ownKey = heads(Ops.linear(p, yIn, prefix + "k"), n, k, heads, headDim);
        NDArray ownValue = heads(Ops.linear(p, yIn, prefix + "v"), n, k, heads, headDim);
        NDArray scale = Ops.scalar(yIn.getManager(), Math.sqrt(headDim));
        NDArray toHistory = q.matMul(keys).div(scale).add(a.keyBias()); // (N, H, K, L)
        NDArray toSelf = q.mul(ownKey).sum(new int[] {3}, true).div(scale); // (N, H, K, 1)
        NDArray weights = Ops.dropout(toHistory.concat(toSelf, 3).softmax(-1), spec.dropout(), training);
        NDList split = weights.split(new long[] {len}, 3);
        NDArray context = split.get(0)
                .matMul(values)
                .add(split.get(1).mul(ownValue))
                .transpose(0, 2, 1, 3)
                .reshape(n, k, d);
        return Ops.linear(p, context, prefix + "out");
    }

    /** (N, K, D) to (N, H, K, D/H). */
    private static NDArray heads(NDArray x, long n, long k, int heads, long headDim) {
        return x.reshape(n, k, heads, headDim).transpose(0, 2, 1, 3);
    }

    /** {@code alpha LN_f(x + Dropout(low + beta^2 (x - low))) + (1 - alpha) attended}, low = lowPass x. */
    private static NDArray frequencyMix(
            Spec spec,
            Map<String, NDArray> p,
            NDArray x,
            NDArray lowPass,
            NDArray attended,
            String prefix,
            boolean training) {
        NDManager m = x.getManager();
        NDArray low = lowPass.matMul(x);
        NDArray beta = Ops.batchParam(m, p, prefix + "filter.sqrt_beta");
        NDArray filtered = low.add(x.sub(low).mul(beta.mul(beta)));
        NDArray dsp = Ops.layerNorm(p, x.add(Ops.dropout(filtered, spec.dropout(), training)), prefix + "filter_norm");
        float alpha = spec.frequency().alpha();
        return dsp.mul(Ops.scalar(m, alpha)).add(attended.mul(Ops.scalar(m, 1 - alpha)));
    }

    /** (B, 1, L, L) additive bias: 0 where query t may see key s (s not padding, and s <= t if causal). */
    static NDArray attentionBias(NDArray rows, boolean causal) {
        NDManager m = rows.getManager();
        long batch = rows.getShape().get(0);
        int len = Math.toIntExact(rows.getShape().get(1));
        NDArray paddedKeys = rows.eq(0)
                .toType(DataType.FLOAT32, false)
                .mul(Ops.scalar(m, MASKED))
                .reshape(batch, 1, 1, len);
        if (!causal) {
            return paddedKeys;
        }
        float[] future = new float[len * len];
        for (int t = 0; t < len; t++) {
            for (int s = t + 1; s < len; s++) {
                future[t * len + s] = MASKED;
            }
        }
        return m.create(future, new Shape(1, 1, len, len)).add(paddedKeys);
    }

    /** Multi-head scaled dot-product attention: softmax(Q K^T / sqrt(D/H) + bias) V, then W_out. */
    private static NDArray attention(
            Spec spec, Map<String, NDArray> p, NDArray h, NDArray bias, String prefix, boolean training) {
        Shape s = h.getShape();
        long batch = s.get(0);
        long len = s.get(1);
        int heads = spec.heads();
        long headDim = spec.dim() / heads;
        // (B, L, D) -> (B, H, L, D/H)
        NDArray q = Ops.linear(p, h, prefix + "q")
                .reshape(batch, len, heads, headDim)
                .transpose(0, 2, 1, 3);
        NDArray k = Ops.linear(p, h, prefix + "k")
                .reshape(batch, len, heads, headDim)
                .transpose(0, 2, 1, 3);
        NDArray v = Ops.linear(p, h, prefix + "v")
                .reshape(batch, len, heads, headDim)
                .transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2))
                .div(Ops.scalar(h.getManager(), Math.sqrt(headDim)))
                .add(bias);
        NDArray weights = Ops.dropout(scores.softmax(-1), spec.dropout(), training);
        NDArray context = weights.matMul(v).transpose(0, 2, 1, 3).reshape(batch, len, spec.dim());
        return Ops.linear(p, context, prefix + "out");
    }
}
