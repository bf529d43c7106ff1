package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.seqrec.nn.NetworkFixtures.rows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Arrays;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DjlRuntime;

class SrGnnNetworkTests {
    private static final int D = 8;
    private static final int L = 7;
    private static final SrGnnConfig CONFIG = new SrGnnConfig(5, D, L, 0.1f);

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    /**
     * Training reads all prefixes in one pass: position t must be SR-GNN on the session graph of
     * events 0..t alone, i.e. the user vector of that prefix as a history of its own (repeated items
     * and repeated edges included, so that the running degrees and node merging are exercised).
     */
    @Test
    void positionTIsTheUserVectorOfThePrefixEndingThere() {
        long[] session = {3, 1, 3, 3, 2, 1, 3};
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SrGnnNetwork net = SrGnnNetwork.initialize(CONFIG, m, 4);
            float[] all = net.hidden(rows(m, session), false).toFloatArray();
            for (int t = 0; t < L; t++) {
                long[] prefix = new long[L];
                System.arraycopy(session, 0, prefix, L - 1 - t, t + 1);
                NDArray alone = net.userVectors(rows(m, prefix));
                assertArrayEquals(
                        alone.toFloatArray(), Arrays.copyOfRange(all, t * D, (t + 1) * D), 1e-5f, "position " + t);
            }
        }
    }
}
