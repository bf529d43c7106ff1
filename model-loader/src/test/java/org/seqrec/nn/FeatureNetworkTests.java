package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqrec.nn.NetworkFixtures.DIM;
import static org.seqrec.nn.NetworkFixtures.ITEMS;
import static org.seqrec.nn.NetworkFixtures.rows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DjlRuntime;

/** Item features on every network type: E' = E_id + mean F, in the history and as output, exported as E'. */
class FeatureNetworkTests {
    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    static List<NetworkConfig> configs() {
        return NetworkFixtures.all();
    }

    /** Field "colour" with 3 values: item i has value i % 3 (and item {@code ITEMS} none). */
    static ItemFeatures features() {
        return features(ITEMS);
    }

    /** Field "colour" with 3 values over items 1..n: item i has value i % 3, item n none. */
    static ItemFeatures features(int n) {
        List<ItemFeatures.Value> values = List.of(
                new ItemFeatures.Value("colour", "red"),
                new ItemFeatures.Value("colour", "green"),
                new ItemFeatures.Value("colour", "blue"));
        int[][] items = new int[n + 1][];
        items[0] = new int[0];
        for (int i = 1; i <= n; i++) {
            items[i] = i == n ? new int[0] : new int[] {i % 3 + 1};
        }
        return ItemFeatures.of(List.of("colour"), values, items);
    }

    private static long[] history() {
        return new long[] {0, 1, 2, 3, 4, 5};
    }

    /** As NetworkBehaviourTests' check: a pass leaves no array with the network's manager. */
    @ParameterizedTest
    @MethodSource("configs")
    void aPassLeavesNothingWithTheParameters(NetworkConfig config) {
        try (NDManager base = NDManager.newBaseManager("PyTorch");
                NDManager params = base.newSubManager()) {
            FeatureNetwork net = FeatureNetwork.initialize(config, features(), 0.5f, params, 3);
            int before = params.getManagedArrays().size();
            try (NDManager batch = base.newSubManager()) {
                net.pass(rows(batch, history()), true);
                net.userPass(rows(batch, history()));
            }
            assertEquals(before, params.getManagedArrays().size(), "arrays left with the parameters");
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void itemTableIsIdPlusMeanFeatureAndTheExportServesTheSame(NetworkConfig config) throws Exception {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            FeatureNetwork net = FeatureNetwork.initialize(config, features(), 0.5f, m, 3);
            SequenceNetwork.Pass pass = net.userPass(rows(m, history()));
            float[] items = pass.items().toFloatArray();
            float[] id = net.itemEmbeddings().toFloatArray();
            float[] f = net.parameters().get(FeatureNetwork.FEATURE_EMBEDDING).toFloatArray();
            for (int j = 0; j < DIM; j++) {
                // item 4 has feature row 4 % 3 + 1 = 2; item 40 has none
                assertEquals(id[4 * DIM + j] + f[2 * DIM + j], items[4 * DIM + j], 1e-5);
                assertEquals(id[ITEMS * DIM + j], items[ITEMS * DIM + j], 1e-6);
                assertEquals(0f, f[j], "F's padding row is 0");
            }
            // The exported network (E' in place of its item tables) gives the same user vectors
            SequenceNetwork exported = net.effective(m);
            ModelArtifact artifact = NetworkFixtures.artifact(exported);
            try (NDManager served = NDManager.newBaseManager("PyTorch")) {
                SequenceNetwork rebuilt = Networks.fromArtifact(config, artifact, served);
                assertArrayEquals(
                        pass.states().toFloatArray(),
                        rebuilt.userVectors(rows(served, history())).toFloatArray(),
                        1e-5f);
                assertArrayEquals(items, rebuilt.itemEmbeddings().toFloatArray(), 1e-6f);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void gradientsReachIdAndFeatureEmbeddings(NetworkConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            FeatureNetwork net = FeatureNetwork.initialize(config, features(), 0f, m, 5);
            net.parameters().values().forEach(p -> p.setRequiresGradient(true));
            try (NDManager step = m.newSubManager();
                    GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
                SequenceNetwork.Pass pass = net.pass(rows(step, history()), false);
                NDArray logits = pass.states().matMul(pass.items().transpose());
                gc.backward(logits.mul(logits).mean());
            }
            for (String name : List.of(Networks.ITEM_EMBEDDING, FeatureNetwork.FEATURE_EMBEDDING)) {
                boolean any = false;
                for (float g : net.parameters().get(name).getGradient().toFloatArray()) {
                    any |= g != 0f;
                }
                assertTrue(any, "no gradient reaches " + name);
            }
        }
    }

    @Test
    void idDropoutLeavesFeatureOnlyRowsInTrainingAndNeverAtInference() {
        NetworkConfig config = NetworkFixtures.all().get(0);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            DjlRuntime.engine().setRandomSeed(11);
            FeatureNetwork net = FeatureNetwork.initialize(config, features(), 0.5f, m, 3);
            float[] id = net.itemEmbeddings().toFloatArray();
            float[] f = net.parameters().get(FeatureNetwork.FEATURE_EMBEDDING).toFloatArray();
            float[] train = net.pass(rows(m, history()), true).items().toFloatArray();
            List<Integer> dropped = new ArrayList<>();
            for (int i = 1; i < ITEMS; i++) {
                float featureOnly = f[(i % 3 + 1) * DIM];
                if (Math.abs(train[i * DIM] - featureOnly) < 1e-6 && Math.abs(id[i * DIM]) > 1e-6) {
                    dropped.add(i);
                }
            }
            assertTrue(dropped.size() > 5 && dropped.size() < ITEMS - 5, "about half dropped: " + dropped);
            // The item without features always keeps its id part
            assertEquals(id[ITEMS * DIM], train[ITEMS * DIM], 1e-6);
            float[] inference = net.pass(rows(m, history()), false).items().toFloatArray();
            assertNotEquals(train[dropped.get(0) * DIM], inference[dropped.get(0) * DIM]);
        }
    }

    @Test
    void refusesFeaturesOfAnotherCatalogue() {
        NetworkConfig config = NetworkFixtures.all().get(0);
        ItemFeatures small = ItemFeatures.of(
                List.of("colour"), List.of(new ItemFeatures.Value("colour", "red")), new int[][] {{}, {1}});
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> FeatureNetwork.initialize(config, small, 0f, m, 1));
            assertTrue(e.getMessage().contains("cover 1 items, the network 40"), e.getMessage());
        }
    }
}
