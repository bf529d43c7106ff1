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
 * is not needed); scores {@code q_t . k_s / sqrt(D/H)} run against K^T (D, n), so that both the
 * scores and the weighted sum of V are SIMD row additions; the feed-forward runs row by row.
 *
 * <p>Parameters read: {@code block{b}.attn_norm.*}, {@code block{b}.attn.{q,k,v,out}.*},
 * {@code block{b}.ffn_norm.*}, {@code block{b}.ffn.w1.*} (F, D), {@code block{b}.ffn.w2.*} (D, F).
 * Immutable and thread-safe; the working memory is a {@link Scratch} that one thread uses at a time.
 */
final class TransformerStack {
    private record Block(LayerNorm attnNorm, Dense qkv, Dense out, LayerNorm ffnNorm, Dense w1, Dense w2) {}

    private final Block[] blocks;
    private final int dim;
    private final int heads;
    private final int ffnDim;
    private final boolean pre;
    private final boolean causal;
    private final Activation activation;
    private final float scoreScale;

    private TransformerStack(Block[] blocks, int dim, int heads, int ffnDim, boolean pre, boolean causal,
                             Activation activation) {
        this.blocks = blocks;
        this.dim = dim;
        this.heads = heads;
        this.ffnDim = ffnDim;
        this.pre = pre;
        this.causal = causal;
        this.activation = activation;
        this.scoreScale = (float) Math.sqrt((double) dim / heads);
    }

    static TransformerStack read(ParameterReader p, int blocks, int dim, int heads, int ffnDim, LayerNormPlacement norm,
                                 boolean causal, Activation activation) {
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
            b[i] = new Block(p.layerNorm(prefix + "attn_norm", dim), Dense.of(w, bias, dim, new int[] {dim, dim, dim}),
                    p.dense(prefix + "attn.out", dim, dim), p.layerNorm(prefix + "ffn_norm", dim),
                    p.dense(prefix + "ffn.w1", dim, ffnDim), p.dense(prefix + "ffn.w2", ffnDim, dim));
        }
        return new TransformerStack(b, dim, heads, ffnDim, norm == LayerNormPlacement.PRE, causal, activation);
    }

    /** Working memory for histories of up to {@code maxLen} positions; one thread at a time. */
    static final class Scratch {
        final float[][] normed;
        final float[][] qkv;
        final float[][] keysT;
        final float[] scores;
        final float[] context;
        final float[] attention;
        final float[] ffnIn;
        final float[] hidden;
        final float[] ffnOut;

        Scratch(int maxLen, int dim, int ffnDim) {
            normed = new float[maxLen][dim];
            qkv = new float[maxLen][3 * dim];
            keysT = new float[dim][maxLen];
            scores = new float[maxLen];
            context = new float[3 * dim];
            attention = new float[dim];
            ffnIn = new float[dim];
            hidden = new float[ffnDim];
            ffnOut = new float[dim];
        }
    }

    Scratch newScratch(int maxLen) {
        return new Scratch(maxLen, dim, ffnDim);
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

    /** One block; rows {@code first .. n - 1} of x get its output. */
    private void block(Block b, float[][] x, int n, int first, Scratch s) {
        int d = dim;
        float[][] in = pre ? s.normed : x;
        for (int t = 0; t < n; t++) {
            if (pre) {
                b.attnNorm.apply(x[t], s.normed[t]);
            }
            // K and V for every row, Q only where an output is needed
            b.qkv.apply(in[t], 0, s.qkv[t], t >= first ? 0 : d, 3 * d);
            for (int j = 0; j < d; j++) {
                s.keysT[j][t] = s.qkv[t][d + j];
            }
        }
        for (int t = first; t < n; t++) {
            attend(t, causal ? t + 1 : n, s);
            b.out.apply(s.context, 2 * d, s.attention, 0, d);
            float[] xt = x[t];
            // Self-attention residual, then the point-wise feed-forward and its residual
            float[] ffnIn;
            if (pre) {
                add(s.attention, xt, d);
                b.ffnNorm.apply(xt, s.ffnIn);
                ffnIn = s.ffnIn;
            } else {
                add(xt, s.attention, d);
                b.attnNorm.apply(s.attention, xt);
                ffnIn = xt;
            }
            b.w1.apply(ffnIn, s.hidden);
            activation.apply(s.hidden, ffnDim);
            b.w2.apply(s.hidden, s.ffnOut);
            if (pre) {
                add(s.ffnOut, xt, d);
            } else {
                add(xt, s.ffnOut, d);
                b.ffnNorm.apply(s.ffnOut, xt);
            }
        }
    }

    /**
     * Multi-head attention of query row t over key rows {@code 0 .. visible)}: softmax(q K^T / sqrt(D/H)) V
     * per head, into {@code s.context[2D .. 3D)} (the columns V has in the fused rows, so the weighted
     * sum reads and writes the same indices).
     */
    private void attend(int t, int visible, Scratch s) {
        int d = dim;
        int headDim = d / heads;
        float[] q = s.qkv[t];
        float[] ctx = s.context;
        float[] scores = s.scores;
        Arrays.fill(ctx, 2 * d, 3 * d, 0f);
        for (int h = 0; h < heads; h++) {
            int o = h * headDim;
            Arrays.fill(scores, 0, visible, 0f);
            for (int j = o; j < o + headDim; j++) {
                float a = q[j];
                float[] k = s.keysT[j];
                for (int r = 0; r < visible; r++) {
                    scores[r] += a * k[r];
                }
            }
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
            int from = 2 * d + o;
            int to = from + headDim;
            for (int r = 0; r < visible; r++) {
                float p = scores[r] * inv;
                float[] v = s.qkv[r];
                for (int j = from; j < to; j++) {
                    ctx[j] += p * v[j];
                }
            }
        }
    }

    /** {@code into[j] += from[j]} for j < d. */
    private static void add(float[] from, float[] into, int d) {
        for (int j = 0; j < d; j++) {
            into[j] += from[j];
        }
    }
}
