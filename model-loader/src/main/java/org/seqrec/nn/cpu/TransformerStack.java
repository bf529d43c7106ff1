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
 * scores and the weighted sum of V are SIMD row additions; every product runs four rows at a time
 * ({@link Dense#applyRows}).
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
        /** LN(x) rows: the attention input in pre-layer-norm, then the feed-forward input. */
        final float[][] normed;
        final float[][] qkv;
        final float[][] keysT;
        /** Attention scores, then weights, of up to four query rows. */
        final float[][] scores;
        /** Attention output before W_out, in columns 2D..3D (those of V in qkv). */
        final float[][] context;
        /** W_out's output, then the feed-forward's. */
        final float[][] sublayer;
        final float[][] hidden;

        Scratch(int maxLen, int dim, int ffnDim) {
            normed = new float[maxLen][dim];
            qkv = new float[maxLen][3 * dim];
            keysT = new float[dim][maxLen];
            scores = new float[4][maxLen];
            context = new float[maxLen][3 * dim];
            sublayer = new float[maxLen][dim];
            hidden = new float[maxLen][ffnDim];
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
        for (int t = 0; t < n; t++) {
            float[] row = s.qkv[t];
            for (int j = 0; j < d; j++) {
                s.keysT[j][t] = row[d + j];
            }
        }
        int q = first;
        for (; q + 4 <= n; q += 4) {
            attend4(q, n, s);
        }
        for (; q < n; q++) {
            attend(q, n, s);
        }
        b.out.applyRows(s.context, 2 * d, s.sublayer, first, n, 0, d);
        // Self-attention residual (and the feed-forward's input: LN_ffn(x) in pre-layer-norm, x in post)
        for (int t = first; t < n; t++) {
            if (pre) {
                add(s.sublayer[t], x[t], d);
                b.ffnNorm.apply(x[t], s.normed[t]);
            } else {
                add(x[t], s.sublayer[t], d);
                b.attnNorm.apply(s.sublayer[t], x[t]);
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
     * Multi-head attention of query row t: softmax(q K^T / sqrt(D/H)) V per head over the keys it sees
     * (rows {@code 0 .. t} when causal, else {@code 0 .. n - 1}), into {@code s.context[t][2D .. 3D)}:
     * the columns V has in the fused rows, so that the weighted sum reads and writes the same indices.
     */
    private void attend(int t, int n, Scratch s) {
        int headDim = dim / heads;
        int keys = causal ? t + 1 : n;
        float[] q = s.qkv[t];
        float[] ctx = s.context[t];
        float[] scores = s.scores[0];
        Arrays.fill(ctx, 2 * dim, 3 * dim, 0f);
        for (int h = 0; h < heads; h++) {
            int o = h * headDim;
            Arrays.fill(scores, 0, keys, 0f);
            for (int j = o; j < o + headDim; j++) {
                float a = q[j];
                float[] k = s.keysT[j];
                for (int r = 0; r < keys; r++) {
                    scores[r] += a * k[r];
                }
            }
            softmax(scores, keys, keys);
            int from = 2 * dim + o;
            int to = from + headDim;
            for (int r = 0; r < keys; r++) {
                float p = scores[r];
                float[] v = s.qkv[r];
                for (int j = from; j < to; j++) {
                    ctx[j] += p * v[j];
                }
            }
        }
    }

    /**
     * {@link #attend} for the four query rows {@code t .. t + 3} at once, so that each row of K^T and
     * of V is read once for four queries. Keys a row must not see get weight 0, which adds nothing.
     */
    private void attend4(int t, int n, Scratch s) {
        int headDim = dim / heads;
        int keys = causal ? t + 4 : n;
        float[] q0 = s.qkv[t];
        float[] q1 = s.qkv[t + 1];
        float[] q2 = s.qkv[t + 2];
        float[] q3 = s.qkv[t + 3];
        float[] c0 = s.context[t];
        float[] c1 = s.context[t + 1];
        float[] c2 = s.context[t + 2];
        float[] c3 = s.context[t + 3];
        float[] s0 = s.scores[0];
        float[] s1 = s.scores[1];
        float[] s2 = s.scores[2];
        float[] s3 = s.scores[3];
        for (float[] c : new float[][] {c0, c1, c2, c3}) {
            Arrays.fill(c, 2 * dim, 3 * dim, 0f);
        }
        for (int h = 0; h < heads; h++) {
            int o = h * headDim;
            for (float[] sc : s.scores) {
                Arrays.fill(sc, 0, keys, 0f);
            }
            for (int j = o; j < o + headDim; j++) {
                float a0 = q0[j];
                float a1 = q1[j];
                float a2 = q2[j];
                float a3 = q3[j];
                float[] k = s.keysT[j];
                for (int r = 0; r < keys; r++) {
                    float kr = k[r];
                    s0[r] += a0 * kr;
                    s1[r] += a1 * kr;
                    s2[r] += a2 * kr;
                    s3[r] += a3 * kr;
                }
            }
            softmax(s0, causal ? t + 1 : n, keys);
            softmax(s1, causal ? t + 2 : n, keys);
            softmax(s2, causal ? t + 3 : n, keys);
            softmax(s3, keys, keys);
            int from = 2 * dim + o;
            int to = from + headDim;
            for (int r = 0; r < keys; r++) {
                float p0 = s0[r];
                float p1 = s1[r];
                float p2 = s2[r];
                float p3 = s3[r];
                float[] v = s.qkv[r];
                for (int j = from; j < to; j++) {
                    float vj = v[j];
                    c0[j] += p0 * vj;
                    c1[j] += p1 * vj;
                    c2[j] += p2 * vj;
                    c3[j] += p3 * vj;
                }
            }
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
