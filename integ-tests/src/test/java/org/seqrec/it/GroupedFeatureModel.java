package org.seqrec.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.train.FeatureInput;
import org.seqrec.trainer.train.RankingTraining;
import org.seqrec.trainer.train.Training;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.TrainingListener;

/**
 * A small SASRec model with item features, trained with the real trainer: whoever sees
 * {@code lead-<g>} next sees one of group g's followers {@code follow-<g>-<i>}; every item has the
 * features {@code kind} (lead, follow, noise) and, for leads and followers, {@code group} (g0..g3).
 * A follower the model never saw, with kind=follow and group=g, must then score highest after
 * {@code lead-<g>} from its features alone.
 */
public record GroupedFeatureModel(ModelArtifact artifact) {
    public static final int GROUPS = 4;
    private static final int FOLLOWERS = 5;
    private static final List<String> KINDS = List.of("lead", "follow", "noise");

    /** A SASRec; trains in a few seconds on one core; deterministic for a seed. */
    public static GroupedFeatureModel train(long seed) {
        return train(seed, "sasrec");
    }

    /**
     * A SASRec, or a ranking model ({@code din}, {@code bst}: sampled-ce with 8 negatives), with the
     * features; deterministic for a seed.
     */
    public static GroupedFeatureModel train(long seed, String model) {
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
        InteractionData log = b.build("grouped followers");
        boolean ranking = !model.equals("sasrec");
        TrainingConfig.Builder builder = TrainingConfig.builder()
                .model(model)
                .loss(ranking ? "sampled-ce" : "ce")
                .epochs(25)
                .dim(16)
                .batchSize(64)
                .learningRate(0.01f)
                .maxLen(8)
                .blocks(1)
                .heads(1)
                .dropout(0.1f)
                .seed(seed)
                .device(DevicePreference.CPU)
                .threads(1);
        TrainingConfig cfg = (ranking ? builder.negatives(8) : builder).build();
        FeatureInput features = new FeatureInput(features(log), 0.3f);
        ModelArtifact artifact = ranking
                ? RankingTraining.train(log, LeaveOneOut.of(log), cfg, null, null, features, TrainingListener.NONE)
                        .artifact()
                : Training.train(log, LeaveOneOut.of(log), cfg, features, TrainingListener.NONE)
                        .artifact();
        return new GroupedFeatureModel(artifact);
    }

    private static ItemFeatures features(InteractionData data) {
        List<ItemFeatures.Value> values = new ArrayList<>();
        for (String kind : KINDS) {
            values.add(new ItemFeatures.Value("kind", kind));
        }
        for (int g = 0; g < GROUPS; g++) {
            values.add(new ItemFeatures.Value("group", "g" + g));
        }
        int[][] rows = new int[data.numItems() + 1][];
        rows[0] = new int[0];
        for (int r = 1; r <= data.numItems(); r++) {
            String[] parts = data.itemId(r).split("-");
            int kind = KINDS.indexOf(parts[0]) + 1;
            rows[r] = parts[0].equals("noise")
                    ? new int[] {kind}
                    : new int[] {kind, KINDS.size() + 1 + Integer.parseInt(parts[1])};
        }
        return ItemFeatures.of(List.of("kind", "group"), values, rows);
    }

    /** Writes the artifact as {@code <configDir>/seqrec/models/<modelId>.seqrec}, where nodes look. */
    public Path installInto(Path configDir, String modelId) throws IOException {
        Path file = configDir.resolve("seqrec").resolve("models").resolve(modelId + ".seqrec");
        artifact.write(file);
        return file;
    }
}
