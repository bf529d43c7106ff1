package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DevicePreference;

class TrainingConfigTests {
    @Test
    void defaultsAreTheDocumentedOnes() {
        TrainingConfig d = TrainingConfig.defaults();
        assertEquals("sasrec", d.model().name());
        assertEquals("ce", d.loss().id());
        assertEquals(256, d.negatives());
        assertEquals(0.75f, d.gbceT());
        assertEquals(200, d.epochs());
        assertEquals(128, d.batchSize());
        assertEquals(0.001f, d.learningRate());
        assertEquals(0f, d.weightDecay());
        assertEquals(0f, d.clipGradNorm());
        assertEquals(10, d.patience());
        assertEquals(64, d.dim());
        assertEquals(50, d.maxLen());
        assertEquals(2, d.blocks());
        assertEquals(1, d.heads());
        assertEquals(0.2f, d.dropout());
        assertEquals("pre", d.layerNorm().id());
        assertEquals(1, d.layers());
        assertEquals(5, d.window());
        assertEquals(16, d.hFilters());
        assertEquals(4, d.vFilters());
        assertEquals(0.2f, d.maskProb());
        assertEquals(0.7f, d.alpha());
        assertEquals(5, d.lowPass());
        assertEquals(42L, d.seed());
        assertEquals(DevicePreference.AUTO, d.device());
        assertEquals(1, d.threads());
        assertEquals(null, d.checkpointDir());
        assertEquals(false, d.resume());
        assertEquals(128, d.asMap().get("batch_size"));
        assertEquals("auto", d.asMap().get("device"));
        assertEquals(29, d.asMap().size());
    }

    @Test
    void theBuilderGivesEachModelTypeItsDefaultsAndKeepsNamedValues() {
        TrainingConfig caser = TrainingConfig.builder().model("caser").build();
        assertEquals(
                new ModelDefaults(0.7f, 0.005f, 0.0005f),
                new ModelDefaults(caser.dropout(), caser.learningRate(), caser.weightDecay()));
        assertEquals(ModelDefaults.STANDARD, ModelDefaults.of(TrainingConfig.parseModel("bert4rec")));
        TrainingConfig named =
                TrainingConfig.builder().model("caser").dropout(0.1f).build();
        assertEquals(0.1f, named.dropout());
        assertEquals(0.005f, named.learningRate());
        // a copy keeps the resolved values, whatever model it names next
        TrainingConfig copy = caser.toBuilder().model("sasrec").build();
        assertEquals(0.7f, copy.dropout());
        assertEquals("0.2; gru4rec 0.3, caser 0.7", ModelDefaults.describe(ModelDefaults::dropout));
        assertEquals("0; caser 0.0005", ModelDefaults.describe(ModelDefaults::weightDecay));
    }

    @Test
    void toBuilderKeepsEveryField() {
        TrainingConfig c = TrainingConfig.builder()
                .model("caser")
                .loss("gbce")
                .negatives(7)
                .gbceT(0.5f)
                .epochs(3)
                .batchSize(9)
                .learningRate(0.01f)
                .weightDecay(0.1f)
                .clipGradNorm(2f)
                .patience(4)
                .dim(8)
                .maxLen(12)
                .blocks(3)
                .heads(2)
                .dropout(0.3f)
                .layerNorm("post")
                .layers(2)
                .window(6)
                .hFilters(5)
                .vFilters(3)
                .maskProb(0.4f)
                .alpha(0.3f)
                .lowPass(7)
                .seed(11)
                .device(DevicePreference.CPU)
                .threads(1)
                .checkpointDir(Path.of("/tmp/x"))
                .resume(true)
                .build();
        assertEquals(c, c.toBuilder().build());
    }

    @Test
    void rejectsOutOfRangeValuesNamingTheFlag() {
        assertMessage(
                "--model must be one of [sasrec, bsarec, gru4rec, caser, bert4rec, slirec, srgnn, din, dien, bst, pop, markov], got 'lstm'",
                b -> b.model("lstm"));
        assertMessage("--loss must be one of [ce, sampled-ce, bce, gbce], got 'mse'", b -> b.loss("mse"));
        assertMessage("--negatives must be in 1..100000, got 0", b -> b.negatives(0));
        assertMessage("--gbce-t must be in [0.0, 1.0], got 1.5", b -> b.gbceT(1.5f));
        assertMessage("--epochs must be in 1..10000, got 0", b -> b.epochs(0));
        assertMessage("--batch-size must be in 1..65536, got -5", b -> b.batchSize(-5));
        assertMessage("--lr must be in (0, 10], got 0.0", b -> b.learningRate(0f));
        assertMessage("--lr must be in (0, 10], got NaN", b -> b.learningRate(Float.NaN));
        assertMessage("--weight-decay must be in [0.0, 1.0], got -0.1", b -> b.weightDecay(-0.1f));
        assertMessage("--clip-grad-norm must be in [0.0, 1000000.0], got NaN", b -> b.clipGradNorm(Float.NaN));
        assertMessage("--patience must be in 0..10000, got -1", b -> b.patience(-1));
        assertMessage(
                "--dim (10) must be a multiple of --heads (4)", b -> b.dim(10).heads(4));
        assertMessage("--dropout must be in [0, 1), got 1.0", b -> b.dropout(1f));
        assertMessage("--layer-norm must be one of [pre, post], got 'mid'", b -> b.layerNorm("mid"));
        assertMessage("--layers must be in 1..8, got 9", b -> b.layers(9));
        assertMessage("--window must be in 1..64, got 0", b -> b.window(0));
        assertMessage(
                "--window (8) must not exceed --max-len (6)",
                b -> b.model("caser").window(8).maxLen(6));
        assertMessage(
                "--max-len must be at least 2 for bert4rec (the mask token takes one position), got 1",
                b -> b.model("bert4rec").maxLen(1));
        assertMessage("--h-filters must be in 1..1024, got 0", b -> b.hFilters(0));
        assertMessage("--v-filters must be in 1..1024, got 2000", b -> b.vFilters(2000));
        assertMessage("--mask-prob must be in (0, 1), got 0.0", b -> b.maskProb(0f));
        assertMessage("--threads must be in 1..1024, got 0", b -> b.threads(0));
        assertMessage("--max-len must be in 1..4096, got 0", b -> b.maxLen(0));
        assertMessage("--resume needs --checkpoint-dir (the folder holding the checkpoint)", b -> b.resume(true));
    }

    @Test
    void windowLongerThanMaxLenIsOnlyAnErrorForCaser() {
        assertEquals(
                3, TrainingConfig.builder().model("sasrec").maxLen(3).build().maxLen());
    }

    private static void assertMessage(String expected, UnaryOperator<TrainingConfig.Builder> change) {
        assertEquals(
                expected,
                assertThrows(
                                IllegalArgumentException.class,
                                () -> change.apply(TrainingConfig.builder()).build())
                        .getMessage());
    }
}
