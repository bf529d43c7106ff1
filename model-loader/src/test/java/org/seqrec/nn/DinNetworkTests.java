package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.nn.cpu.CpuDin;

class DinNetworkTests {
    private static final int N = 9;
    private static final int D = 8;
    private static final int L = 6;
    private static final DinConfig CONFIG = new DinConfig(N, D, L, 0.2f);

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    /** The plain-Java pass gives the DJL network's logits: full, short, repeated and empty histories. */
    @Test
    void theCpuPassEqualsTheDjlNetwork() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            DinNetwork net = DinNetwork.initialize(CONFIG, m, 3);
            NetworkFixtures.assertCpuScoresAsDjl(m, net, CpuDin.of(CONFIG, tensors(net)), 1e-5f);
        }
    }

    /** A query at position t reads the items up to t only: later items change nothing there. */
    @Test
    void aQueryReadsNoItemAfterItsPosition() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            DinNetwork net = DinNetwork.initialize(CONFIG, m, 5);
            NDArray positions = m.create(new long[] {2, 5});
            NDArray candidates = m.create(new long[] {4, 8, 4, 8}, new Shape(2, 2));
            float[] a = net.logits(rows(m, new long[] {0, 1, 2, 3, 4, 5}), positions, candidates, false)
                    .toFloatArray();
            float[] b = net.logits(rows(m, new long[] {0, 1, 2, 9, 9, 9}), positions, candidates, false)
                    .toFloatArray();
            assertArrayEquals(Arrays.copyOf(a, 2), Arrays.copyOf(b, 2), 1e-6f, "position 2 reads items 0..2");
            assertNotEquals(a[2], b[2], "position 5 reads the changed items");
            // position 2 of the full history is the last position of its prefix, padded
            float[] prefix = net.lastLogits(
                            rows(m, new long[] {0, 0, 0, 0, 1, 2}), m.create(new long[] {4, 8}, new Shape(1, 2)))
                    .toFloatArray();
            assertArrayEquals(prefix, Arrays.copyOf(a, 2), 1e-5f);
        }
    }

    /** One backward pass of binary cross-entropy reaches every parameter. */
    @Test
    void gradientsReachEveryParameter() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NetworkFixtures.assertGradientsReachEveryParameter(m, DinNetwork.initialize(CONFIG, m, 7));
        }
    }

    @Test
    void refusesPositionsOutsideTheRows() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            DinNetwork net = DinNetwork.initialize(CONFIG, m, 7);
            CpuDin cpu = CpuDin.of(CONFIG, tensors(net));
            NetworkFixtures.assertRefusesRowsOutsideTheModel(m, net, cpu, N);
            assertEquals(0, cpu.scores(new int[] {1}, new int[0]).length);
        }
    }

    private static Map<String, FloatTensor> tensors(DinNetwork net) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        net.parameters().forEach((k, v) -> out.put(k, Networks.toTensor(v)));
        return out;
    }
}
