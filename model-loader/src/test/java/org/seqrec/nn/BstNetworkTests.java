package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqrec.nn.NetworkFixtures.rows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.nn.cpu.CpuBst;
import org.seqrec.nn.cpu.CpuSasRec;

class BstNetworkTests {
    private static final int N = 9;
    private static final int D = 8;
    private static final int L = 6;
    private static final BstConfig CONFIG = new BstConfig(N, D, L, 2, 2, 0.2f);

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    /** The plain-Java pass gives the DJL network's logits: full, short, repeated and empty histories. */
    @Test
    void theCpuPassEqualsTheDjlNetwork() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            BstNetwork net = withLiveMlp(m, BstNetwork.initialize(CONFIG, m, 3));
            NetworkFixtures.assertCpuScoresAsDjl(m, net, CpuBst.of(CONFIG, tensors(net)), 1e-4f);
        }
    }

    /** A query at position t reads the items up to t only, and one candidate's logit does not depend on the others. */
    @Test
    void aQueryReadsNoItemAfterItsPositionNorTheOtherCandidates() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            BstNetwork net = withLiveMlp(m, BstNetwork.initialize(CONFIG, m, 5));
            NDArray positions = m.create(new long[] {2, 5});
            NDArray candidates = m.create(new long[] {4, 8, 4, 8}, new Shape(2, 2));
            float[] a = net.logits(rows(m, new long[] {0, 1, 2, 3, 4, 5}), positions, candidates, false)
                    .toFloatArray();
            float[] b = net.logits(rows(m, new long[] {0, 1, 2, 9, 9, 9}), positions, candidates, false)
                    .toFloatArray();
            assertArrayEquals(Arrays.copyOf(a, 2), Arrays.copyOf(b, 2), 1e-5f, "position 2 reads items 0..2");
            assertNotEquals(a[2], b[2], "position 5 reads the changed items");
            // (a padded prefix is not position 2: positions are absolute slots, as SASRec's)
            CpuBst cpu = CpuBst.of(CONFIG, tensors(net));
            float[] alone = cpu.scores(new int[] {1, 2}, new int[] {8});
            float[] together = cpu.scores(new int[] {1, 2}, new int[] {4, 8, 3});
            assertArrayEquals(alone, new float[] {together[1]}, 1e-6f);
        }
    }

    /** Started from a SASRec's weights, the network's logits are that SASRec's scores u . E[c]. */
    @Test
    void aWarmStartFromSasRecScoresAsThatSasRec() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork sasrec = SasRecNetwork.initialize(CONFIG.sasRec(), m, 11);
            ModelArtifact artifact = NetworkFixtures.artifact(sasrec);
            BstNetwork fresh = BstNetwork.initialize(CONFIG, m, 12);
            Map<String, FloatTensor> params = tensors(fresh);
            params.putAll(CONFIG.warmStart(artifact));
            CpuBst bst = CpuBst.of(CONFIG, params);
            Map<String, FloatTensor> sasrecParams = new LinkedHashMap<>();
            sasrec.parameters().forEach((k, v) -> sasrecParams.put(k, Networks.toTensor(v)));
            float[] user = CpuSasRec.of(CONFIG.sasRec(), sasrecParams).userVector(new int[] {3, 1, 4});
            int[] candidates = {2, 7, 9};
            float[] expected = new float[3];
            float[] items = Networks.toTensor(sasrec.itemEmbeddings()).data();
            for (int c = 0; c < 3; c++) {
                for (int j = 0; j < D; j++) {
                    expected[c] += user[j] * items[candidates[c] * D + j];
                }
            }
            assertArrayEquals(expected, bst.scores(new int[] {3, 1, 4}, candidates), 1e-5f);
        }
    }

    /**
     * The user vectors BST gives for SASRec's own objective (trained beside the ranking loss) are the
     * SASRec inside it: a warm-started network's equal that SASRec's hidden states at each query,
     * whatever the MLP's weights.
     */
    @Test
    void itsUserVectorsAreThoseOfTheSasRecInside() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork sasrec = SasRecNetwork.initialize(CONFIG.sasRec(), m, 11);
            Map<String, NDArray> p =
                    new LinkedHashMap<>(BstNetwork.initialize(CONFIG, m, 12).parameters());
            CONFIG.warmStart(NetworkFixtures.artifact(sasrec))
                    .forEach((k, v) -> p.put(k, m.create(v.data(), new Shape(v.shape()))));
            BstNetwork bst = withLiveMlp(m, BstNetwork.fromParameters(CONFIG, p));
            NDArray rows = rows(m, new long[] {0, 0, 3, 1, 4, 2});
            NDArray[] out = bst.logitsAndUserVectors(
                    rows, m.create(new long[] {3, 5}), m.create(new long[] {2, 7, 8, 5}, new Shape(2, 2)), false);
            assertArrayEquals(new long[] {2, D}, out[1].getShape().getShape());
            float[] hidden = sasrec.hidden(rows, false).toFloatArray(); // (1, L, D)
            float[] expected = new float[2 * D];
            System.arraycopy(hidden, 3 * D, expected, 0, D);
            System.arraycopy(hidden, 5 * D, expected, D, D);
            assertArrayEquals(expected, out[1].toFloatArray(), 1e-5f);
        }
    }

    /** A warm start refuses another type and another shape, saying which. */
    @Test
    void aWarmStartRefusesAnotherShape() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            ModelArtifact wider =
                    NetworkFixtures.artifact(SasRecNetwork.initialize(new SasRecConfig(N, 2 * D, L, 2, 2, 0.2f), m, 1));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CONFIG.warmStart(wider));
            assertTrue(e.getMessage().contains("dim 8"), e.getMessage());
            ModelArtifact gru =
                    NetworkFixtures.artifact(Gru4RecNetwork.initialize(new Gru4RecConfig(N, D, L, 1, 0f), m, 1));
            assertThrows(IllegalArgumentException.class, () -> CONFIG.warmStart(gru));
            ModelArtifact post = NetworkFixtures.artifact(
                    SasRecNetwork.initialize(new SasRecConfig(N, D, L, 2, 2, 0.2f, LayerNormPlacement.POST), m, 1));
            assertThrows(IllegalArgumentException.class, () -> CONFIG.warmStart(post));
        }
    }

    /** One backward pass of binary cross-entropy reaches every parameter. */
    @Test
    void gradientsReachEveryParameter() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NetworkFixtures.assertGradientsReachEveryParameter(m, withLiveMlp(m, BstNetwork.initialize(CONFIG, m, 7)));
        }
    }

    @Test
    void refusesPositionsAndRowsOutsideTheModel() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            BstNetwork net = BstNetwork.initialize(CONFIG, m, 7);
            NetworkFixtures.assertRefusesRowsOutsideTheModel(m, net, CpuBst.of(CONFIG, tensors(net)), N);
        }
    }

    /**
     * The network with the MLP's output layer set to non-zero weights: it starts at 0 so that a warm
     * start scores as SASRec, which would leave the MLP out of these tests.
     */
    private static BstNetwork withLiveMlp(NDManager m, BstNetwork net) {
        Map<String, NDArray> p = new LinkedHashMap<>(net.parameters());
        p.put("mlp.out.weight", m.randomNormal(new Shape(1, ScoringMlp.HIDDEN_2)));
        return BstNetwork.fromParameters(CONFIG, p);
    }

    private static Map<String, FloatTensor> tensors(BstNetwork net) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        net.parameters().forEach((k, v) -> out.put(k, Networks.toTensor(v)));
        return out;
    }
}
