package org.seqrec.trainer.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.index.ExactItemIndex;
import org.seqrec.index.ScoredItem;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.synthetic.PlantedPatternData;
import org.seqrec.trainer.train.Training;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.TrainingListener;
import org.seqrec.trainer.train.TrainingResult;

/** Baselines through {@link Training#train}: planted patterns, validation metrics, servable artifacts. */
class BaselineTrainingTests {
    @TempDir
    Path dir;

    private static TrainingResult train(InteractionData data, String model) {
        return Training.train(
                data,
                LeaveOneOut.of(data),
                TrainingConfig.builder().model(model).threads(1).build(),
                TrainingListener.NONE);
    }

    @Test
    void markovLearnsEveryPlantedSuccessorAndServesItFromTheWrittenArtifact() throws Exception {
        PlantedPatternData planted = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(5));
        TrainingResult result = train(planted.log().toInteractionData("planted"), "markov");
        Path file = dir.resolve("markov.seqrec");
        result.artifact().write(file);
        ModelArtifact artifact = ModelArtifact.read(file);
        assertTrue(artifact.itemEmbeddings().isIdentity());
        try (SequenceEncoder encoder = SequenceEncoder.open(artifact, DevicePreference.AUTO);
                ExactItemIndex index = new ExactItemIndex(artifact.itemEmbeddings())) {
            for (Map.Entry<String, String> next : planted.plantedNext().entrySet()) {
                List<ScoredItem> top = index.search(encoder.encode(List.of("n1", next.getKey())), 1, null);
                assertEquals(
                        next.getValue(), artifact.vocabulary().idOf(top.get(0).row()), "after " + next.getKey());
            }
        }
    }

    @Test
    void markovBeatsPopularityOnPlantedDataAndBothReportLikeNetworks() {
        InteractionData data = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(6))
                .log()
                .toInteractionData("planted");
        TrainingResult pop = train(data, "pop");
        TrainingResult markov = train(data, "markov");
        for (TrainingResult r : List.of(pop, markov)) {
            assertEquals(1, r.bestEpoch());
            assertEquals(1, r.epochs().size());
            assertFalse(r.stoppedEarly());
            Map<String, Object> metrics = r.artifact().manifest().metrics();
            assertTrue(metrics.containsKey(Training.SELECTION_METRIC), metrics.toString());
            assertTrue(metrics.containsKey("val_full_excl_seen.hr@10"), metrics.toString());
            assertEquals(
                    r.epochs().get(0).validation().get(Training.SELECTION_METRIC),
                    metrics.get(Training.SELECTION_METRIC));
            assertTrue(r.epochs().get(0).meanLoss() > 0f);
        }
        double popNdcg = pop.epochs().get(0).validation().get(Training.SELECTION_METRIC);
        double markovNdcg = markov.epochs().get(0).validation().get(Training.SELECTION_METRIC);
        assertTrue(markovNdcg > popNdcg + 0.05, "markov " + markovNdcg + " vs pop " + popNdcg);
        assertEquals("pop", pop.artifact().manifest().modelType());
        assertEquals(1, pop.artifact().manifest().embeddingDim());
        assertEquals(data.numItems() + 1, markov.artifact().manifest().embeddingDim());
    }

    @Test
    void popArtifactScoresLogCountsForEveryHistory() throws Exception {
        InteractionData data = BaselineFixtures.handMade();
        ModelArtifact artifact = train(data, "pop").artifact();
        Path file = dir.resolve("pop.seqrec");
        artifact.write(file);
        ModelArtifact read = ModelArtifact.read(file);
        try (SequenceEncoder encoder = SequenceEncoder.open(read, DevicePreference.CPU)) {
            float[] u = encoder.encode(List.of("x", "y"));
            assertArrayEquals(new float[] {1f}, u);
            float[] scores = read.itemEmbeddings().dotAll(u);
            assertArrayEquals(
                    new float[] {0f, (float) Math.log(5), (float) Math.log(4), (float) Math.log(2), 0f, 0f, 0f},
                    scores,
                    1e-6f);
        }
    }

    @Test
    void baselineConfigIsOneCountingPass() {
        TrainingConfig cfg = TrainingConfig.builder()
                .model("markov")
                .epochs(30)
                .patience(5)
                .threads(1)
                .build();
        assertTrue(cfg.isBaseline());
        assertEquals(1, cfg.epochs());
        assertEquals(0, cfg.patience());
        assertEquals(
                List.of("model", "seed", "device", "threads"),
                List.copyOf(cfg.asMap().keySet()));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class,
                () -> TrainingConfig.builder().model("pop").checkpointDir(dir).build());
        assertTrue(e.getMessage().contains("--checkpoint-dir applies to"), e.getMessage());
    }
}
