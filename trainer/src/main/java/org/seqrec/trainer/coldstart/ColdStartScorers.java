package org.seqrec.trainer.coldstart;

import java.util.Arrays;
import java.util.List;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.eval.BatchScorer;

/**
 * The scorers the cold-start protocol compares, over the candidates of a {@link ColdStartSplit}
 * (warm rows 1..n_w, then the cold items).
 */
public final class ColdStartScorers {
    private ColdStartScorers() {}

    /**
     * The model: u . E[r] for warm items (E holds E_id + pool(F)) and u . pool(F[features]) for a cold
     * item, from its features alone ({@link FeatureModel#embed}); a cold item none of whose feature
     * values the model knows scores negative infinity (it has no representation). Does not own the encoder.
     *
     * @param coldFeatures the cold items' features, by cold item (1-based index k, index 0 unused)
     */
    public static BatchScorer model(
            ModelArtifact artifact, SequenceEncoder encoder, List<ItemFeatures.Value[]> coldFeatures) {
        FeatureModel fm =
                artifact.features().orElseThrow(() -> new IllegalArgumentException("the model has no item features"));
        ItemEmbeddings warm = artifact.itemEmbeddings();
        float[][] cold = new float[coldFeatures.size()][];
        for (int k = 1; k < coldFeatures.size(); k++) {
            int[] rows = Arrays.stream(coldFeatures.get(k))
                    .mapToInt(v -> fm.features().rowOf(v.field(), v.value()))
                    .filter(r -> r > 0)
                    .sorted()
                    .distinct()
                    .toArray();
            cold[k] = rows.length == 0 ? null : fm.embed(rows);
        }
        return histories -> {
            float[][] users = encoder.encodeRows(histories);
            float[][] out = new float[users.length][];
            for (int b = 0; b < users.length; b++) {
                float[] warmScores = warm.dotAll(users[b]);
                float[] s = Arrays.copyOf(warmScores, warmScores.length + cold.length - 1);
                for (int k = 1; k < cold.length; k++) {
                    s[warmScores.length - 1 + k] = cold[k] == null ? Float.NEGATIVE_INFINITY : dot(users[b], cold[k]);
                }
                out[b] = s;
            }
            return out;
        };
    }

    /**
     * Popularity: every user gets the same scores, the number of times each candidate occurs in
     * {@code counted} (by item id); with the full log that is an oracle that knows the cold items'
     * future popularity, with the warm log the cold items all score 0.
     */
    public static BatchScorer popularity(ColdStartSplit split, InteractionData counted) {
        int warmItems = split.warm().numItems();
        float[] scores = new float[split.numCandidates() + 1];
        float[] byRow = new float[counted.numItems() + 1];
        for (int u = 0; u < counted.numUsers(); u++) {
            for (int r : counted.sequence(u)) {
                byRow[r]++;
            }
        }
        for (int r = 1; r <= warmItems; r++) {
            int c = counted.vocabulary().rowOf(split.warm().itemId(r));
            scores[r] = c < 0 ? 0 : byRow[c];
        }
        for (int k = 1; k <= split.coldItems().size(); k++) {
            int c = counted.vocabulary().rowOf(split.coldItems().get(k - 1));
            scores[warmItems + k] = c < 0 ? 0 : byRow[c];
        }
        return histories -> {
            float[][] out = new float[histories.length][];
            Arrays.fill(out, scores);
            return out;
        };
    }

    /**
     * {@code scorer} with every warm item at negative infinity: the target is then ranked among the
     * held-out items only (a measure of what the features say, apart from competing with known items).
     */
    public static BatchScorer heldOutOnly(ColdStartSplit split, BatchScorer scorer) {
        int warmItems = split.warm().numItems();
        return histories -> {
            float[][] scores = scorer.score(histories);
            float[][] out = new float[scores.length][];
            for (int b = 0; b < scores.length; b++) {
                out[b] = scores[b].clone();
                Arrays.fill(out[b], 1, warmItems + 1, Float.NEGATIVE_INFINITY);
            }
            return out;
        };
    }

    private static float dot(float[] a, float[] b) {
        float s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
