package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

class Gru4RecNetworkTests {
    private static final int D = 8;
    private static final Gru4RecConfig CONFIG = new Gru4RecConfig(20, D, 6, 2, 0.1f);

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    @Test
    void matchesTheMaskedRecurrenceWrittenOut() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // Random non-zero biases too, so that feeding padding would visibly move the state
            Map<String, NDArray> p =
                    new LinkedHashMap<>(Gru4RecNetwork.initialize(CONFIG, m, 1).parameters());
            SplittableRandom random = new SplittableRandom(5);
            p.replaceAll((name, a) -> name.contains(".b_") || name.endsWith(".bias")
                    ? m.create(uniform(random, (int) a.size()), a.getShape())
                    : a);
            Gru4RecNetwork net = Gru4RecNetwork.fromParameters(CONFIG, p);
            long[][] histories = {{0, 0, 0, 4, 5, 6}, {1, 2, 3, 4, 5, 6}, {0, 0, 0, 0, 0, 9}, {0, 0, 0, 0, 0, 0}};
            float[] actual = net.hidden(rows(m, histories), false).toFloatArray();
            for (int b = 0; b < histories.length; b++) {
                float[] expected = reference(p, histories[b]);
                assertArrayEquals(
                        expected, Arrays.copyOfRange(actual, b * 6 * D, (b + 1) * 6 * D), 1e-5f, "history " + b);
            }
        }
    }

    @Test
    void aPaddedHistoryGetsTheVectorOfTheBareHistory() {
        // The same weights reading L = 6 (three padded positions) and L = 3 (no padding at all)
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Gru4RecNetwork padded = Gru4RecNetwork.initialize(CONFIG, m, 2);
            Gru4RecNetwork bare =
                    Gru4RecNetwork.fromParameters(new Gru4RecConfig(20, D, 3, 2, 0.1f), padded.parameters());
            assertArrayEquals(
                    bare.userVectors(rows(m, new long[] {4, 5, 6})).toFloatArray(),
                    padded.userVectors(rows(m, new long[] {0, 0, 0, 4, 5, 6})).toFloatArray(),
                    1e-6f);
        }
    }

    @Test
    void paddedPositionsOutputTheZeroState() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            float[] h = Gru4RecNetwork.initialize(CONFIG, m, 3)
                    .hidden(rows(m, new long[] {0, 0, 7, 8, 9, 10}), false)
                    .toFloatArray();
            assertArrayEquals(new float[2 * D], Arrays.copyOfRange(h, 0, 2 * D), 0f);
        }
    }

    @Test
    void withoutTheProjectionTheUserVectorIsTheBareState() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            Gru4RecNetwork net = Gru4RecNetwork.initialize(CONFIG, m, 4);
            Map<String, NDArray> p = new LinkedHashMap<>(net.parameters());
            p.remove(Gru4RecNetwork.PROJECTION + ".weight");
            p.remove(Gru4RecNetwork.PROJECTION + ".bias");
            Gru4RecConfig bare = new Gru4RecConfig(20, D, 6, 2, 0.1f, false);
            assertEquals(
                    p.keySet(),
                    Gru4RecNetwork.initialize(bare, m, 4).parameters().keySet());
            NDArray rows = rows(m, new long[] {0, 3, 4, 5, 6, 7});
            NDArray state = Gru4RecNetwork.fromParameters(bare, p).userVectors(rows);
            NDArray projected = state.matMul(
                            net.parameters().get("projection.weight").transpose())
                    .add(net.parameters().get("projection.bias"));
            assertArrayEquals(projected.toFloatArray(), net.userVectors(rows).toFloatArray(), 1e-5f);
        }
    }

    @Test
    void configRejectsBadValues() {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> new Gru4RecConfig(10, 8, 5, 0, 0f));
        assertEquals("layers must be in 1..8, got 0", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Gru4RecConfig(10, 8, 5, 1, -0.1f));
    }

    /** (L * D) hidden states of one history: PyTorch's GRU equations, state held at 0 over padding. */
    private static float[] reference(Map<String, NDArray> p, long[] history) {
        int len = history.length;
        int lead = 0;
        while (lead < len && history[lead] == 0) {
            lead++;
        }
        float[] emb = p.get(Networks.ITEM_EMBEDDING).toFloatArray();
        float[][] input = new float[len][D];
        for (int t = 0; t < len; t++) {
            input[t] = Arrays.copyOfRange(emb, (int) history[t] * D, (int) (history[t] + 1) * D);
        }
        for (int k = 0; k < CONFIG.layers(); k++) {
            String pre = "gru.l" + k + ".";
            float[] wih = p.get(pre + "w_ih").toFloatArray();
            float[] whh = p.get(pre + "w_hh").toFloatArray();
            float[] bih = p.get(pre + "b_ih").toFloatArray();
            float[] bhh = p.get(pre + "b_hh").toFloatArray();
            float[][] output = new float[len][D];
            float[] h = new float[D];
            for (int t = lead; t < len; t++) {
                float[] gi = affine(wih, bih, input[t]);
                float[] gh = affine(whh, bhh, h);
                float[] next = new float[D];
                for (int j = 0; j < D; j++) {
                    double r = sigmoid(gi[j] + gh[j]);
                    double z = sigmoid(gi[D + j] + gh[D + j]);
                    double n = Math.tanh(gi[2 * D + j] + r * gh[2 * D + j]);
                    next[j] = (float) ((1 - z) * n + z * h[j]);
                }
                h = next;
                output[t] = h;
            }
            input = output;
        }
        if (CONFIG.projection()) {
            float[] w = p.get("projection.weight").toFloatArray();
            float[] b = p.get("projection.bias").toFloatArray();
            for (int t = lead; t < len; t++) {
                input[t] = affine(w, b, input[t]);
            }
        }
        float[] flat = new float[len * D];
        for (int t = 0; t < len; t++) {
            System.arraycopy(input[t], 0, flat, t * D, D);
        }
        return flat;
    }

    /** W x + b for W (rows of b, D) row-major. */
    private static float[] affine(float[] w, float[] b, float[] x) {
        float[] y = new float[b.length];
        for (int i = 0; i < b.length; i++) {
            double s = b[i];
            for (int j = 0; j < D; j++) {
                s += w[i * D + j] * x[j];
            }
            y[i] = (float) s;
        }
        return y;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }

    private static float[] uniform(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
