package org.seqrec.nn.cpu;

import java.util.Arrays;
import org.seqrec.nn.LayerNormPlacement;

/**
 * The self-attention blocks of SASRec (causal, ReLU feed-forward of width D) and BERT4Rec
 * (bidirectional, GELU, width 4D) for one history at inference: the DJL {@code TransformerBlocks}
 * without dropout, computed over the real positions only and, in the last block, for the last
 * position only.
 *
 * <p>Why that is the same result: attention gives padded keys (and, when causal, later keys) the
 * bias -1e9, whose softmax weight is exactly 0 in float, and padded positions are zeroed after every
 * block, so no real position ever reads a padded one; the user vector is the last position's output,
 * and in the last block nothing else reads the other positions' outputs, only their keys and values.
 *
 * <p>Per block, with x the n real rows (n, D), h = LN_attn(x) in pre-layer-norm and h = x in post:
 * Q, K and V come from one fused product h W_qkv^T (n, 3D) (only K and V for the rows whose output
 * is not needed); the scores Q K^T and their weighted sum of V are two more products; every product
 * runs on the {@link MatMulKernel}, four rows at a time.
 *
 * <p>Parameters read: {@code block{b}.attn_norm.*}, {@code block{b}.attn.{q,k,v,out}.*},
 * {@code block{b}.ffn_norm.*}, {@code block{b}.ffn.w1.*} (F, D), {@code block{b}.ffn.w2.*} (D, F);
 * with BSARec's frequency sub-layer ({@link #readWithFrequency}) also {@code block{b}.filter.sqrt_beta}
 * (D) and {@code block{b}.filter_norm.*}: the block's attention output becomes
 * {@code alpha LN_f(x + low + beta^2 (x - low)) + (1 - alpha) LN_attn(x + MHA(x))}, low the causal
 * low-pass ({@code org.seqrec.nn.LowPassFilter}) of the block's input rows.
 * Immutable and thread-safe; the working memory is a {@link Scratch} that one thread uses at a time.
 */
final class TransformerStack {
    private record Block(
            LayerNorm attnNorm,
            Dense qkv,
            Dense out,
            LayerNorm ffnNorm,
            Dense w1,
            Dense w2,
            float[] betaSquared,
            LayerNorm filterNorm) {}

    private final Block[] blocks;
    private final int dim;
    private final int heads;
    private final int ffnDim;
    private final boolean pre;
    private final boolean causal;
    private final Activation activation;
    private final float scoreScale;
    private final MatMulKernel kernel;
    /** The frequency sub-layer's share (NaN without one). */
    private final float alpha;
    /** The frequency sub-layer's causal low-pass kernel m(0 .. L-1), null without one. */
    private final float[] lowPass;

    private TransformerStack(
            Block[] blocks,
            int dim,
            int heads,
            int ffnDim,
            boolean pre,
            boolean causal,
            Activation activation,
            MatMulKernel kernel,
            float alpha,
            float[] lowPass) {
        this.blocks = blocks;
        this.dim = dim;
        this.heads = heads;
        this.ffnDim = ffnDim;
        this.pre = pre;
        this.causal = causal;
        this.activation = activation;
        this.scoreScale = (float) Math.sqrt((double) dim / heads);
        this.kernel = kernel;
        this.alpha = alpha;
        this.lowPass = lowPass;
    }

    static TransformerStack read(
            ParameterReader p,
            int blocks,
            int dim,
            int heads,
            int ffnDim,
            LayerNormPlacement norm,
            boolean causal,
            Activation activation) {
        return read(p, blocks, dim, heads, ffnDim, norm, causal, activation, Float.NaN, null);
    }

    /**
     * BSARec's blocks: causal, post-layer-norm, with the frequency sub-layer mixed in at {@code alpha}.
     *
     * @param lowPass the causal low-pass kernel m(0 .. L-1) ({@code org.seqrec.nn.LowPassFilter})
     */
    static TransformerStack readWithFrequency(
            ParameterReader p,
            int blocks,
            int dim,
            int heads,
            int ffnDim,
            Activation activation,
            float alpha,
            float[] lowPass) {
        return read(p, blocks, dim, heads, ffnDim, LayerNormPlacement.POST, true, activation, alpha, lowPass);
    }

    private static TransformerStack read(
            ParameterReader p,
            int blocks,
            int dim,
            int heads,
            int ffnDim,
            LayerNormPlacement norm,
            boolean causal,
            Activation activation,
            float alpha,
            float[] lowPass) {
        Block[] b = new Block[blocks];
        for (int i = 0; i < blocks; i++) {
            String prefix = "block" + i + ".";
            float[][] w = new float[3][];
            float[][] bias = new float[3][];
            String[] proj = {"q", "k", "v"};
            for (int k = 0; k < 3; k++) {
                w[k] = p.get(prefix + "attn." + proj[k] + ".weight", dim, dim);
                bias[k] = p.get(prefix + "attn." + proj[k] + ".bias", dim);
            }
            Dense qkv = Dense.of(w, bias, dim, new int[] {dim, dim, dim}, p.kernel());
            float[] betaSquared = null;
            LayerNorm filterNorm = null;
            if (lowPass != null) {
                betaSquared = p.get(prefix + "filter.sqrt_beta", dim).clone();
                for (int j = 0; j < dim; j++) {
                    betaSquared[j] *= betaSquared[j];
                }
                filterNorm = p.layerNorm(prefix + "filter_norm", dim);
            }
            b[i] = new Block(
                    p.layerNorm(prefix + "attn_norm", dim),
                    qkv,
                    p.dense(prefix + "attn.out", dim, dim),
                    p.layerNorm(prefix + "ffn_norm", dim),
                    p.dense(prefix + "ffn.w1", dim, ffnDim),
                    p.dense(prefix + "ffn.w2", ffnDim, dim),
                    betaSquared,
                    filterNorm);
        }
        return new TransformerStack(
                b, dim, heads, ffnDim, norm == LayerNormPlacement.PRE, causal, activation, p.kernel(), alpha, lowPass);
    }

    /** Working memory for histories of up to {@code maxLen} positions; one thread at a time. */
    static final class Scratch {
        /** LN(x) rows: the attention input in pre-layer-norm, then the feed-forward input. */
        final float[][] normed;

        final float[][] qkv;
        /** Per head, K_h^T (D/H, L). */
        final float[][][] keysT;
        /** Attention scores, then weights, (L, L). */
        final float[][] scores;
        /** Attention output before W_out, in columns 2D..3D (those of V in qkv). */
        final float[][] context;
        /** W_out's output, then the feed-forward's. */
        final float[][] sublayer;

        final float[][] hidden;
        /** The frequency sub-layer's output, LN_f(x + low + beta^2 (x - low)). */
        final float[][] filtered;
        /** The zero bias of the attention products; never written. */
        final float[] zeros;

        Scratch(int maxLen, int dim, int heads, int ffnDim) {
            normed = new float[maxLen][dim];
            qkv = new float[maxLen][3 * dim];
            keysT = new float[heads][dim / heads][maxLen];
            scores = new float[maxLen][maxLen];
            context = new float[maxLen][3 * dim];
            sublayer = new float[maxLen][dim];
            hidden = new float[maxLen][ffnDim];
            filtered = new float[maxLen][dim];
            zeros = new float[Math.max(maxLen, 3 * dim)];
        }
    }

    Scratch newScratch(int maxLen) {
        return new Scratch(maxLen, dim, heads, ffnDim);
    }

    /** The working memory of a network that is these blocks over its input rows (SASRec, BSARec). */
    static final class Rows {
        /** The input rows, up to L of D values; {@link #forwardLast} works in them. */
        final float[][] x;

        final Scratch blocks;

        private Rows(float[][] x, Scratch blocks) {
            this.x = x;
            this.blocks = blocks;
        }
    }

    Rows newRows(int maxLen) {
        return new Rows(new float[maxLen][dim], newScratch(maxLen));
    }

    /**
     * Runs every block over the real positions {@code x[0 .. n)}, oldest first, n >= 1, each row D
     * values; afterwards {@code x[n - 1]} holds the last block's output at the last position (the
     * other rows hold intermediate values).
     */
    void forwardLast(float[][] x, int n, Scratch s) {
        for (int b = 0; b < blocks.length; b++) {
            block(blocks[b], x, n, b == blocks.length - 1 ? n - 1 : 0, s);
        }
    }

    /** Working memory of up to {@code k} appended tokens ({@link #forwardLastAppended}); one thread at a time. */
    static final class AppendedScratch {
        final float[][] normed;
        final float[][] qkv;
        /** One token's attention scores, then weights, over the history's keys and its own. */
        final float[] scores;

        final float[][] context;
        final float[][] sublayer;
        final float[][] hidden;

        AppendedScratch(int k, int maxLen, int dim, int ffnDim) {
            normed = new float[k][dim];
            qkv = new float[k][3 * dim];
            scores = new float[maxLen + 1];
            context = new float[k][dim];
            sublayer = new float[k][dim];
            hidden = new float[k][ffnDim];
        }
    }

    AppendedScratch newAppendedScratch(int k, int maxLen) {
        return new AppendedScratch(k, maxLen, dim, ffnDim);
    }

    /**
     * As {@link #forwardLast}, n >= 0, with k tokens {@code y[0 .. k)} appended after the history
     * (BST's candidates): in every block each token reads the history's keys and values of that block
     * (rows {@code 0 .. n - 1}) and its own, and nothing reads it; afterwards {@code y[i]} holds the
     * last block's output of token i. The DJL twin is {@code TransformerBlocks.Appended}.
     *
     * @throws IllegalStateException for the frequency sub-layer's stack
     */
    void forwardLastAppended(float[][] x, int n, float[][] y, int k, Scratch s, AppendedScratch a) {
        if (lowPass != null) {
            throw new IllegalStateException("appended tokens do not read the frequency sub-layer");
        }
        for (int b = 0; b < blocks.length; b++) {
            if (n > 0) {
                block(blocks[b], x, n, b == blocks.length - 1 ? n - 1 : 0, s);
            }
            // the block leaves the keys and values of its input rows in s.qkv
            appended(blocks[b], y, k, n, s, a);
        }
    }

    /** One block of the appended tokens, after {@link #block} ran over the n history rows. */
    private void appended(Block b, float[][] y, int k, int n, Scratch s, AppendedScratch a) {
        int d = dim;
        float[][] in = y;
        if (pre) {
            for (int t = 0; t < k; t++) {
                b.attnNorm.apply(y[t], a.normed[t]);
            }
            in = a.normed;
        }
        b.qkv.applyRows(in, 0, a.qkv, 0, k, 0, 3 * d);
        int headDim = d / heads;
        for (int t = 0; t < k; t++) {
            float[] own = a.qkv[t];
            float[] context = a.context[t];
            for (int h = 0; h < heads; h++) {
                int o = h * headDim;
                for (int j = 0; j < n; j++) {
                    a.scores[j] = dot(own, o, s.qkv[j], d + o, headDim);
                }
                a.scores[n] = dot(own, o, own, d + o, headDim);
                softmax(a.scores, n + 1, n + 1);
                float self = a.scores[n];
                for (int i = 0; i < headDim; i++) {
                    context[o + i] = self * own[2 * d + o + i];
                }
                for (int j = 0; j < n; j++) {
                    float w = a.scores[j];
                    float[] row = s.qkv[j];
                    for (int i = 0; i < headDim; i++) {
                        context[o + i] += w * row[2 * d + o + i];
                    }
                }
            }
        }
        b.out.applyRows(a.context, 0, a.sublayer, 0, k, 0, d);
        for (int t = 0; t < k; t++) {
            if (pre) {
                add(a.sublayer[t], y[t], d);
                b.ffnNorm.apply(y[t], a.normed[t]);
            } else {
                add(y[t], a.sublayer[t], d);
                b.attnNorm.apply(a.sublayer[t], y[t]);
            }
        }
        b.w1.applyRows(pre ? a.normed : y, 0, a.hidden, 0, k, 0, ffnDim);
        for (int t = 0; t < k; t++) {
            activation.apply(a.hidden[t], ffnDim);
        }
        b.w2.applyRows(a.hidden, 0, a.sublayer, 0, k, 0, d);
        for (int t = 0; t < k; t++) {
            if (pre) {
                add(a.sublayer[t], y[t], d);
            } else {
                add(y[t], a.sublayer[t], d);
                b.ffnNorm.apply(a.sublayer[t], y[t]);
            }
        }
    }

    /** {@code sum_i a[aOff + i] * b[bOff + i]} for i < len. */
    private static float dot(float[] a, int aOff, float[] b, int bOff, int len) {
        float sum = 0;
        for (int i = 0; i < len; i++) {
            sum += a[aOff + i] * b[bOff + i];
        }
        return sum;
    }

    /** One block; rows {@code first .. n - 1} of x get its output. */
    private void block(Block b, float[][] x, int n, int first, Scratch s) {
        int d = dim;
        if (lowPass != null) {
            frequency(b, x, n, first, s);
        }
        float[][] in = x;
        if (pre) {
            for (int t = 0; t < n; t++) {
                b.attnNorm.apply(x[t], s.normed[t]);
            }
            in = s.normed;
        }
        // K and V for every row, Q only where an output is needed
        b.qkv.applyRows(in, 0, s.qkv, 0, first, d, 3 * d);
        b.qkv.applyRows(in, 0, s.qkv, first, n, 0, 3 * d);
        int headDim = d / heads;
        for (int h = 0; h < heads; h++) {
            float[][] kT = s.keysT[h];
            int from = d + h * headDim;
            for (int t = 0; t < n; t++) {
                float[] row = s.qkv[t];
                for (int j = 0; j < headDim; j++) {
                    kT[j][t] = row[from + j];
                }
            }
        }
        attention(first, n, s);
        b.out.applyRows(s.context, 2 * d, s.sublayer, first, n, 0, d);
        // Self-attention residual (and the feed-forward's input: LN_ffn(x) in pre-layer-norm, x in post)
        for (int t = first; t < n; t++) {
            if (pre) {
                add(s.sublayer[t], x[t], d);
                b.ffnNorm.apply(x[t], s.normed[t]);
            } else {
                add(x[t], s.sublayer[t], d);
                b.attnNorm.apply(s.sublayer[t], x[t]);
                if (lowPass != null) {
                    float[] f = s.filtered[t];
                    float[] row = x[t];
                    for (int j = 0; j < d; j++) {
                        row[j] = alpha * f[j] + (1 - alpha) * row[j];
                    }
                }
            }
        }
        // Point-wise feed-forward and its residual
        b.w1.applyRows(pre ? s.normed : x, 0, s.hidden, first, n, 0, ffnDim);
        for (int t = first; t < n; t++) {
            activation.apply(s.hidden[t], ffnDim);
        }
        b.w2.applyRows(s.hidden, 0, s.sublayer, first, n, 0, d);
        for (int t = first; t < n; t++) {
            if (pre) {
                add(s.sublayer[t], x[t], d);
            } else {
                add(x[t], s.sublayer[t], d);
                b.ffnNorm.apply(s.sublayer[t], x[t]);
            }
        }
    }

    /**
     * The frequency sub-layer of rows {@code first .. n - 1} into {@code s.filtered}, from the block's
     * input rows (read before the block writes them): {@code low_t = sum_{k <= t} m(t - k) x_k}.
     */
    private void frequency(Block b, float[][] x, int n, int first, Scratch s) {
        int d = dim;
        float[] low = s.sublayer[0];
        for (int t = first; t < n; t++) {
            Arrays.fill(low, 0, d, 0f);
            for (int k = 0; k <= t; k++) {
                float m = lowPass[t - k];
                float[] xk = x[k];
                for (int j = 0; j < d; j++) {
                    low[j] += m * xk[j];
                }
            }
            float[] f = s.filtered[t];
            float[] xt = x[t];
            for (int j = 0; j < d; j++) {
                f[j] = xt[j] + low[j] + b.betaSquared[j] * (xt[j] - low[j]);
            }
            b.filterNorm.apply(f, f);
        }
    }

    /**
     * Multi-head attention of query rows {@code first .. n - 1}: per head h (columns o .. o + D/H),
     * scores {@code S = Q_h K_h^T} (one product against K_h^T), softmax of S / sqrt(D/H) over the keys
     * each row sees (rows {@code 0 .. t} when causal, else all n; the others get weight 0), and
     * {@code S V_h} (a product against the V columns of the fused rows) into {@code s.context[t]} at
     * the same columns 2D + o .., so that no copy is needed.
     */
    private void attention(int first, int n, Scratch s) {
        int headDim = dim / heads;
        for (int h = 0; h < heads; h++) {
            int o = h * headDim;
            kernel.rows(s.keysT[h], headDim, s.zeros, s.qkv, o, s.scores, first, n, 0, n);
            for (int t = first; t < n; t++) {
                softmax(s.scores[t], causal ? t + 1 : n, n);
            }
            kernel.rows(s.qkv, n, s.zeros, s.scores, 0, s.context, first, n, 2 * dim + o, 2 * dim + o + headDim);
        }
    }

    /**
     * Turns raw scores {@code q . k} into attention weights in place: divided by sqrt(D/H), softmax over
     * {@code [0, visible)}, and 0 for {@code [visible, keys)}.
     */
    private void softmax(float[] scores, int visible, int keys) {
        float max = Float.NEGATIVE_INFINITY;
        for (int r = 0; r < visible; r++) {
            scores[r] /= scoreScale;
            max = Math.max(max, scores[r]);
        }
        double sum = 0;
        for (int r = 0; r < visible; r++) {
            float e = (float) Math.exp(scores[r] - max);
            scores[r] = e;
            sum += e;
        }
        float inv = (float) (1 / sum);
        for (int r = 0; r < visible; r++) {
            scores[r] *= inv;
        }
        Arrays.fill(scores, visible, keys, 0f);
    }

    /** {@code into[j] += from[j]} for j < d. */
    private static void add(float[] from, float[] into, int d) {
        for (int j = 0; j < d; j++) {
            into[j] += from[j];
        }
    }
}
