package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DjlRuntime;

class SasRecNetworkTests {
    private static final SasRecConfig CONFIG = new SasRecConfig(50, 16, 6, 2, 2, 0.3f);

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    @Test
    void hiddenStatesHaveShapeBLD() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork net = SasRecNetwork.initialize(CONFIG, m, 1);
            NDArray rows = m.create(new long[] {0, 0, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6}, new Shape(2, 6));
            assertEquals(new Shape(2, 6, 16), net.hidden(rows, false).getShape());
            assertEquals(new Shape(2, 16), net.userVectors(rows).getShape());
            assertEquals(new Shape(51, 16), net.itemEmbeddings().getShape());
        }
    }

    @Test
    void changingALaterItemNeverChangesAnEarlierPosition() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork net = SasRecNetwork.initialize(CONFIG, m, 2);
            float[] a = net.hidden(m.create(new long[] {0, 7, 8, 9, 10, 11}, new Shape(1, 6)), false)
                    .toFloatArray();
            float[] b = net.hidden(m.create(new long[] {0, 7, 8, 9, 10, 42}, new Shape(1, 6)), false)
                    .toFloatArray();
            int d = CONFIG.dim();
            // positions 0..4 are identical, position 5 differs
            assertArrayEquals(Arrays.copyOfRange(a, 0, 5 * d), Arrays.copyOfRange(b, 0, 5 * d), 1e-6f);
            assertFalse(Arrays.equals(Arrays.copyOfRange(a, 5 * d, 6 * d), Arrays.copyOfRange(b, 5 * d, 6 * d)));
        }
    }

    @Test
    void aHistoryGetsTheSameVectorAloneOrInABatch() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork net = SasRecNetwork.initialize(CONFIG, m, 3);
            float[] alone = net.userVectors(m.create(new long[] {0, 0, 0, 5, 6, 7}, new Shape(1, 6)))
                    .toFloatArray();
            float[] both = net.userVectors(m.create(new long[] {1, 2, 3, 4, 5, 6, 0, 0, 0, 5, 6, 7}, new Shape(2, 6)))
                    .toFloatArray();
            assertArrayEquals(alone, Arrays.copyOfRange(both, 16, 32), 1e-5f);
        }
    }

    @Test
    void dropoutOnlyInTraining() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork net = SasRecNetwork.initialize(CONFIG, m, 4);
            NDArray rows = m.create(new long[] {1, 2, 3, 4, 5, 6}, new Shape(1, 6));
            assertArrayEquals(
                    net.hidden(rows, false).toFloatArray(),
                    net.hidden(rows, false).toFloatArray(),
                    0f);
            assertFalse(Arrays.equals(
                    net.hidden(rows, true).toFloatArray(),
                    net.hidden(rows, false).toFloatArray()));
        }
    }

    @Test
    void sameSeedSameWeights() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] a = SasRecNetwork.initialize(CONFIG, m, 9).itemEmbeddings().toFloatArray();
            float[] b = SasRecNetwork.initialize(CONFIG, m, 9).itemEmbeddings().toFloatArray();
            assertArrayEquals(a, b, 0f);
        }
    }

    @Test
    void theSixArgumentConfigIsPreLayerNorm() {
        assertEquals(LayerNormPlacement.PRE, CONFIG.layerNorm());
        assertEquals("pre", CONFIG.toHyperParameters().get("layer_norm"));
    }

    @Test
    void postLayerNormNormalisesAfterTheResidualAndHasNoFinalNorm() {
        SasRecConfig post = new SasRecConfig(50, 16, 6, 2, 2, 0.3f, LayerNormPlacement.POST);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork pre = SasRecNetwork.initialize(CONFIG, m, 5);
            SasRecNetwork net = SasRecNetwork.initialize(post, m, 5);
            assertTrue(pre.parameters().containsKey("final_norm.gamma"));
            assertFalse(net.parameters().containsKey("final_norm.gamma"));
            NDArray rows = m.create(new long[] {0, 0, 3, 4, 5, 6}, new Shape(1, 6));
            float[] u = net.userVectors(rows).toFloatArray();
            assertFalse(Arrays.equals(pre.userVectors(rows).toFloatArray(), u));
            // The last block's ffn_norm (gamma 1, beta 0 at initialisation) is the output: mean 0, variance 1
            double mean = 0;
            double square = 0;
            for (float v : u) {
                mean += v / 16.0;
                square += v * (double) v / 16.0;
            }
            assertEquals(0, mean, 1e-5);
            assertEquals(1, square - mean * mean, 1e-3);
        }
    }

    @Test
    void layerNormPlacementParsing() {
        assertEquals(LayerNormPlacement.POST, LayerNormPlacement.parse("POST"));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> LayerNormPlacement.parse("middle"));
        assertEquals("layer_norm must be 'pre' or 'post', got 'middle'", e.getMessage());
    }

    @Test
    void configRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new SasRecConfig(10, 15, 5, 1, 2, 0f));
        assertThrows(IllegalArgumentException.class, () -> new SasRecConfig(10, 16, 0, 1, 1, 0f));
        assertThrows(IllegalArgumentException.class, () -> new SasRecConfig(10, 16, 5, 1, 1, 1f));
    }
}
