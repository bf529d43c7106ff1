package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
            float[] a = net.hidden(m.create(new long[] {0, 7, 8, 9, 10, 11}, new Shape(1, 6)), false).toFloatArray();
            float[] b = net.hidden(m.create(new long[] {0, 7, 8, 9, 10, 42}, new Shape(1, 6)), false).toFloatArray();
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
            float[] alone = net.userVectors(m.create(new long[] {0, 0, 0, 5, 6, 7}, new Shape(1, 6))).toFloatArray();
            float[] both = net.userVectors(m.create(new long[] {1, 2, 3, 4, 5, 6, 0, 0, 0, 5, 6, 7}, new Shape(2, 6))).toFloatArray();
            assertArrayEquals(alone, Arrays.copyOfRange(both, 16, 32), 1e-5f);
        }
    }

    @Test
    void dropoutOnlyInTraining() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork net = SasRecNetwork.initialize(CONFIG, m, 4);
            NDArray rows = m.create(new long[] {1, 2, 3, 4, 5, 6}, new Shape(1, 6));
            assertArrayEquals(net.hidden(rows, false).toFloatArray(), net.hidden(rows, false).toFloatArray(), 0f);
            assertFalse(Arrays.equals(net.hidden(rows, true).toFloatArray(), net.hidden(rows, false).toFloatArray()));
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
    void configRejectsBadValues() {
        assertThrows(IllegalArgumentException.class, () -> new SasRecConfig(10, 15, 5, 1, 2, 0f));
        assertThrows(IllegalArgumentException.class, () -> new SasRecConfig(10, 16, 0, 1, 1, 0f));
        assertThrows(IllegalArgumentException.class, () -> new SasRecConfig(10, 16, 5, 1, 1, 1f));
    }
}
