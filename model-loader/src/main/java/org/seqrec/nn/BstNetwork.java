package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * BST (Chen et al., DLP-KDD 2019): a transformer reads the history with the candidate appended as
 * one more token, and the candidate's output scores the pair. Here:
 *
 * <ul>
 *   <li>the transformer is SASRec's ({@link SasRecNetwork}: {@code x_t = E[x_t] sqrt(D) + P[t]},
 *       pre-layer-norm causal blocks, a final layer norm), and the candidate c is appended after the
 *       query's position as {@code E[c] sqrt(D) + T}, T = {@code target_embedding} (D), the slot
 *       after the history;
 *   <li>attention is causal, so the history never reads the candidate: its states are computed once
 *       and shared by all K candidates (the paper's single block is bidirectional; causal, one pass of
 *       the history serves a whole window, and the history's last state is SASRec's user vector u);
 *   <li>logit {@code u . E[c] + MLP([z, E[c], z * E[c]])}, z the candidate token's output
 *       ({@link ScoringMlp}): SASRec's score plus what reading the history with the candidate in view
 *       adds. The MLP's output layer starts at 0, so a network started from a trained SASRec's weights
 *       ({@link BstConfig#warmStart}) starts as that SASRec.
 * </ul>
 *
 * <p>Parameters: SASRec's ({@code item_embedding}, {@code position_embedding} (L, D), the blocks',
 * {@code final_norm.*}), {@code target_embedding} (D) and the {@link ScoringMlp}'s {@code mlp.*}.
 * Initialisation as SASRec's (N(0, 0.02^2)), the MLP as {@link ScoringMlp#initialize}.
 *
 * <p>Tensors: N queries, K candidates each, B rows, L = maxLen, D = dim. The candidate tokens read
 * each block's keys and values of their query's row ({@link TransformerBlocks.Appended}). Thread
 * safety and ownership as {@link SasRecNetwork}.
 */
public final class BstNetwork extends AbstractRankingNetwork<BstConfig> {
    /** Parameter name of T (D): added to the candidate token, the slot after the history. */
    public static final String TARGET_EMBEDDING = "target_embedding";

    private final TransformerBlocks.Spec blocks;

    private BstNetwork(BstConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
        this.blocks = blockSpec(config);
    }

    /** Freshly initialised weights, reproducible from {@code seed}. */
    public static BstNetwork initialize(BstConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.normal(config.numItems() + 1, d));
        p.put("position_embedding", init.normal(config.maxLen(), d));
        TransformerBlocks.initialize(blockSpec(config), init, ParameterInit.Scheme.NORMAL, p);
        init.layerNorm(p, "final_norm", d);
        p.put(TARGET_EMBEDDING, init.normal(new Shape(d), ParameterInit.TRANSFORMER_STD));
        ScoringMlp.initialize(init, p, d, true);
        return new BstNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static BstNetwork fromParameters(BstConfig config, Map<String, NDArray> parameters) {
        return new BstNetwork(config, parameters);
    }

    private static TransformerBlocks.Spec blockSpec(BstConfig config) {
        return new TransformerBlocks.Spec(
                config.blocks(),
                config.dim(),
                config.heads(),
                config.dim(),
                config.dropout(),
                LayerNormPlacement.PRE,
                true,
                Activation::relu,
                null);
    }

    @Override
    public NDArray logits(NDArray rows, NDArray positions, NDArray candidates, boolean training) {
        return logitsAndUserVectors(rows, positions, candidates, training)[0];
    }

    /**
     * The logits, SASRec's user vector u (N, D) at each query (the history's final-norm state) and
     * E, which u scores.
     */
    @Override
    public NDArray[] logitsAndUserVectors(NDArray rows, NDArray positions, NDArray candidates, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        NDManager m = rows.getManager();
        int len = config.maxLen();
        int d = config.dim();
        long batch = rows.getShape().get(0);
        NDArray flat = positions.toType(DataType.INT64, false);
        long[] query = flat.toLongArray();
        NDArray longRows = rows.toType(DataType.INT64, false);
        NDArray[] reads = reads(m, longRows.toLongArray(), query, len);
        NDArray scale = Ops.scalar(m, Math.sqrt(d));

        NDArray keep = Ops.keepMask(longRows);
        NDArray x = Ops.embed(longRows, itemEmbeddings()).mul(scale).add(Ops.param(parameters, "position_embedding"));
        x = Ops.dropout(x, config.dropout(), training).mul(keep);
        NDArray c = Ops.embed(candidates.toType(DataType.INT64, false), itemEmbeddings()); // (N, K, D)
        NDArray y = c.mul(scale).add(Ops.param(parameters, TARGET_EMBEDDING));
        y = Ops.dropout(y, config.dropout(), training);

        NDArray[] out = TransformerBlocks.forward(
                blocks, parameters, x, longRows, keep, new TransformerBlocks.Appended(y, reads[0], reads[1]), training);
        NDArray states = Ops.layerNorm(parameters, out[0], "final_norm").reshape(batch * len, d);
        NDArray u = Ops.embed(flat, states); // (N, D): SASRec's user vector at each query
        NDArray z = Ops.layerNorm(parameters, out[1], "final_norm"); // (N, K, D)
        NDArray dot = c.mul(u.expandDims(1)).sum(new int[] {2});
        return new NDArray[] {
            dot.add(ScoringMlp.scores(parameters, z, c, config.dropout(), training)), u, itemEmbeddings()
        };
    }

    /**
     * Each query's row (N) int64 and its key bias (N, 1, 1, L): 0 for the real items at or before its
     * position, -1e9 for the others.
     */
    private static NDArray[] reads(NDManager m, long[] rows, long[] positions, int len) {
        int n = positions.length;
        long[] row = new long[n];
        float[] bias = new float[n * len];
        java.util.Arrays.fill(bias, TransformerBlocks.maskedBias());
        for (int q = 0; q < n; q++) {
            long b = positions[q] / len;
            int t = (int) (positions[q] % len);
            if (positions[q] < 0 || b * len >= rows.length) {
                throw new IllegalArgumentException("position " + positions[q] + " is outside the rows");
            }
            row[q] = b;
            for (int j = 0; j <= t; j++) {
                if (rows[(int) (b * len + j)] > 0) {
                    bias[q * len + j] = 0f;
                }
            }
        }
        return new NDArray[] {m.create(row), m.create(bias, new Shape(n, 1, 1, len))};
    }
}
