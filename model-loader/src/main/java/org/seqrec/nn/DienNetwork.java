package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DIEN (Zhou et al., AAAI 2019): DIN's target attention over the states of a GRU that reads the
 * history, and a second GRU whose update gate the attention scales, so that the interest it carries
 * to the end of the history evolves with the items relevant to the candidate c:
 *
 * <ul>
 *   <li>interest extractor: a GRU over the history's embeddings, {@code s_j} its state after item j
 *       ({@link LeftPaddedGru}, parameters {@code extractor.*});
 *   <li>attention: {@code alpha_j} of c over the states s_j ({@link TargetAttention}, {@code att.*});
 *   <li>interest evolution, AUGRU: a GRU over the s_j ({@code evolution.*}, the same layout) whose
 *       update is scaled by the attention, {@code u_j = alpha_j (1 - z_j)},
 *       {@code h'_j = (1 - u_j) h'_(j-1) + u_j n_j} from {@code h'_(-1) = 0} (PyTorch's z gate is the
 *       paper's 1 - u): an item the candidate ignores leaves the interest as it was;
 *   <li>logit {@code MLP([h', c, h' * c])} ({@link ScoringMlp}) with h' after the query's last item.
 * </ul>
 *
 * <p>The paper's auxiliary loss supervises each extractor state with the next item (one sampled
 * negative, binary). Here {@link #logitsAndUserVectors} gives the extractor state at each query as the
 * user vector, which training scores against every item (full softmax cross-entropy), the
 * auxiliary loss's multi-class form.
 *
 * <p>Item embeddings E are shared by the history and the candidates. Dropout on the history's
 * embeddings and after the MLP's first layer. Parameters: {@code item_embedding} (n + 1, D) Xavier
 * uniform; each GRU's {@code w_ih} (3D, D), {@code w_hh} (3D, D), {@code b_ih} (3D), {@code b_hh}
 * (3D); {@code att.*}; {@code mlp.*}.
 *
 * <p>Tensors: N queries, K candidates each, L = maxLen, D = dim. The evolution runs once per query
 * and candidate, L steps of a (N K, D) x (D, 3D) product: K times DIN's cost and more. Thread safety and
 * ownership as {@link SasRecNetwork}.
 */
public final class DienNetwork extends AbstractRankingNetwork<DienConfig> {
    /** Parameter prefix of the interest extractor GRU. */
    public static final String EXTRACTOR = "extractor.";
    /** Parameter prefix of the attention-gated interest evolution GRU. */
    public static final String EVOLUTION = "evolution.";

    private DienNetwork(DienConfig config, Map<String, NDArray> parameters) {
        super(config, parameters);
    }

    /** Freshly initialised weights, reproducible from {@code seed}. */
    public static DienNetwork initialize(DienConfig config, NDManager manager, long seed) {
        ParameterInit init = new ParameterInit(manager, seed);
        int d = config.dim();
        Map<String, NDArray> p = new LinkedHashMap<>();
        p.put(Networks.ITEM_EMBEDDING, init.xavier(config.numItems() + 1, d));
        LeftPaddedGru.initialize(init, p, EXTRACTOR, d);
        TargetAttention.initialize(init, p, d);
        LeftPaddedGru.initialize(init, p, EVOLUTION, d);
        ScoringMlp.initialize(init, p, d, false);
        return new DienNetwork(config, p);
    }

    /** Wraps already-created parameter arrays; the shapes must match {@link #initialize}. */
    public static DienNetwork fromParameters(DienConfig config, Map<String, NDArray> parameters) {
        return new DienNetwork(config, parameters);
    }

    @Override
    public NDArray logits(NDArray rows, NDArray positions, NDArray candidates, boolean training) {
        return logitsAndUserVectors(rows, positions, candidates, training)[0];
    }

    /** The logits, the interest extractor's state (N, D) at each query, and E, which that state scores. */
    @Override
    public NDArray[] logitsAndUserVectors(NDArray rows, NDArray positions, NDArray candidates, boolean training) {
        Ops.checkRows(rows, config.maxLen());
        NDManager m = rows.getManager();
        int len = config.maxLen();
        int d = config.dim();
        NDArray longRows = rows.toType(DataType.INT64, false);
        long batch = rows.getShape().get(0);
        NDArray flat = positions.toType(DataType.INT64, false);
        long[] rowArray = longRows.toLongArray();
        long[] query = flat.toLongArray();
        int n = query.length;
        long k = candidates.getShape().get(1);
        NDArray[] reads = TargetAttention.queries(m, rowArray, query, len);

        NDArray table = itemEmbeddings();
        NDArray states = LeftPaddedGru.states(
                longRows, table, parameters, List.of(EXTRACTOR), config.dropout(), training, s -> s); // (B, L, D)
        NDArray byRow = states.reshape(batch, (long) len * d);
        NDArray keys = Ops.embed(reads[0], byRow).reshape(n, len, d); // each query's copy of its row's states
        NDArray c = Ops.embed(candidates.toType(DataType.INT64, false), table); // (N, K, D)
        NDArray alpha = TargetAttention.weights(parameters, keys, c, reads[1]); // (N, K, L)

        NDArray interest = evolve(m, keys, alpha, n, k, d, firstItem(rowArray, len));
        NDArray logits = ScoringMlp.scores(parameters, interest, c, config.dropout(), training);
        NDArray extracted = Ops.embed(flat, states.reshape(batch * len, d)); // (N, D)
        return new NDArray[] {logits, extracted, table};
    }

    /**
     * The AUGRU's last state (N, K, D) over the keys (N, L, D), each candidate's steps gated by its
     * weights (N, K, L); steps before {@code from}, where no query reads an item, are skipped (its
     * state is 0 there).
     */
    private NDArray evolve(NDManager m, NDArray keys, NDArray alpha, int n, long k, int d, int from) {
        NDArray input = Linear.linear(
                        keys, Ops.param(parameters, EVOLUTION + "w_ih"), Ops.param(parameters, EVOLUTION + "b_ih"))
                .singletonOrThrow(); // (N, L, 3D), the same for every candidate
        NDArray recurrentWeight = Ops.param(parameters, EVOLUTION + "w_hh");
        NDArray recurrentBias = Ops.param(parameters, EVOLUTION + "b_hh");
        NDArray one = Ops.scalar(m, 1);
        NDArray h = m.zeros(new Shape(n, k, d));
        for (int j = from; j < config.maxLen(); j++) {
            NDList gi = input.get(new NDIndex().addAllDim().addIndices(j))
                    .expandDims(1)
                    .split(3, 2);
            NDList gh = Linear.linear(h, recurrentWeight, recurrentBias)
                    .singletonOrThrow()
                    .split(3, 2);
            NDArray r = Activation.sigmoid(gi.get(0).add(gh.get(0)));
            NDArray z = Activation.sigmoid(gi.get(1).add(gh.get(1)));
            NDArray next = Activation.tanh(gi.get(2).add(r.mul(gh.get(2))));
            NDArray update = one.sub(z)
                    .mul(alpha.get(new NDIndex().addAllDim(2).addIndices(j)).expandDims(2));
            h = h.add(update.mul(next.sub(h)));
        }
        return h;
    }

    /** The first position of any row that holds an item, or L for rows of padding only. */
    private static int firstItem(long[] rows, int len) {
        int first = len;
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] > 0) {
                first = Math.min(first, i % len);
            }
        }
        return first;
    }
}
