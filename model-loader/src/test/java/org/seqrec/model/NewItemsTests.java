package org.seqrec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.nn.cpu.CpuRankingNetwork;
import org.seqrec.testing.TinyModels;

class NewItemsTests {
    private static final int ITEMS = 6;
    private static final int DIM = 4;

    /** A tiny SASRec with features: brand (acme, zenith), category (gloves, hats). */
    static ModelArtifact withFeatures() {
        return withFeatures(TinyModels.sasrec(ITEMS, DIM, 3, 1));
    }

    /** {@code plain} with the features of {@link #withFeatures()}. */
    static ModelArtifact withFeatures(ModelArtifact plain) {
        ItemFeatures f = ItemFeatures.of(
                List.of("brand", "category"),
                List.of(
                        new ItemFeatures.Value("brand", "acme"),
                        new ItemFeatures.Value("brand", "zenith"),
                        new ItemFeatures.Value("category", "gloves"),
                        new ItemFeatures.Value("category", "hats")),
                new int[][] {{}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3}, {}});
        float[] data = new float[5 * DIM];
        for (int i = DIM; i < data.length; i++) {
            data[i] = (i % 5) - 2;
        }
        FeatureModel fm = new FeatureModel(f, new FloatTensor(new long[] {5, DIM}, data));
        Map<String, Object> hyper = new LinkedHashMap<>(plain.manifest().hyperParameters());
        hyper.putAll(fm.hyperParameters());
        Manifest m = plain.manifest();
        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(new Manifest(
                        m.formatVersion(),
                        m.modelType(),
                        hyper,
                        m.embeddingDim(),
                        m.maxSeqLen(),
                        m.numItems(),
                        Map.of(),
                        m.trainingData(),
                        m.metrics(),
                        m.createdAt(),
                        m.trainerVersion()))
                .setVocabulary(plain.vocabulary())
                .setItemEmbeddings(plain.itemEmbeddings().asTensor())
                .setFeatures(fm);
        plain.parameters().forEach(b::addParameter);
        return b.build();
    }

    @Test
    void appendedItemsGetTheirFeaturesOnlyEmbeddingAndServe() throws Exception {
        ModelArtifact a = withFeatures();
        ModelArtifact b = NewItems.append(
                a,
                List.of(
                        new NewItems.Item("sku-new", Map.of("brand", List.of("zenith"), "category", List.of("gloves"))),
                        new NewItems.Item("sku-new2", Map.of("brand", List.of("acme", "unheard-of")))));
        assertEquals(ITEMS + 2, b.manifest().numItems());
        assertEquals(ITEMS + 1, b.vocabulary().rowOf("sku-new"));
        FeatureModel fm = a.features().orElseThrow();
        assertArrayEquals(fm.embed(new int[] {2, 3}), b.itemEmbeddings().row(ITEMS + 1), 1e-6f);
        assertArrayEquals(fm.embed(new int[] {1}), b.itemEmbeddings().row(ITEMS + 2), 1e-6f);
        assertArrayEquals(a.itemEmbeddings().row(3), b.itemEmbeddings().row(3), 0f);
        assertEquals(2, ((Number) b.manifest().trainingData().get(NewItems.ADDED_KEY)).intValue());
        // the result is a valid artifact whose encoder reads the new item in a history
        ModelArtifact read = ModelArtifact.read(new ByteArrayInputStream(b.toBytes()));
        try (SequenceEncoder encoder = SequenceEncoder.open(read, DevicePreference.CPU)) {
            float[] withNew = encoder.encode(List.of("sku-1", "sku-new"));
            float[] without = encoder.encode(List.of("sku-1"));
            assertTrue(!java.util.Arrays.equals(withNew, without), "the new item is read in a history");
        }
    }

    /**
     * A ranking model (DIN) with features takes new items too: each gets its features-only row of E,
     * and the plain-Java pass scores it as a candidate and reads it in a history.
     */
    @Test
    void aRankingModelScoresAppendedItems() throws Exception {
        ModelArtifact a = withFeatures(TinyModels.din(ITEMS, DIM, 3, 2));
        ModelArtifact b = NewItems.append(
                a,
                List.of(new NewItems.Item("sku-new", Map.of("brand", List.of("zenith"), "category", List.of("hats")))));
        int row = b.vocabulary().rowOf("sku-new");
        assertEquals(ITEMS + 1, row);
        assertArrayEquals(
                a.features().orElseThrow().embed(new int[] {2, 4}),
                b.itemEmbeddings().row(row),
                1e-6f);
        CpuRankingNetwork ranker = ModelTypes.cpuRanking(ModelArtifact.read(new ByteArrayInputStream(b.toBytes())));
        float[] scores = ranker.scores(new int[] {1, 2}, new int[] {row, 4});
        assertEquals(2, scores.length);
        assertTrue(Float.isFinite(scores[0]), "the new item gets a score");
        assertTrue(scores[0] != ranker.scores(new int[] {1, 2}, new int[] {3})[0], "it is not scored as another item");
        float[] readNew = ranker.scores(new int[] {1, row}, new int[] {4});
        float[] readOld = ranker.scores(new int[] {1}, new int[] {4});
        assertTrue(readNew[0] != readOld[0], "the new item is read in a history");
        assertThrows(
                IllegalArgumentException.class, () -> ModelTypes.cpuRanking(a).scores(new int[] {1}, new int[] {row}));
    }

    @Test
    void badItemsChangeNothingAndSayWhy() {
        ModelArtifact a = withFeatures();
        assertTrue(message(a, new NewItems.Item("sku-2", Map.of("brand", List.of("acme"))))
                .contains("already known"));
        assertTrue(message(a, new NewItems.Item("x", Map.of("colour", List.of("red"))))
                .contains("unknown feature field 'colour': the model's feature fields are [brand, category]"));
        assertTrue(message(a, new NewItems.Item("x", Map.of("brand", List.of("nobody"))))
                .contains("none of its feature values is known"));
        IllegalArgumentException plain = assertThrows(
                IllegalArgumentException.class,
                () -> NewItems.append(TinyModels.sasrec(ITEMS, DIM, 3, 1), List.of(new NewItems.Item("x", Map.of()))));
        assertTrue(plain.getMessage().contains("has no item features"), plain.getMessage());
        assertEquals(ITEMS, a.manifest().numItems());
    }

    private static String message(ModelArtifact a, NewItems.Item item) {
        return assertThrows(IllegalArgumentException.class, () -> NewItems.append(a, List.of(item)))
                .getMessage();
    }
}
