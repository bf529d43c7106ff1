package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.seqrec.encoder.Device;

class TrainingConfigTests {
    private static TrainingConfig with(String model, String loss, int epochs, int batch, float lr, int dim, int heads,
                                       float dropout) {
        return new TrainingConfig(model, loss, epochs, batch, lr, dim, 50, 2, heads, dropout, 1, Device.CPU, 2);
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        TrainingConfig d = TrainingConfig.defaults();
        assertEquals("sasrec", d.model());
        assertEquals("ce", d.loss());
        assertEquals(50, d.epochs());
        assertEquals(128, d.batchSize());
        assertEquals(0.001f, d.learningRate());
        assertEquals(64, d.dim());
        assertEquals(50, d.maxLen());
        assertEquals(2, d.blocks());
        assertEquals(1, d.heads());
        assertEquals(0.2f, d.dropout());
        assertEquals(42L, d.seed());
        assertEquals(Device.AUTO, d.device());
        assertEquals(Math.min(1024, Runtime.getRuntime().availableProcessors()), d.threads());
        assertEquals(128, d.asMap().get("batch_size"));
        assertEquals("auto", d.asMap().get("device"));
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheFlag() {
        assertMessage("--model must be one of [sasrec], got 'gru4rec'", () -> with("gru4rec", "ce", 1, 1, 0.1f, 8, 1, 0));
        assertMessage("--loss must be one of [ce, bce], got 'mse'", () -> with("sasrec", "mse", 1, 1, 0.1f, 8, 1, 0));
        assertMessage("--epochs must be in 1..10000, got 0", () -> with("sasrec", "ce", 0, 1, 0.1f, 8, 1, 0));
        assertMessage("--batch-size must be in 1..65536, got -5", () -> with("sasrec", "ce", 1, -5, 0.1f, 8, 1, 0));
        assertMessage("--lr must be in (0, 10], got 0.0", () -> with("sasrec", "ce", 1, 1, 0f, 8, 1, 0));
        assertMessage("--lr must be in (0, 10], got NaN", () -> with("sasrec", "ce", 1, 1, Float.NaN, 8, 1, 0));
        assertMessage("--dim (10) must be a multiple of --heads (4)", () -> with("sasrec", "ce", 1, 1, 0.1f, 10, 4, 0));
        assertMessage("--dropout must be in [0, 1), got 1.0", () -> with("sasrec", "ce", 1, 1, 0.1f, 8, 1, 1f));
        assertMessage("--threads must be in 1..1024, got 0",
                () -> new TrainingConfig("sasrec", "ce", 1, 1, 0.1f, 8, 50, 2, 1, 0f, 1, Device.CPU, 0));
        assertMessage("--max-len must be in 1..4096, got 0",
                () -> new TrainingConfig("sasrec", "ce", 1, 1, 0.1f, 8, 0, 2, 1, 0f, 1, Device.CPU, 1));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable e) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, e).getMessage());
    }
}
