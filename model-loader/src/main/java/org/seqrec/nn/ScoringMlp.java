package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * The MLP that scores a (user, candidate) pair in the ranking networks (DIN, DIEN, BST): over the pair's
 * features {@code [u, c, u * c]} (3D), two PReLU layers of {@value #HIDDEN_1} and {@value #HIDDEN_2}
 * units (DIN's reference code) and one output, dropout after the first layer.
 *
 * <p>Parameters: {@code mlp.0.weight} (80, 3D), {@code .bias}, {@code .prelu} (80); {@code mlp.1.weight}
 * (40, 80), {@code .bias}, {@code .prelu} (40); {@code mlp.out.weight} (1, 40) and {@code .bias} (1).
 * The plain-Java twin is {@code org.seqrec.nn.cpu.CpuScoringMlp}.
 */
public final class ScoringMlp {
    /** Units of the first hidden layer. */
    public static final int HIDDEN_1 = 80;
    /** Units of the second hidden layer. */
    public static final int HIDDEN_2 = 40;

    private ScoringMlp() {}

    /**
     * Adds the MLP's parameters for pair features of D = {@code dim} each: Xavier uniform weights, zero
     * biases, PReLU slopes 0.25 (PyTorch's default); with {@code zeroOutput} the output layer starts at
     * 0, so that the MLP adds nothing to a score until it has learnt something.
     */
    static void initialize(ParameterInit init, Map<String, NDArray> p, int dim, boolean zeroOutput) {
        init.linear(p, "mlp.0", 3 * dim, HIDDEN_1);
        p.put("mlp.0.prelu", init.constant(HIDDEN_1, 0.25f));
        init.linear(p, "mlp.1", HIDDEN_1, HIDDEN_2);
        p.put("mlp.1.prelu", init.constant(HIDDEN_2, 0.25f));
        init.linear(p, "mlp.out", HIDDEN_2, 1);
        if (zeroOutput) {
            p.put("mlp.out.weight", p.get("mlp.out.weight").zerosLike());
        }
    }

    /** The (N, K) scores of u (N, K, D) and c (N, K, D). */
    static NDArray scores(Map<String, NDArray> p, NDArray u, NDArray c, float dropout, boolean training) {
        long n = c.getShape().get(0);
        long k = c.getShape().get(1);
        NDArray z = u.concat(c, 2).concat(u.mul(c), 2);
        z = Ops.prelu(p, Ops.linear(p, z, "mlp.0"), "mlp.0.prelu");
        z = Ops.dropout(z, dropout, training);
        z = Ops.prelu(p, Ops.linear(p, z, "mlp.1"), "mlp.1.prelu");
        return Ops.linear(p, z, "mlp.out").reshape(n, k);
    }
}
