package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqrec.nn.NetworkFixtures.rows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.nn.cpu.CpuBst;
import org.seqrec.nn.cpu.CpuDien;
import org.seqrec.nn.cpu.CpuDin;
import org.seqrec.nn.cpu.CpuRankingNetwork;

/** DIN, DIEN and BST with item features: E' = E_id + mean F for history and candidates, exported as E'. */
class FeatureRankingNetworkTests {
    private static final int N = 9;
    private static final int D = 8;
    private static final int L = 6;

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    static List<Arguments> configs() {
        BiFunction<RankingConfig, Map<String, FloatTensor>, CpuRankingNetwork> din =
                (c, p) -> CpuDin.of((DinConfig) c, p);
        BiFunction<RankingConfig, Map<String, FloatTensor>, CpuRankingNetwork> dien =
                (c, p) -> CpuDien.of((DienConfig) c, p);
        BiFunction<RankingConfig, Map<String, FloatTensor>, CpuRankingNetwork> bst =
                (c, p) -> CpuBst.of((BstConfig) c, p);
        return List.of(
                Arguments.of(new DinConfig(N, D, L, 0.2f), din),
                Arguments.of(new DienConfig(N, D, L, 0.2f), dien),
                Arguments.of(new BstConfig(N, D, L, 2, 2, 0.2f), bst));
    }

    /**
     * The exported network's E is E_id + mean F (E_id alone for the item without features), and the
     * plain-Java pass over the export scores as the feature network does.
     */
    @ParameterizedTest
    @MethodSource("configs")
    void theExportHoldsIdPlusMeanFeatureAndScoresAsTheNetwork(
            RankingConfig config, BiFunction<RankingConfig, Map<String, FloatTensor>, CpuRankingNetwork> cpu) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            FeatureRankingNetwork net =
                    FeatureRankingNetwork.initialize(config, FeatureNetworkTests.features(N), 0.5f, m, 3);
            RankingNetwork exported = net.effective(m);
            float[] served = exported.itemEmbeddings().toFloatArray();
            float[] id = net.itemEmbeddings().toFloatArray();
            float[] f = net.parameters().get(FeatureNetwork.FEATURE_EMBEDDING).toFloatArray();
            for (int j = 0; j < D; j++) {
                // item 4 has feature row 4 % 3 + 1 = 2; item N has none
                assertEquals(id[4 * D + j] + f[2 * D + j], served[4 * D + j], 1e-6);
                assertEquals(id[N * D + j], served[N * D + j], 1e-6);
                assertEquals(0f, f[j], "F's padding row is 0");
            }
            assertTrue(
                    !exported.parameters().containsKey(FeatureNetwork.FEATURE_EMBEDDING), "F is not a network weight");
            NetworkFixtures.assertCpuScoresAsDjl(m, net, cpu.apply(config, tensors(exported)), 1e-4f);
        }
    }

    /** The gradient of a ranking loss reaches both the id part and the feature table. */
    @ParameterizedTest
    @MethodSource("configs")
    void gradientsReachIdAndFeatureEmbeddings(RankingConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            FeatureRankingNetwork net =
                    FeatureRankingNetwork.initialize(config, FeatureNetworkTests.features(N), 0f, m, 5);
            net.parameters().values().forEach(p -> p.setRequiresGradient(true));
            try (NDManager step = m.newSubManager();
                    GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
                NDArray logits = net.logits(
                        rows(step, new long[] {0, 1, 2, 3, 4, 5}),
                        step.create(new long[] {3, 5}),
                        step.create(new long[] {6, 7, 8, 9}, new Shape(2, 2)),
                        true);
                gc.backward(logits.logSoftmax(-1).get(":, 0").mean().neg());
            }
            for (String name : List.of(Networks.ITEM_EMBEDDING, FeatureNetwork.FEATURE_EMBEDDING)) {
                assertTrue(
                        net.parameters().get(name).getGradient().abs().sum().getFloat() > 0,
                        "no gradient reaches " + name);
            }
        }
    }

    /** BST's retrieval objective scores its user vectors against the pass's E', not the id part. */
    @Test
    void bstsUserVectorsScoreAgainstTheEffectiveTable() {
        BstConfig config = new BstConfig(N, D, L, 2, 2, 0.2f);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            FeatureRankingNetwork net =
                    FeatureRankingNetwork.initialize(config, FeatureNetworkTests.features(N), 0.5f, m, 3);
            NDArray[] out = net.logitsAndUserVectors(
                    rows(m, new long[] {0, 0, 3, 1, 4, 2}),
                    m.create(new long[] {5}),
                    m.create(new long[] {2, 7}, new Shape(1, 2)),
                    false);
            assertArrayEquals(net.effective(m).itemEmbeddings().toFloatArray(), out[2].toFloatArray(), 1e-6f);
            float[] id = net.itemEmbeddings().toFloatArray();
            float[] table = out[2].toFloatArray();
            List<Integer> differ = new ArrayList<>();
            for (int i = 1; i < N; i++) {
                if (Math.abs(id[i * D] - table[i * D]) > 1e-6) {
                    differ.add(i);
                }
            }
            assertEquals(N - 1, differ.size(), "every item with features scores with E_id + mean F: " + differ);
        }
    }

    @Test
    void refusesFeaturesOfAnotherCatalogue() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class,
                    () -> FeatureRankingNetwork.initialize(
                            new DinConfig(N, D, L, 0.2f), FeatureNetworkTests.features(N - 1), 0.1f, m, 1));
            assertTrue(e.getMessage().contains("cover 8 items, the network 9"), e.getMessage());
        }
    }

    private static Map<String, FloatTensor> tensors(RankingNetwork net) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        net.parameters().forEach((k, v) -> out.put(k, Networks.toTensor(v)));
        return out;
    }
}
