package org.seqrec.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.CountModels;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.artifact.TransitionCounts;

/**
 * Hand-made counting baselines over four items a, b, c, d (rows 1..4), with training counts
 * a 3, b 2, c 4, d 1 and transitions a -&gt; b twice, a -&gt; c once, b -&gt; d once (c and d have
 * no successors).
 */
public final class CountArtifacts {
    public static final List<String> IDS = List.of("a", "b", "c", "d");
    public static final float[] POPULARITY = {0, 3, 2, 4, 1};
    public static final double EPSILON = 1e-6;

    private CountArtifacts() {}

    public static TransitionCounts transitions() {
        return new TransitionCounts(
                4, new int[] {0, 0, 2, 3, 3, 3}, new int[] {2, 3, 4}, new float[] {2, 1, 1}, POPULARITY.clone());
    }

    public static ModelArtifact markov() {
        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(manifest(
                        CountModels.MARKOV,
                        Map.of(CountModels.ITEM_EMBEDDINGS, CountModels.IDENTITY, CountModels.EPSILON, EPSILON),
                        5))
                .setVocabulary(ItemVocabulary.of(IDS))
                .setIdentityItemEmbeddings();
        transitions().toParameters().forEach(b::addParameter);
        return b.build();
    }

    public static ModelArtifact pop() {
        float[] e = new float[POPULARITY.length];
        for (int i = 0; i < e.length; i++) {
            e[i] = (float) Math.log1p(POPULARITY[i]);
        }
        return ModelArtifact.builder()
                .setManifest(manifest(CountModels.POP, Map.of(), 1))
                .setVocabulary(ItemVocabulary.of(IDS))
                .setItemEmbeddings(new FloatTensor(new long[] {e.length, 1}, e))
                .build();
    }

    public static Manifest manifest(String type, Map<String, Object> hyper, int dim) {
        return new Manifest(
                Manifest.FORMAT_VERSION,
                type,
                hyper,
                dim,
                1,
                IDS.size(),
                Map.of(),
                Map.of("users", 2),
                Map.of(),
                Instant.EPOCH.toString(),
                "test");
    }
}
