package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.seqrec.nn.NetworkFixtures.rows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DjlRuntime;

class Bert4RecNetworkTests {
    private static final int D = 16;
    private static final Bert4RecConfig CONFIG = new Bert4RecConfig(30, D, 6, 2, 2, 0.2f, 0.2f);
    private static final long MASK = 31;

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    @Test
    void changingALaterItemChangesEarlierPositions() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Bert4RecNetwork net = Bert4RecNetwork.initialize(CONFIG, m, 1);
            float[] a =
                    net.hidden(rows(m, new long[] {0, 7, 8, 9, 10, 11}), false).toFloatArray();
            float[] b =
                    net.hidden(rows(m, new long[] {0, 7, 8, 9, 10, 22}), false).toFloatArray();
            // Position 1 attends to position 5
            assertFalse(Arrays.equals(Arrays.copyOfRange(a, D, 2 * D), Arrays.copyOfRange(b, D, 2 * D)));
        }
    }

    @Test
    void userVectorsAppendTheMaskToken() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Bert4RecNetwork net = Bert4RecNetwork.initialize(CONFIG, m, 2);
            assertEquals(MASK, CONFIG.maskRow());
            float[] users = net.userVectors(rows(m, new long[] {1, 2, 3, 4, 5, 6}, new long[] {0, 0, 0, 4, 5, 6}))
                    .toFloatArray();
            // The oldest item drops out, the rest shift left, [mask] reads at L - 1
            float[] expected = net.hidden(
                            rows(m, new long[] {2, 3, 4, 5, 6, MASK}, new long[] {0, 0, 4, 5, 6, MASK}), false)
                    .get(":, 5, :")
                    .toFloatArray();
            assertArrayEquals(expected, users, 1e-6f);
        }
    }

    @Test
    void theMaskEmbeddingIsTheMaskTokensInput() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Bert4RecNetwork net = Bert4RecNetwork.initialize(CONFIG, m, 3);
            Map<String, NDArray> p = new LinkedHashMap<>(net.parameters());
            p.put(
                    Bert4RecNetwork.MASK_EMBEDDING,
                    p.get(Bert4RecNetwork.MASK_EMBEDDING).mul(-1));
            Bert4RecNetwork flipped = Bert4RecNetwork.fromParameters(CONFIG, p);
            NDArray history = rows(m, new long[] {0, 0, 3, 4, 5, 6});
            assertFalse(Arrays.equals(
                    net.userVectors(history).toFloatArray(),
                    flipped.userVectors(history).toFloatArray()));
            // The item embeddings E (n + 1 rows) do not include the mask row
            assertEquals(CONFIG.numItems() + 1, net.itemEmbeddings().getShape().get(0));
        }
    }

    @Test
    void userVectorsAreTheOutputHeadsLayerNorm() {
        // At initialisation head_norm has gamma 1 and beta 0: every user vector has mean 0, variance 1
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] u = Bert4RecNetwork.initialize(CONFIG, m, 4)
                    .userVectors(rows(m, new long[] {0, 0, 3, 4, 5, 6}))
                    .toFloatArray();
            double mean = 0;
            double square = 0;
            for (float v : u) {
                mean += v / (double) D;
                square += v * (double) v / D;
            }
            assertEquals(0, mean, 1e-5);
            assertEquals(1, square - mean * mean, 1e-3);
        }
    }

    @Test
    void configRejectsBadValues() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Bert4RecConfig(10, 8, 5, 1, 1, 0f, 1f));
        assertEquals("mask_prob must be in (0, 1), got 1.0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Bert4RecConfig(10, 8, 1, 1, 1, 0f, 0.2f));
        assertThrows(IllegalArgumentException.class, () -> new Bert4RecConfig(10, 8, 5, 1, 3, 0f, 0.2f));
    }
}
