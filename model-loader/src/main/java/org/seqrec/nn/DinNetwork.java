package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DIN (Zhou et al., KDD 2018): the candidate c weighs each history item h_j through an attention
 * unit ({@link TargetAttention}), the weighted sum of the history is the user's interest in that
 * candidate, and an MLP scores the pair: {@code u = sum_j alpha_j h_j}, logit {@code MLP([u, c, u * c])}
 * ({@link ScoringMlp}: PReLU layers of 80 and 40 units and one output).
 *
 * <p>Order: the paper's DIN reads the history as a set; here each history item's key is
 * {@code h_j = E[x_j] + R[t - j]}, its embedding plus a learned recency row for how many events before
 * the query's position it came (as BST adds positions), so that the latest items can count more.
 * Without it the model cannot see what the user did last, which every next-item model here reads.
 * ({@link DienNetwork} reads the order through a GRU instead.)
 *
 * <p>Item embeddings E are shared by the history and the candidates. Dropout on the history's
 * embeddings and after the MLP's first layer. Initialisation: Xavier uniform weights, zero biases,
 * PReLU slopes 0.25 (PyTorch's default).
 *
 * <p>Parameters: {@code item_embedding} (n + 1, D); {@code recency_embedding} (L, D), N(0, 0.02^2);
 * the attention unit's {@code att.*}; the {@link ScoringMlp}'s {@code mlp.*}.
 *
 * <p>Tensors: N queries, K candidates each, L = maxLen, D = dim. Thread safety and ownership as
 * {@link SasRecNetwork}.
 */
public final class DinNetwork extends AbstractRankingNetwork<DinConfig> {
    /** Parameter name of the recency table R (L, D): row r is added to the item r events before the query's. */
    public static final String RECENCY_EMBEDDING = "recency_embedding";

    private DinNetwork(DinConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
    }

    /** Freshly initialised weights, reproducible from {@code seed}. */
    public static DinNetwork initialize(DinConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.xavier(config.numItems() + 1, d));
        p.put(RECENCY_EMBEDDING, init.normal(config.maxLen(), d));
        TargetAttention.initialize(init, p, d);
        ScoringMlp.initialize(init, p, d, false);
        return new DinNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static DinNetwork fromParameters(DinConfig config, Map<String, NDArray> parameters) {
        return new DinNetwork(config, parameters);
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
        NDArray[] query =
                TargetAttention.queries(m, rows.toType(DataType.INT64, false).toLongArray(), flat, len);

        NDArray table = itemEmbeddings();
        NDArray history = Ops.embed(rows.toType(DataType.INT64, false), table).mul(Ops.keepMask(rows));
        history = Ops.dropout(history, config.dropout(), training);
        // each query's own copy of its row's history: (N, L, D)
        NDArray h = Ops.embed(query[0], history.reshape(batch, (long) len * d))
                .reshape(n, len, d)
                .add(Ops.embed(query[2], Ops.param(parameters, RECENCY_EMBEDDING)));
        NDArray c = Ops.embed(candidates.toType(DataType.INT64, false), table); // (N, K, D)

        NDArray alpha = TargetAttention.weights(parameters, h, c, query[1]); // (N, K, L)
        NDArray u = alpha.matMul(h); // (N, K, D)
        return ScoringMlp.scores(parameters, u, c, config.dropout(), training);
    }
}
