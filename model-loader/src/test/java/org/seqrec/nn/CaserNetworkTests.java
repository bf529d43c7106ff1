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
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DjlRuntime;

class CaserNetworkTests {
    private static final int D = 6;
    private static final int W = 3;
    private static final int L = 5;
    private static final CaserConfig CONFIG = new CaserConfig(20, D, L, W, 4, 2, 0.5f);

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    @Test
    void everyPositionMatchesThePaperWrittenOut() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // Random biases, so that a misplaced bias shows
            Map<String, NDArray> p =
                    new LinkedHashMap<>(CaserNetwork.initialize(CONFIG, m, 1).parameters());
            SplittableRandom random = new SplittableRandom(3);
            p.replaceAll((name, a) ->
                    name.endsWith(".bias") ? m.create(uniform(random, (int) a.size()), a.getShape()) : a);
            CaserNetwork net = CaserNetwork.fromParameters(CONFIG, p);
            long[] history = {0, 3, 4, 5, 6};
            float[] hidden = net.hidden(rows(m, history), false).toFloatArray();
            for (int t = 0; t < L; t++) {
                long[] window = new long[W];
                for (int i = 0; i < W; i++) {
                    int s = t - W + 1 + i;
                    window[i] = s < 0 ? 0 : history[s];
                }
                assertArrayEquals(
                        reference(p, window), Arrays.copyOfRange(hidden, t * D, (t + 1) * D), 1e-5f, "position " + t);
            }
            assertArrayEquals(
                    reference(p, new long[] {4, 5, 6}),
                    net.userVectors(rows(m, history)).toFloatArray(),
                    1e-5f);
        }
    }

    @Test
    void itemsBeforeTheWindowDoNotMatter() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            CaserNetwork net = CaserNetwork.initialize(CONFIG, m, 2);
            assertArrayEquals(
                    net.userVectors(rows(m, new long[] {1, 2, 7, 8, 9})).toFloatArray(),
                    net.userVectors(rows(m, new long[] {0, 11, 7, 8, 9})).toFloatArray(),
                    0f);
            assertFalse(Arrays.equals(
                    net.userVectors(rows(m, new long[] {1, 2, 7, 8, 9})).toFloatArray(),
                    net.userVectors(rows(m, new long[] {1, 2, 12, 8, 9})).toFloatArray()));
        }
    }

    @Test
    void inputAndOutputEmbeddingsAreSeparate() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            CaserNetwork net = CaserNetwork.initialize(CONFIG, m, 3);
            assertEquals(net.parameters().get(Networks.ITEM_EMBEDDING), net.itemEmbeddings());
            assertFalse(Arrays.equals(
                    net.itemEmbeddings().toFloatArray(),
                    net.parameters().get(CaserNetwork.INPUT_EMBEDDING).toFloatArray()));
            assertFalse(Networks.exportParameters(net).containsKey(Networks.ITEM_EMBEDDING));
            assertEquals(
                    new ai.djl.ndarray.types.Shape(D, 2 * D + W * 4),
                    net.parameters().get("fc.weight").getShape());
        }
    }

    @Test
    void configRejectsBadValues() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new CaserConfig(10, 8, 4, 5, 16, 4, 0f));
        assertEquals("window must be in 1..min(max_len, 64) = 1..4, got 5", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new CaserConfig(10, 8, 50, 5, 0, 4, 0f));
        assertThrows(IllegalArgumentException.class, () -> new CaserConfig(10, 8, 50, 5, 16, 2000, 0f));
    }

    /** The user vector of one window of W rows, oldest first, following the paper's equations. */
    private static float[] reference(Map<String, NDArray> p, long[] window) {
        float[] emb = p.get(CaserNetwork.INPUT_EMBEDDING).toFloatArray();
        float[][] image = new float[W][];
        for (int i = 0; i < W; i++) {
            // Padding (row 0) reads as a zero row
            image[i] = window[i] == 0
                    ? new float[D]
                    : Arrays.copyOfRange(emb, (int) window[i] * D, (int) (window[i] + 1) * D);
        }
        int nv = CONFIG.vFilters();
        int nh = CONFIG.hFilters();
        float[] z = new float[CONFIG.concatWidth()];
        // Vertical: o_v[f] = sum_i V[f, i] E_i + b_v[f], flattened f-major
        float[] v = p.get("vertical.weight").toFloatArray();
        float[] vb = p.get("vertical.bias").toFloatArray();
        for (int f = 0; f < nv; f++) {
            for (int k = 0; k < D; k++) {
                double s = vb[f];
                for (int i = 0; i < W; i++) {
                    s += v[f * W + i] * image[i][k];
                }
                z[f * D + k] = (float) s;
            }
        }
        // Horizontal: height h, filter f: max over placements j of ReLU(<F, E_{j..j+h-1}> + b)
        for (int h = 1; h <= W; h++) {
            float[] w = p.get("horizontal" + h + ".weight").toFloatArray(); // (n_h, D, h)
            float[] b = p.get("horizontal" + h + ".bias").toFloatArray();
            for (int f = 0; f < nh; f++) {
                double best = Double.NEGATIVE_INFINITY;
                for (int j = 0; j + h <= W; j++) {
                    double s = b[f];
                    for (int k = 0; k < D; k++) {
                        for (int i = 0; i < h; i++) {
                            s += w[(f * D + k) * h + i] * image[j + i][k];
                        }
                    }
                    best = Math.max(best, Math.max(0, s));
                }
                z[nv * D + (h - 1) * nh + f] = (float) best;
            }
        }
        // Fully connected layer to D with ReLU
        float[] fw = p.get("fc.weight").toFloatArray();
        float[] fb = p.get("fc.bias").toFloatArray();
        float[] out = new float[D];
        for (int o = 0; o < D; o++) {
            double s = fb[o];
            for (int j = 0; j < z.length; j++) {
                s += fw[o * z.length + j] * z[j];
            }
            out[o] = (float) Math.max(0, s);
        }
        return out;
    }

    private static float[] uniform(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
