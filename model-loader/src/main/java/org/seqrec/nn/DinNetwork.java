package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DIN (Zhou et al., KDD 2018): the candidate c weighs each history item h_j through an attention
 * unit, the weighted sum of the history is the user's interest in that candidate, and an MLP scores
 * the pair. With H = {@value DinConfig#ATTENTION_UNITS}:
 *
 * <ul>
 *   <li>attention unit: {@code a_j = w . PReLU(W_h h_j + W_c c + W_p (h_j * c) + b)}; the paper's
 *       unit reads {@code [h_j, c, h_j - c, h_j * c]} through one (H, 4D) layer, which is this form with
 *       {@code W_h = W_1 + W_3} and {@code W_c = W_2 - W_3}: the same functions, three (H, D) weights;
 *   <li>weights {@code alpha = softmax_j(a_j / sqrt(D))} over the real items the query may read (the
 *       reference code's scaled softmax; the paper leaves them unnormalised), 0 where none is;
 *   <li>interest {@code u = sum_j alpha_j h_j}; logit {@code MLP([u, c, u * c])} ({@link ScoringMlp}:
 *       PReLU layers of 80 and 40 units and one output).
 * </ul>
 *
 * <p>Order: the paper's DIN reads the history as a set; here each history item's key is
 * {@code h_j = E[x_j] + R[t - j]}, its embedding plus a learned recency row for how many events before
 * the query's position it came (as BST adds positions), so that the latest items can count more.
 * Without it the model cannot see what the user did last, which every next-item model here reads.
 *
 * <p>Item embeddings E are shared by the history and the candidates. Dropout on the history's
 * embeddings and after the MLP's first layer. Initialisation: Xavier uniform weights, zero biases,
 * PReLU slopes 0.25 (PyTorch's default).
 *
 * <p>Parameters: {@code item_embedding} (n + 1, D); {@code recency_embedding} (L, D), N(0, 0.02^2); {@code att.history.weight} (H, D) and {@code .bias}
 * (H), {@code att.candidate.weight} (H, D), {@code att.product.weight} (H, D), {@code att.prelu} (H),
 * {@code att.out.weight} (1, H) (no bias: the softmax would cancel it); the {@link ScoringMlp}'s {@code mlp.*}.
 *
 * <p>Tensors: N queries, K candidates each, L = maxLen, D = dim. The attention's product term is
 * computed as {@code (W_p * c) h_j}: one (N, K H, D) x (N, D, L) product. Thread safety and ownership
 * as {@link SasRecNetwork}.
 */
public final class DinNetwork implements RankingNetwork {
    /** Parameter name of the recency table R (L, D): row r is added to the item r events before the query's. */
    public static final String RECENCY_EMBEDDING = "recency_embedding";

    /** Added to the attention logit of a key the query may not read: softmax gives it 0. */
    private static final float MASKED = -1e9f;

    private final DinConfig config;
    private final Map<String, NDArray> parameters;

    private DinNetwork(DinConfig config, Map<String, NDArray> parameters) {
        this.config = config;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Freshly initialised weights, reproducible from {@code seed}. */
    public static DinNetwork initialize(DinConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        int h = DinConfig.ATTENTION_UNITS;
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.xavier(config.numItems() + 1, d));
        p.put(RECENCY_EMBEDDING, init.normal(config.maxLen(), d));
        init.linear(p, "att.history", d, h);
        p.put("att.candidate.weight", init.xavier(h, d));
        p.put("att.product.weight", init.xavier(h, d));
        p.put("att.prelu", init.constant(h, 0.25f));
        p.put("att.out.weight", init.xavier(1, h));
        ScoringMlp.initialize(init, p, d, false);
        return new DinNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static DinNetwork fromParameters(DinConfig config, Map<String, NDArray> parameters) {
        return new DinNetwork(config, parameters);
    }

    @Override
    public DinConfig config() {
        return config;
    }

    @Override
    public NDArray itemEmbeddings() {
        return parameters.get(Networks.ITEM_EMBEDDING);
    }

    @Override
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    @Override
    public NDArray logits(NDArray rows, NDArray positions, NDArray candidates, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        NDManager m = rows.getManager();
        int len = config.maxLen();
        int d = config.dim();
        long batch = rows.getShape().get(0);
        long[] flat = positions.toType(DataType.INT64, false).toLongArray();
        int n = flat.length;
        long k = candidates.getShape().get(1);
        NDArray[] query = queries(m, rows.toType(DataType.INT64, false).toLongArray(), flat, len);

        NDArray table = itemEmbeddings();
        NDArray history = Ops.embed(rows.toType(DataType.INT64, false), table).mul(Ops.keepMask(rows));
        history = Ops.dropout(history, config.dropout(), training);
        // each query's own copy of its row's history: (N, L, D)
        NDArray h = Ops.embed(query[0], history.reshape(batch, (long) len * d))
                .reshape(n, len, d)
                .add(Ops.embed(query[2], Ops.param(parameters, RECENCY_EMBEDDING)));
        NDArray c = Ops.embed(candidates.toType(DataType.INT64, false), table); // (N, K, D)

        NDArray alpha = attention(m, h, c, query[1], n, k, len, d); // (N, K, L)
        NDArray u = alpha.matMul(h); // (N, K, D)
        return ScoringMlp.scores(parameters, u, c, config.dropout(), training);
    }

    /** The attention weights (N, K, L) of each query's candidates over its history h (N, L, D). */
    private NDArray attention(NDManager m, NDArray h, NDArray c, NDArray keyMask, int n, long k, int len, int d) {
        int units = DinConfig.ATTENTION_UNITS;
        NDArray byHistory = Ops.linear(parameters, h, "att.history").expandDims(1); // (N, 1, L, H)
        NDArray byCandidate = Linear.linear(c, Ops.param(parameters, "att.candidate.weight"))
                .singletonOrThrow()
                .expandDims(2); // (N, K, 1, H)
        // W_p (h_j * c) = (W_p * c) h_j: (N, K, H, D) rows times the history
        NDArray scaled = c.reshape(n, k, 1, d).mul(Ops.param(parameters, "att.product.weight"));
        NDArray product = scaled.reshape(n, k * units, d)
                .matMul(h.transpose(0, 2, 1))
                .reshape(n, k, units, len)
                .transpose(0, 1, 3, 2); // (N, K, L, H)
        NDArray hidden = Ops.prelu(parameters, product.add(byHistory).add(byCandidate), "att.prelu");
        NDArray scores = Linear.linear(hidden, Ops.param(parameters, "att.out.weight"))
                .singletonOrThrow()
                .reshape(n, k, len)
                .mul(Ops.scalar(m, 1 / Math.sqrt(d)));
        NDArray mask = keyMask.expandDims(1); // (N, 1, L)
        NDArray masked = scores.add(mask.sub(Ops.scalar(m, 1)).mul(Ops.scalar(m, -MASKED)));
        // a query with no real item to read gets weights 0, not a uniform average of padding
        return masked.softmax(-1).mul(mask);
    }

    /**
     * Each query's row (N) int64, the keys it may read (N, L) float (the real items at or before its
     * position) and how many events before the query's position each key is (N, L) int64.
     */
    private static NDArray[] queries(NDManager m, long[] rows, long[] positions, int len) {
        int n = positions.length;
        long[] row = new long[n];
        float[] keys = new float[n * len];
        long[] ago = new long[n * len];
        for (int q = 0; q < n; q++) {
            long b = positions[q] / len;
            int t = (int) (positions[q] % len);
            if (positions[q] < 0 || b * len >= rows.length) {
                throw new IllegalArgumentException("position " + positions[q] + " is outside the rows");
            }
            row[q] = b;
            for (int j = 0; j <= t; j++) {
                keys[q * len + j] = rows[(int) (b * len + j)] > 0 ? 1f : 0f;
                ago[q * len + j] = t - j;
            }
        }
        return new NDArray[] {m.create(row), m.create(keys, new Shape(n, len)), m.create(ago, new Shape(n, len))};
    }
}
