package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.eval.ArtifactScorer;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.Evaluator;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.synthetic.DailyDriftData;
import org.seqrec.trainer.train.loss.Loss;

/** Every model and loss learns a planted next item, and the artifact serves it through the encoder. */
class TrainingTests {
    private static final int PAIRS = 5;

    /** Users see random noise items, and whenever they see lead-k they next see follow-k. */
    static InteractionData plantedPairs(long seed) {
        Random random = new Random(seed);
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.growing());
        for (int u = 0; u < 400; u++) {
            List<String> seq = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                seq.add("noise-" + random.nextInt(40));
            }
            int pair = random.nextInt(PAIRS);
            int at = random.nextInt(seq.size() - 1);
            seq.add(at, "lead-" + pair);
            seq.add(at + 1, "follow-" + pair);
            for (String item : seq) {
                b.add("u" + u, item);
            }
        }
        return b.build("planted pairs");
    }

    /**
     * A small, quick configuration: D 16, L 8, one block, one thread, every epoch of the budget run
     * (patience off: the planted data's validation NDCG saturates long before the test's top-1 check
     * is safe).
     */
    static TrainingConfig.Builder small() {
        return TrainingConfig.builder()
                .patience(0)
                .batchSize(64)
                .dim(16)
                .maxLen(8)
                .blocks(1)
                .heads(1)
                .dropout(0.1f)
                .seed(7)
                .device(DevicePreference.CPU)
                .threads(1);
    }

    private static ModelArtifact train(InteractionData data, TrainingConfig cfg) {
        return Training.train(data, LeaveOneOut.of(data), cfg, TrainingListener.NONE)
                .artifact();
    }

    @Test
    void learnsAPlantedNextItemAndExportsAServableArtifact() throws Exception {
        InteractionData data = plantedPairs(1);
        ModelArtifact artifact =
                train(data, small().loss("ce").epochs(40).learningRate(0.01f).build());
        assertTopOneIsTheFollower(artifact);
        assertEquals("sasrec", artifact.manifest().modelType());
        assertTrue(artifact.manifest().metrics().containsKey(Training.SELECTION_METRIC));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"bce, 60, 0.005", "sampled-ce, 30, 0.01", "gbce, 60, 0.01"})
    void sampledLossesAlsoLearnIt(String loss, int epochs, float lr) throws Exception {
        InteractionData data = plantedPairs(2);
        ModelArtifact artifact = train(
                data,
                small().loss(loss).negatives(16).epochs(epochs).learningRate(lr).build());
        assertTopOneIsTheFollower(artifact);
        assertEquals(loss, artifact.manifest().hyperParameters().get("loss"));
    }

    @ParameterizedTest(name = "{0}")
    // BERT4Rec learns from the few masked positions only, so it needs many more epochs (as in its paper)
    @CsvSource({
        "sasrec, 30, 0.01",
        "gru4rec, 30, 0.01",
        "caser, 30, 0.01",
        "bert4rec, 200, 0.005",
        "srgnn, 30, 0.01",
        "bsarec, 30, 0.01"
    })
    void everyModelLearnsIt(String model, int epochs, float lr) throws Exception {
        InteractionData data = plantedPairs(4);
        ModelArtifact artifact = train(
                data,
                small().model(model).window(3).epochs(epochs).learningRate(lr).build());
        assertEquals(model, artifact.manifest().modelType());
        assertTopOneIsTheFollower(artifact);
    }

    @Test
    void postLayerNormSasRecLearnsItToo() throws Exception {
        InteractionData data = plantedPairs(5);
        ModelArtifact artifact = train(
                data, small().layerNorm("post").epochs(30).learningRate(0.01f).build());
        assertEquals("post", artifact.manifest().hyperParameters().get("layer_norm"));
        assertTopOneIsTheFollower(artifact);
    }

    @Test
    void sameSeedSameModel() {
        InteractionData data = plantedPairs(3);
        for (Loss loss : Loss.values()) {
            TrainingConfig cfg = small().loss(loss)
                    .negatives(8)
                    .epochs(2)
                    .learningRate(0.01f)
                    .build();
            float[] ea = train(data, cfg).itemEmbeddings().asTensor().data();
            float[] eb = train(data, cfg).itemEmbeddings().asTensor().data();
            for (int i = 0; i < ea.length; i++) {
                assertEquals(ea[i], eb[i], 1e-5f, loss + ": embedding value " + i);
            }
        }
    }

    @Test
    void aTimeAwareSasRecLearnsTheDailyRuleThatATimeBlindOneCannot() throws Exception {
        InteractionData data = DailyDriftData.generate(new DailyDriftData.Settings(400, 8, 2, 12, 20, 2, 10, 3))
                .log()
                .toInteractionData("daily");
        LeaveOneOut split = LeaveOneOut.of(data);
        TrainingConfig.Builder cfg = small().maxLen(20).epochs(25).learningRate(0.01f);
        ModelArtifact blind =
                Training.train(data, split, cfg.build(), TrainingListener.NONE).artifact();
        ModelArtifact timed = Training.train(
                        data, split, cfg.timeFeatures("gap_hour").build(), TrainingListener.NONE)
                .artifact();
        assertFalse(blind.manifest().readsTimes());
        assertTrue(timed.manifest().readsTimes());
        assertEquals("gap_hour", timed.manifest().hyperParameters().get("time_features"));
        double blindNdcg = testNdcg(blind, split, data);
        double timedNdcg = testNdcg(timed, split, data);
        assertTrue(
                timedNdcg >= 1.2 * blindNdcg,
                "time-aware NDCG@10 " + timedNdcg + " should beat time-blind " + blindNdcg + " by 1.2x");

        ModelArtifact slirec = Training.train(data, split, cfg.model("slirec").build(), TrainingListener.NONE)
                .artifact();
        assertEquals("slirec", slirec.manifest().modelType());
        assertTrue(slirec.manifest().readsTimes());
        double slirecNdcg = testNdcg(slirec, split, data);
        System.out.printf(
                java.util.Locale.ROOT,
                "daily NDCG@10: sasrec %.4f, sasrec gap_hour %.4f, slirec %.4f%n",
                blindNdcg,
                timedNdcg,
                slirecNdcg);
        assertTrue(
                slirecNdcg >= 1.2 * blindNdcg,
                "slirec NDCG@10 " + slirecNdcg + " should beat time-blind " + blindNdcg + " by 1.2x");
    }

    @Test
    void aTimeReadingModelRefusesALogWithoutTimes() {
        InteractionData data = plantedPairs(6);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> train(data, small().timeFeatures("gap_hour").epochs(1).build()));
        assertEquals(
                "--time-features gap_hour reads event times, but planted pairs has none: use --format csv, tsv, or"
                        + " pairs with a third column 'user item time'",
                e.getMessage());
    }

    @Test
    void aTimeReadingModelRefusesMilliseconds() {
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.growing());
        for (int i = 0; i < 4; i++) {
            b.add("u", "i" + i, 1_764_496_800_000.0 + i * 1000);
        }
        InteractionData data = b.build("ms");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> train(data, small().timeFeatures("gap_hour").epochs(1).build()));
        assertTrue(e.getMessage().contains("milliseconds?"), e.getMessage());
    }

    private static double testNdcg(ModelArtifact artifact, LeaveOneOut split, InteractionData data) throws Exception {
        try (SequenceEncoder encoder = SequenceEncoder.open(artifact, DevicePreference.CPU)) {
            return new Evaluator(new ArtifactScorer(artifact, encoder), data.numItems(), 256)
                    .evaluate(split.testCases(), new EvaluationProtocol.Full(), 1)
                    .flatten("test")
                    .get("test_full.ndcg@10");
        }
    }

    static void assertTopOneIsTheFollower(ModelArtifact artifact) throws Exception {
        ItemEmbeddings items = artifact.itemEmbeddings();
        try (SequenceEncoder encoder = SequenceEncoder.open(artifact, DevicePreference.CPU)) {
            for (int pair = 0; pair < PAIRS; pair++) {
                float[] user = encoder.encode(List.of("noise-3", "noise-17", "lead-" + pair));
                int best = -1;
                float bestScore = Float.NEGATIVE_INFINITY;
                for (int row = 1; row < items.numRows(); row++) {
                    float s = items.dot(user, row);
                    if (s > bestScore) {
                        bestScore = s;
                        best = row;
                    }
                }
                assertEquals("follow-" + pair, artifact.vocabulary().idOf(best), "next item after lead-" + pair);
            }
        }
    }
}
