package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.model.ModelTypes;
import org.seqrec.model.NewItems;
import org.seqrec.nn.cpu.CpuRankingNetwork;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.split.LeaveOneOut;

/**
 * Training with item features: whoever sees an item of group g next sees one of group g's several
 * followers, so the group feature carries the pattern; a follower the model has never seen is then
 * placed by its features alone.
 */
class FeatureTrainingTests {
    private static final int GROUPS = 4;
    private static final int FOLLOWERS = 5;

    @TempDir
    Path dir;

    static InteractionData groupedLog(long seed) {
        Random random = new Random(seed);
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.growing());
        for (int u = 0; u < 500; u++) {
            List<String> seq = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                seq.add("noise-" + random.nextInt(30));
            }
            int g = random.nextInt(GROUPS);
            int at = random.nextInt(seq.size() - 1);
            seq.add(at, "lead-" + g);
            seq.add(at + 1, "follow-" + g + "-" + random.nextInt(FOLLOWERS));
            for (String item : seq) {
                b.add("u" + u, item);
            }
        }
        return b.build("grouped");
    }

    /** kind (lead, follow, noise) and, for leads and followers, group. */
    static ItemFeatures features(InteractionData data) {
        List<ItemFeatures.Value> values = new ArrayList<>();
        for (String kind : List.of("lead", "follow", "noise")) {
            values.add(new ItemFeatures.Value("kind", kind));
        }
        for (int g = 0; g < GROUPS; g++) {
            values.add(new ItemFeatures.Value("group", "g" + g));
        }
        int[][] rows = new int[data.numItems() + 1][];
        rows[0] = new int[0];
        for (int r = 1; r <= data.numItems(); r++) {
            String[] parts = data.itemId(r).split("-");
            int kind = List.of("lead", "follow", "noise").indexOf(parts[0]) + 1;
            rows[r] = parts[0].equals("noise") ? new int[] {kind} : new int[] {kind, 4 + Integer.parseInt(parts[1])};
        }
        return ItemFeatures.of(List.of("kind", "group"), values, rows);
    }

    @Test
    void aNewItemIsPlacedByItsFeaturesAndTheArtifactRoundTrips() throws Exception {
        InteractionData data = groupedLog(3);
        TrainingConfig cfg =
                TrainingTests.small().epochs(25).learningRate(0.01f).build();
        ModelArtifact artifact = Training.train(
                        data, LeaveOneOut.of(data), cfg, new FeatureInput(features(data), 0.3f), TrainingListener.NONE)
                .artifact();
        assertEquals(
                List.of("kind", "group"), artifact.manifest().hyperParameters().get("feature_fields"));
        Path file = dir.resolve("f.seqrec");
        artifact.write(file);
        ModelArtifact read = ModelArtifact.read(file);
        FeatureModel fm = read.features().orElseThrow();
        try (SequenceEncoder encoder = SequenceEncoder.open(read, DevicePreference.CPU)) {
            for (int g = 0; g < GROUPS; g++) {
                float[] user = encoder.encode(List.of("noise-3", "noise-17", "lead-" + g));
                int best = -1;
                float bestScore = Float.NEGATIVE_INFINITY;
                for (int h = 0; h < GROUPS; h++) {
                    // a follower of group h the model has never seen: features only
                    float[] e = fm.embedValues(Map.of("kind", List.of("follow"), "group", List.of("g" + h)));
                    float s = 0;
                    for (int j = 0; j < e.length; j++) {
                        s += user[j] * e[j];
                    }
                    if (s > bestScore) {
                        bestScore = s;
                        best = h;
                    }
                }
                assertEquals(g, best, "the new follower of the lead's group scores highest after lead-" + g);
            }
        }
    }

    @Test
    void theFittedTablePlacesANewFollowerAmongItsKnownSiblings() throws Exception {
        InteractionData data = groupedLog(3);
        TrainingConfig cfg =
                TrainingTests.small().epochs(25).learningRate(0.01f).build();
        ModelArtifact trained = Training.train(
                        data, LeaveOneOut.of(data), cfg, new FeatureInput(features(data), 0.3f), TrainingListener.NONE)
                .artifact();
        ModelArtifact fitted = NewItemTable.fitted(trained, 1);
        assertEquals(NewItemTable.FITTED, fitted.manifest().hyperParameters().get(NewItemTable.TABLE_KEY));
        assertEquals(
                trained.itemEmbeddings().asTensor(), fitted.itemEmbeddings().asTensor(), "known items unchanged");
        try (SequenceEncoder encoder = SequenceEncoder.open(fitted, DevicePreference.CPU)) {
            for (int g = 0; g < GROUPS; g++) {
                Map<String, List<String>> newFollower = Map.of("kind", List.of("follow"), "group", List.of("g" + g));
                float[] user = encoder.encode(List.of("noise-3", "noise-17", "lead-" + g));
                float byFitted = dot(user, fitted.features().orElseThrow().embedValues(newFollower));
                float byTrained = dot(user, trained.features().orElseThrow().embedValues(newFollower));
                float[] known = fitted.itemEmbeddings().dotAll(user);
                double siblings = 0;
                for (int f = 0; f < FOLLOWERS; f++) {
                    siblings += known[data.vocabulary().rowOf("follow-" + g + "-" + f)] / (double) FOLLOWERS;
                }
                // the trained table only learned to place an item whose id was dropped: it scores lower
                assertTrue(
                        Math.abs(byFitted - siblings) < Math.abs(byTrained - siblings),
                        "after lead-" + g + ": known followers " + siblings + " on average, the new one " + byFitted
                                + " (fitted), " + byTrained + " (trained)");
                for (int r = 1; r <= data.numItems(); r++) {
                    if (data.itemId(r).startsWith("noise-")) {
                        assertTrue(byFitted > known[r], "after lead-" + g + ": " + data.itemId(r) + " outscores it");
                    }
                }
            }
        }
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }

    /**
     * DIN, DIEN and BST with features: the artifact carries them, and a follower added after training
     * ({@link NewItems}, features only) is ranked, after its group's lead, above new followers of
     * the other groups.
     */
    @ParameterizedTest
    @ValueSource(strings = {"din", "dien", "bst"})
    void aRankingModelWithFeaturesRanksANewFollowerOfTheLeadsGroupFirst(String model) throws Exception {
        InteractionData data = groupedLog(5);
        TrainingConfig cfg = TrainingTests.small()
                .model(model)
                .loss("sampled-ce")
                .negatives(8)
                .epochs(25)
                .learningRate(0.01f)
                .build();
        ModelArtifact trained = RankingTraining.train(
                        data,
                        LeaveOneOut.of(data),
                        cfg,
                        null,
                        null,
                        new FeatureInput(features(data), 0.3f),
                        TrainingListener.NONE)
                .artifact();
        assertEquals(
                List.of("kind", "group"), trained.manifest().hyperParameters().get("feature_fields"));
        List<NewItems.Item> added = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            added.add(new NewItems.Item(
                    "new-follower-" + g, Map.of("kind", List.of("follow"), "group", List.of("g" + g))));
        }
        Path file = dir.resolve(model + ".seqrec");
        NewItems.append(trained, added).write(file);
        ModelArtifact read = ModelArtifact.read(file);
        CpuRankingNetwork ranker = ModelTypes.cpuRanking(read);
        int[] candidates = new int[GROUPS];
        for (int g = 0; g < GROUPS; g++) {
            candidates[g] = read.vocabulary().rowOf("new-follower-" + g);
        }
        List<String> misses = new ArrayList<>();
        for (int g = 0; g < GROUPS; g++) {
            int[] history = {
                read.vocabulary().rowOf("noise-3"), read.vocabulary().rowOf("lead-" + g)
            };
            float[] scores = ranker.scores(history, candidates);
            int best = 0;
            for (int h = 1; h < GROUPS; h++) {
                if (scores[h] > scores[best]) {
                    best = h;
                }
            }
            if (best != g) {
                misses.add("lead-" + g + " -> new-follower-" + best);
            }
        }
        assertEquals(List.of(), misses);
    }

    @Test
    void featuresOfAnotherCatalogueAndBaselinesAreRefused() {
        InteractionData data = groupedLog(4);
        ItemFeatures small = ItemFeatures.of(
                List.of("kind"), List.of(new ItemFeatures.Value("kind", "lead")), new int[][] {{}, {1}});
        TrainingConfig cfg = TrainingTests.small().epochs(1).build();
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> Training.train(
                        data, LeaveOneOut.of(data), cfg, new FeatureInput(small, 0.1f), TrainingListener.NONE));
        assertTrue(e.getMessage().contains("cover 1 items"), e.getMessage());
        TrainingConfig pop = TrainingConfig.builder().model("pop").build();
        IllegalArgumentException b = assertThrows(
                IllegalArgumentException.class,
                () -> Training.train(
                        data,
                        LeaveOneOut.of(data),
                        pop,
                        new FeatureInput(features(data), 0.1f),
                        TrainingListener.NONE));
        assertTrue(b.getMessage().contains("--item-features applies to networks"), b.getMessage());
    }
}
