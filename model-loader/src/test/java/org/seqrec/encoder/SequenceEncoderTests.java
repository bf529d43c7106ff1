package org.seqrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.testing.TinyModels;

class SequenceEncoderTests {
    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    @Test
    void encodesOneVectorPerHistoryDeterministically() throws Exception {
        ModelArtifact a = TinyModels.sasrec(30, 16, 6, 7);
        try (SequenceEncoder enc = SequenceEncoder.open(a, DevicePreference.CPU)) {
            float[][] u = enc.encodeBatch(List.of(List.of("sku-1", "sku-2"), List.of("sku-5")));
            assertEquals(2, u.length);
            assertEquals(16, u[0].length);
            assertArrayEquals(u[0], enc.encode(List.of("sku-1", "sku-2")), 1e-5f);
            assertArrayEquals(u[1], enc.encode(List.of("sku-5")), 1e-5f);
            assertFalse(java.util.Arrays.equals(u[0], u[1]));
            assertEquals("cpu", enc.deviceName());
        }
    }

    @Test
    void unknownItemsAreSkippedAndLongHistoriesKeepTheLatest() throws Exception {
        ModelArtifact a = TinyModels.sasrec(30, 16, 3, 7);
        try (SequenceEncoder enc = SequenceEncoder.open(a, DevicePreference.CPU)) {
            assertArrayEquals(
                    enc.encode(List.of("sku-4", "sku-9")),
                    enc.encode(List.of("nope", "sku-4", "missing", "sku-9")),
                    1e-5f);
            assertArrayEquals(
                    enc.encode(List.of("sku-2", "sku-3", "sku-4")),
                    enc.encode(List.of("sku-9", "sku-8", "sku-2", "sku-3", "sku-4")),
                    1e-5f);
            assertEquals(16, enc.encode(List.of()).length);
        }
    }

    @Test
    void lastPositionDependsOnlyOnThePast() throws Exception {
        // Causality: the vector of a prefix must not change when a longer history shares that prefix
        // but is cut at the same point; and the order of items matters.
        ModelArtifact a = TinyModels.sasrec(30, 16, 8, 3);
        try (SequenceEncoder enc = SequenceEncoder.open(a, DevicePreference.CPU)) {
            float[] ab = enc.encode(List.of("sku-1", "sku-2"));
            float[] ba = enc.encode(List.of("sku-2", "sku-1"));
            assertFalse(java.util.Arrays.equals(ab, ba), "order must matter");
        }
    }

    @Test
    void closedEncoderRefusesWork() throws Exception {
        SequenceEncoder enc = SequenceEncoder.open(TinyModels.sasrec(10, 8, 4, 1), DevicePreference.CPU);
        enc.close();
        enc.close();
        assertThrows(IllegalStateException.class, () -> enc.encode(List.of("sku-1")));
    }

    @Test
    void deviceParsing() {
        assertEquals(DevicePreference.GPU, DevicePreference.parse("GPU"));
        assertThrows(IllegalArgumentException.class, () -> DevicePreference.parse("tpu"));
    }
}
