package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.split.LeaveOneOut;

/** Early stopping, checkpoints and resumption on whole (small) training runs. */
class TrainingRunTests {
    @TempDir
    Path dir;

    private static TrainingResult train(InteractionData data, TrainingConfig cfg, TrainingListener listener) {
        return Training.train(data, LeaveOneOut.of(data), cfg, listener);
    }

    @Test
    void earlyStoppingEndsTheRunPatienceEpochsAfterTheBest() throws Exception {
        InteractionData data = TrainingTests.plantedPairs(11);
        // a learning rate so small that no ranking changes: the first epoch stays the best
        TrainingConfig cfg =
                TrainingTests.small().epochs(20).learningRate(1e-9f).patience(2).build();
        TrainingResult r = train(data, cfg, TrainingListener.NONE);
        assertTrue(r.stoppedEarly());
        assertEquals(1, r.bestEpoch());
        assertEquals(3, r.epochs().size());
        assertEquals(1, r.artifact().manifest().intParam("best_epoch"));
    }

    @Test
    void aStopReportedByARealRunFollowsThePatienceRule() {
        InteractionData data = TrainingTests.plantedPairs(12);
        TrainingResult r = train(
                data,
                TrainingTests.small().epochs(40).learningRate(0.05f).patience(3).build(),
                TrainingListener.NONE);
        List<EpochRecord> epochs = r.epochs();
        double best = epochs.get(r.bestEpoch() - 1).validation().get(Training.SELECTION_METRIC);
        for (EpochRecord e : epochs) {
            assertTrue(e.validation().get(Training.SELECTION_METRIC) <= best, "epoch " + e.epoch());
        }
        if (r.stoppedEarly()) {
            assertEquals(r.bestEpoch() + 3, epochs.size());
        } else {
            assertEquals(40, epochs.size());
        }
    }

    @Test
    void twoEpochsEqualOneEpochThenResumeForOneMore() throws Exception {
        InteractionData data = TrainingTests.plantedPairs(13);
        TrainingConfig.Builder base = TrainingTests.small()
                .loss("sampled-ce")
                .negatives(8)
                .learningRate(0.01f)
                .clipGradNorm(1f)
                .weightDecay(0.001f);
        ModelArtifact straight = train(
                        data, base.epochs(2).checkpointDir(dir.resolve("a")).build(), TrainingListener.NONE)
                .artifact();

        Path resumable = dir.resolve("b");
        TrainingResult first =
                train(data, base.epochs(1).checkpointDir(resumable).build(), TrainingListener.NONE);
        assertEquals(1, first.epochs().size());
        assertTrue(Files.isRegularFile(resumable.resolve(Training.CHECKPOINT_FILE)));
        List<Integer> restored = new ArrayList<>();
        List<Integer> trained = new ArrayList<>();
        TrainingResult second =
                train(data, base.epochs(2).checkpointDir(resumable).resume(true).build(), new TrainingListener() {
                    @Override
                    public void epochStarted(int epoch, int batches) {
                        trained.add(epoch);
                    }

                    @Override
                    public void batchDone(float loss) {}

                    @Override
                    public void epochDone(int epoch, float meanLoss, Map<String, Double> validationMetrics) {}

                    @Override
                    public void epochRestored(EpochRecord epoch) {
                        restored.add(epoch.epoch());
                    }
                });
        assertEquals(List.of(1), restored);
        assertEquals(List.of(2), trained);
        assertEquals(1, second.resumedAfter());
        assertEquals(2, second.epochs().size());
        assertEquals(first.epochs().get(0), second.epochs().get(0));
        // the same seed-derived streams, Adam state and parameters: bit-identical with one thread
        assertArrayEquals(
                straight.itemEmbeddings().asTensor().data(),
                second.artifact().itemEmbeddings().asTensor().data());
        assertEquals(straight.manifest().metrics(), second.artifact().manifest().metrics());
        straight.parameters()
                .forEach((name, t) -> assertArrayEquals(
                        t.data(), second.artifact().parameters().get(name).data(), name));
    }

    @Test
    void resumingAFinishedRunOnlyExportsItsBestEpoch() {
        InteractionData data = TrainingTests.plantedPairs(14);
        TrainingConfig cfg = TrainingTests.small()
                .epochs(2)
                .learningRate(0.01f)
                .checkpointDir(dir)
                .build();
        TrainingResult done = train(data, cfg, TrainingListener.NONE);
        TrainingResult again = train(data, cfg.toBuilder().resume(true).build(), TrainingListener.NONE);
        assertEquals(done.bestEpoch(), again.bestEpoch());
        assertEquals(2, again.resumedAfter());
        assertArrayEquals(
                done.artifact().itemEmbeddings().asTensor().data(),
                again.artifact().itemEmbeddings().asTensor().data());
    }

    @Test
    void refusesToResumeWithAnotherConfigurationOrOtherData() {
        InteractionData data = TrainingTests.plantedPairs(15);
        TrainingConfig cfg = TrainingTests.small()
                .epochs(1)
                .learningRate(0.01f)
                .checkpointDir(dir)
                .build();
        train(data, cfg, TrainingListener.NONE);

        IllegalArgumentException exists =
                assertThrows(IllegalArgumentException.class, () -> train(data, cfg, TrainingListener.NONE));
        assertTrue(exists.getMessage().contains("pass --resume"), exists.getMessage());

        IllegalArgumentException other = assertThrows(
                IllegalArgumentException.class,
                () -> train(
                        data,
                        cfg.toBuilder()
                                .resume(true)
                                .epochs(3)
                                .learningRate(0.02f)
                                .dim(8)
                                .build(),
                        TrainingListener.NONE));
        assertTrue(
                other.getMessage()
                        .contains("learning_rate 0.009999999776482582 (checkpoint) vs 0.019999999552965164 (now)"),
                other.getMessage());
        assertTrue(other.getMessage().contains("dim 16 (checkpoint) vs 8 (now)"), other.getMessage());

        InteractionData otherData = TrainingTests.plantedPairs(16);
        IllegalArgumentException data2 = assertThrows(
                IllegalArgumentException.class,
                () -> train(otherData, cfg.toBuilder().resume(true).build(), TrainingListener.NONE));
        assertTrue(data2.getMessage().contains("different data"), data2.getMessage());

        IllegalArgumentException missing = assertThrows(
                IllegalArgumentException.class,
                () -> train(
                        data,
                        cfg.toBuilder()
                                .checkpointDir(dir.resolve("empty"))
                                .resume(true)
                                .build(),
                        TrainingListener.NONE));
        assertTrue(missing.getMessage().startsWith("--resume: no checkpoint at"), missing.getMessage());
    }
}
