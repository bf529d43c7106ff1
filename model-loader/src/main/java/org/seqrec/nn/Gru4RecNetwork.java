package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * GRU4Rec: item embeddings (tied with the output layer, as SASRec), embedding dropout and a GRU of
 * hidden size D; the GRU output at position t is the hidden state there, the last one the user vector.
 *
 * <p>Per layer k, {@code gru.l{k}.w_ih} (3D, D), {@code gru.l{k}.w_hh} (3D, D), {@code gru.l{k}.b_ih}
 * (3D), {@code gru.l{k}.b_hh} (3D), PyTorch's layout; padding is not fed ({@link LeftPaddedGru}). With
 * {@link Gru4RecConfig#projection()}, the output at a real position is {@code W_p h + b_p}
 * ({@code projection.weight} (D, D), {@code projection.bias} (D)); without it, h itself.
 *
 * <p>Tensors: B batch, L = maxLen, D = dim. Input rows (B, L) int64. Thread safety and ownership as
 * {@link SasRecNetwork}: parameters belong to the manager given at construction, forward-pass arrays
 * to the manager of the rows.
 */
public final class Gru4RecNetwork extends AbstractNetwork<Gru4RecConfig> {
    /** The linear layer from the GRU's state to the user vector, when the config has one. */
    public static final String PROJECTION = "projection";

    private Gru4RecNetwork(Gru4RecConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
    }

    /**
     * Freshly initialised weights, reproducible from {@code seed}: Xavier per gate for the weights,
     * PyTorch's default U(-1/sqrt(D), 1/sqrt(D)) for the biases (as RecBole's GRU4Rec); the
     * projection Xavier with a zero bias.
     */
    public static Gru4RecNetwork initialize(Gru4RecConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.xavier(config.numItems() + 1, d));
        for (int k = 0; k < config.layers(); k++) {
            LeftPaddedGru.initialize(init, p, "gru.l" + k + ".", d);
        }
        if (config.projection()) {
            init.linear(p, PROJECTION, d, d);
        }
        return new Gru4RecNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static Gru4RecNetwork fromParameters(Gru4RecConfig config, Map<String, NDArray> parameters) {
        return new Gru4RecNetwork(config, parameters);
    }

    @Override
    public NDArray hidden(NDArray rows, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        List<String> layers = new ArrayList<>();
        for (int k = 0; k < config.layers(); k++) {
            layers.add("gru.l" + k + ".");
        }
        UnaryOperator<NDArray> output =
                config.projection() ? states -> Ops.linear(parameters, states, PROJECTION) : states -> states;
        return LeftPaddedGru.states(
                rows.toType(DataType.INT64, false),
                itemEmbeddings(),
                parameters,
                layers,
                config.dropout(),
                training,
                output);
    }
}
