package org.seqrec.trainer.train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DjlRuntime;

class GradientClippingTests {
    @Test
    void scalesAllGradientsToTheMaximumNormKeepingTheirDirection() {
        DjlRuntime.configure(null, 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            // ||(3, 4, 12)|| = 13
            NDArray a = m.create(new float[] {3, 4});
            NDArray b = m.create(new float[] {12});
            assertEquals(13.0, GradientClipping.clip(List.of(a, b), 1.3), 1e-5);
            assertEquals(1.3, GradientClipping.globalNorm(List.of(a, b)), 1e-5);
            assertArrayEquals(new float[] {0.3f, 0.4f}, a.toFloatArray(), 1e-5f);
            assertArrayEquals(new float[] {1.2f}, b.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void leavesGradientsWithinTheBoundAlone() {
        DjlRuntime.configure(null, 1);
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = m.create(new float[] {3, 4});
            assertEquals(5.0, GradientClipping.clip(List.of(a), 5.0), 1e-5);
            assertArrayEquals(new float[] {3, 4}, a.toFloatArray());
        }
    }
}
