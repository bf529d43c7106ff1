package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqrec.nn.NetworkFixtures.DIM;
import static org.seqrec.nn.NetworkFixtures.ITEMS;
import static org.seqrec.nn.NetworkFixtures.LEN;
import static org.seqrec.nn.NetworkFixtures.rows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqrec.encoder.DjlRuntime;

/** Behaviour every network type must have, run for each (SASRec in both layer-norm placements). */
class NetworkBehaviourTests {
    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    static List<NetworkConfig> configs() {
        return NetworkFixtures.all();
    }

    static List<NetworkConfig> causalConfigs() {
        return configs().stream().filter(c -> !(c instanceof Bert4RecConfig)).toList();
    }

    /** Every network type, and the time-reading ones (run with time codes). */
    static List<NetworkConfig> everyConfig() {
        List<NetworkConfig> all = new java.util.ArrayList<>(configs());
        all.add(new SasRecConfig(ITEMS, DIM, LEN, 2, 2, 0.2f, LayerNormPlacement.PRE, TimeFeatures.GAP_HOUR));
        all.add(new SliRecConfig(ITEMS, DIM, LEN, 0.2f));
        return all;
    }

    /**
     * A training pass and an inference pass leave no array with the parameters' manager: each batch's
     * arrays belong to the batch's manager, which is closed after the step, or every step would leak.
     */
    @ParameterizedTest
    @MethodSource("everyConfig")
    void aPassLeavesNothingWithTheParameters(NetworkConfig config) {
        try (NDManager base = NDManager.newBaseManager("PyTorch");
                NDManager params = base.newSubManager()) {
            SequenceNetwork net = config.initialize(params, 1);
            int before = params.getManagedArrays().size();
            try (NDManager batch = base.newSubManager()) {
                NDArray rows = rows(batch, new long[] {0, 0, 3, 4, 5, 6}, new long[] {1, 2, 3, 4, 5, 6});
                if (config.readsTimes()) {
                    NDArray codes = rows(batch, new long[] {0, 0, 1, 2, 3, 4}, new long[] {5, 6, 7, 8, 9, 10});
                    net.pass(rows, codes, true);
                    net.userPass(rows, codes);
                } else {
                    net.pass(rows, true);
                    net.userPass(rows);
                }
            }
            assertEquals(before, params.getManagedArrays().size(), "arrays left with the parameters");
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void shapesAreBLDAndBD(NetworkConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(m, 1);
            NDArray rows = rows(m, new long[] {0, 0, 3, 4, 5, 6}, new long[] {1, 2, 3, 4, 5, 6});
            NDArray hidden = net.hidden(rows, true);
            assertEquals(new Shape(2, LEN, DIM), hidden.getShape());
            NDArray users = net.userVectors(rows);
            assertEquals(new Shape(2, DIM), users.getShape());
            assertEquals(new Shape(ITEMS + 1, DIM), net.itemEmbeddings().getShape());
            for (float v : users.toFloatArray()) {
                assertTrue(Float.isFinite(v));
            }
            assertEquals(config, net.config());
            assertEquals(config.modelType(), net.modelType());
        }
    }

    @ParameterizedTest
    @MethodSource("causalConfigs")
    void changingALaterItemNeverChangesAnEarlierPosition(NetworkConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(m, 2);
            float[] a =
                    net.hidden(rows(m, new long[] {0, 7, 8, 9, 10, 11}), false).toFloatArray();
            float[] b =
                    net.hidden(rows(m, new long[] {0, 7, 8, 33, 10, 11}), false).toFloatArray();
            // positions 0..2 are identical, position 3 (the changed item) differs
            assertArrayEquals(Arrays.copyOfRange(a, 0, 3 * DIM), Arrays.copyOfRange(b, 0, 3 * DIM), 0f);
            assertFalse(
                    Arrays.equals(Arrays.copyOfRange(a, 3 * DIM, 4 * DIM), Arrays.copyOfRange(b, 3 * DIM, 4 * DIM)));
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theAmountOfLeftPaddingNeverMatters(NetworkConfig config) {
        // The same weights reading L = 6 and L = 4 positions (positions aligned at the right end):
        // a 3-item history then has 3 or 1 padded positions, and must get the same vector.
        // BSARec's low-pass filter is defined over its L positions, so another L is another filter;
        // its padding at a fixed L is checked against the CPU pass, which reads the real rows only.
        Assumptions.assumeFalse(config instanceof BsaRecConfig, "the filter depends on L");
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork longer = config.initialize(m, 3);
            Map<String, NDArray> shared = new LinkedHashMap<>(longer.parameters());
            shared.computeIfPresent("position_embedding", (k, p) -> p.get("2:, :"));
            SequenceNetwork shorter = NetworkFixtures.withMaxLen(config, 4).wrap(shared);
            float[] a =
                    longer.userVectors(rows(m, new long[] {0, 0, 0, 5, 6, 7})).toFloatArray();
            float[] b = shorter.userVectors(rows(m, new long[] {0, 5, 6, 7})).toFloatArray();
            assertArrayEquals(a, b, 1e-5f);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void aHistoryGetsTheSameVectorAloneOrInABatch(NetworkConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(m, 4);
            float[] alone =
                    net.userVectors(rows(m, new long[] {0, 0, 0, 5, 6, 7})).toFloatArray();
            float[] both = net.userVectors(rows(m, new long[] {1, 2, 3, 4, 5, 6}, new long[] {0, 0, 0, 5, 6, 7}))
                    .toFloatArray();
            assertArrayEquals(alone, Arrays.copyOfRange(both, DIM, 2 * DIM), 1e-5f);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theOrderOfItemsMatters(NetworkConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(m, 5);
            float[] forward =
                    net.userVectors(rows(m, new long[] {0, 0, 0, 5, 6, 7})).toFloatArray();
            float[] backward =
                    net.userVectors(rows(m, new long[] {0, 0, 0, 7, 6, 5})).toFloatArray();
            assertFalse(Arrays.equals(forward, backward));
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void dropoutOnlyInTraining(NetworkConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(m, 6);
            NDArray rows = rows(m, new long[] {1, 2, 3, 4, 5, 6});
            assertArrayEquals(
                    net.hidden(rows, false).toFloatArray(),
                    net.hidden(rows, false).toFloatArray(),
                    0f);
            assertFalse(Arrays.equals(
                    net.hidden(rows, true).toFloatArray(),
                    net.hidden(rows, false).toFloatArray()));
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theSeedFixesEveryWeight(NetworkConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Map<String, NDArray> a = config.initialize(m, 9).parameters();
            Map<String, NDArray> b = config.initialize(m, 9).parameters();
            Map<String, NDArray> c = config.initialize(m, 10).parameters();
            assertEquals(a.keySet(), b.keySet());
            for (String name : a.keySet()) {
                assertArrayEquals(a.get(name).toFloatArray(), b.get(name).toFloatArray(), 0f, name);
            }
            assertFalse(Arrays.equals(
                    a.get(Networks.ITEM_EMBEDDING).toFloatArray(),
                    c.get(Networks.ITEM_EMBEDDING).toFloatArray()));
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void gradientsReachEveryParameter(NetworkConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(m, 7);
            net.parameters().values().forEach(p -> p.setRequiresGradient(true));
            try (ai.djl.training.GradientCollector gc = DjlRuntime.engine().newGradientCollector()) {
                // Row n + 1 is BERT4Rec's mask token; the other networks read only real items here
                long last = config instanceof Bert4RecConfig b ? b.maskRow() : 9;
                NDArray rows = rows(m, new long[] {0, 1, 2, 3, 4, last}, new long[] {5, 6, 7, 8, 9, 10});
                NDArray logits =
                        net.hidden(rows, false).matMul(net.itemEmbeddings().transpose());
                gc.backward(logits.mul(logits).mean());
            }
            for (Map.Entry<String, NDArray> p : net.parameters().entrySet()) {
                float[] grad = p.getValue().getGradient().toFloatArray();
                boolean any = false;
                for (float g : grad) {
                    assertTrue(Float.isFinite(g), p.getKey());
                    any |= g != 0f;
                }
                assertTrue(any, "no gradient reaches " + p.getKey());
            }
        }
    }
}
