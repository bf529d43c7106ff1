package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.pooling.Pool;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Caser (Tang and Wang, WSDM 2018): the embeddings of the last w = {@code window} items form a
 * w x d image; horizontal convolutions of heights h = 1..w ({@code n_h} filters each, ReLU, max-pooled
 * over the window) and {@code n_v} vertical w x 1 convolutions are concatenated, then
 * {@code z = ReLU(W [o_v; o_h] + b)} after dropout is the user vector. Scores are {@code z . E_out[i]}.
 *
 * <p>Differences from the paper: the per-user embedding P_u is dropped (users of a search cluster are
 * unseen at training time, so there is nothing to look up), and so is the per-item output bias b'
 * (the plugin scores by inner product only). Input and output embeddings are separate, as in the
 * paper: {@code input_embedding} (n + 1, D) feeds the convolutions and {@code item_embedding}
 * (n + 1, D), the output matrix, is {@link #itemEmbeddings()} and the artifact's item_embeddings.npy.
 *
 * <p>Parameters: {@code horizontal{h}.weight} (n_h, D, h) and {@code .bias} (n_h) for h = 1..w (PyTorch
 * conv1d layout: out channels, in channels = the D embedding columns, kernel over time);
 * {@code vertical.weight} (n_v, w) and {@code .bias} (n_v), one weight per window slot shared by all D
 * columns; {@code fc.weight} (D, n_v D + w n_h) and {@code fc.bias} (D).
 *
 * <p>{@link #hidden} returns (B, L, D): position t holds the user vector of the window of positions
 * t - w + 1 .. t, every position computed at once so that each can predict item t + 1 in training.
 * Window slots before position 0 read as padding (zero embeddings), as padded slots of a short
 * history do, so every position is defined and none depends on a later one.
 *
 * <p>Tensors: B batch, L = maxLen, D = dim. Input rows (B, L) int64, 0 = padding. Thread safety and
 * ownership as {@link SasRecNetwork}.
 */
public final class CaserNetwork extends AbstractNetwork<CaserConfig> {
    /** The input-side item embeddings (the output side is {@link Networks#ITEM_EMBEDDING}). */
    public static final String INPUT_EMBEDDING = "input_embedding";

    private CaserNetwork(CaserConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
    }

    /** Freshly initialised weights, reproducible from {@code seed}: Xavier weights, zero biases. */
    public static CaserNetwork initialize(CaserConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        int w = config.window();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(INPUT_EMBEDDING, init.xavier(config.numItems() + 1, d));
        p.put(Networks.ITEM_EMBEDDING, init.xavier(config.numItems() + 1, d));
        for (int h = 1; h <= w; h++) {
            int f = config.hFilters();
            p.put("horizontal" + h + ".weight", init.xavier(new Shape(f, d, h), (long) d * h, (long) f * h));
            p.put("horizontal" + h + ".bias", init.constant(f, 0f));
        }
        p.put("vertical.weight", init.xavier(new Shape(config.vFilters(), w), w, config.vFilters()));
        p.put("vertical.bias", init.constant(config.vFilters(), 0f));
        init.linear(p, "fc", config.concatWidth(), d);
        return new CaserNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static CaserNetwork fromParameters(CaserConfig config, Map<String, NDArray> parameters) {
        return new CaserNetwork(config, parameters);
    }

    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        return forward(rows, training);
    }

    /** Reads only the last window, since the user vector depends on nothing else. */
    @Override
    public NDArray userVectors(NDArray rows) {
        Ops.checkRows(rows, config.maxLen());
        int w = config.window();
        return forward(rows.get(":, {}:", config.maxLen() - w), false).get(":, {}, :", w - 1);
    }

    /** rows (B, T) for any T >= 1 to (B, T, D). */
    private NDArray forward(NDArray rows, boolean training) {
        NDManager m = rows.getManager();
        long batch = rows.getShape().get(0);
        long len = rows.getShape().get(1);
        int d = config.dim();
        int w = config.window();
        NDArray x = Ops.embed(rows, Ops.param(parameters, INPUT_EMBEDDING)).mul(Ops.keepMask(rows));
        if (w > 1) {
            // w - 1 zero slots in front, so the window of position 0 exists
            x = m.zeros(new Shape(batch, w - 1, d)).concat(x, 1);
        }
        // (B, D, T + w - 1): the D embedding columns are conv1d's channels, time its axis
        NDArray image = x.transpose(0, 2, 1);
        NDArray vertical = vertical(image, batch, len);
        NDList pooled = new NDList();
        for (int h = 1; h <= w; h++) {
            // (B, n_h, T + w - h): ReLU(conv) at every placement of the h x d filter ...
            NDArray c = Activation.relu(Conv1d.conv1d(
                            image,
                            Ops.param(parameters, "horizontal" + h + ".weight"),
                            Ops.param(parameters, "horizontal" + h + ".bias"))
                    .singletonOrThrow());
            // ... then the max over the w - h + 1 placements inside each window: (B, n_h, T)
            pooled.add(Pool.maxPool1d(c, new Shape(w - h + 1), new Shape(1), new Shape(0), false));
        }
        NDArray horizontal = NDArrays.concat(pooled, 1).transpose(0, 2, 1);
        NDArray z = Ops.dropout(vertical.concat(horizontal, 2), config.dropout(), training);
        return Activation.relu(Ops.linear(parameters, z, "fc"));
    }

    /** o_v: each of the n_v filters is a weighted sum of the window's w rows, (B, T, n_v * D). */
    private NDArray vertical(NDArray image, long batch, long len) {
        int d = config.dim();
        int w = config.window();
        int v = config.vFilters();
        // Every embedding column is its own 1-channel sequence: (B * D, 1, T + w - 1) -> (B * D, n_v, T)
        NDArray columns = image.reshape(batch * d, 1, len + w - 1);
        NDArray kernel = Ops.batchParam(columns.getManager(), parameters, "vertical.weight")
                .reshape(v, 1, w);
        NDArray out = Conv1d.conv1d(columns, kernel, Ops.param(parameters, "vertical.bias"))
                .singletonOrThrow();
        return out.reshape(batch, d, v, len).transpose(0, 3, 2, 1).reshape(batch, len, (long) v * d);
    }
}
