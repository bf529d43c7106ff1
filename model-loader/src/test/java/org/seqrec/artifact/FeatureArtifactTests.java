package org.seqrec.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.testing.TinyModels;

class FeatureArtifactTests {
    private static final int ITEMS = 6;
    private static final int DIM = 4;

    @TempDir
    Path dir;

    /** Fields brand and category; items 1..5 have features, item 6 none. */
    static ItemFeatures features() {
        List<ItemFeatures.Value> values = List.of(
                new ItemFeatures.Value("brand", "acme"),
                new ItemFeatures.Value("brand", "zenith"),
                new ItemFeatures.Value("category", "gloves"),
                new ItemFeatures.Value("category", "hats"));
        int[][] items = {{}, {1, 3}, {1, 4}, {2, 3}, {2, 4}, {3}, {}};
        return ItemFeatures.of(List.of("brand", "category"), values, items);
    }

    static FeatureModel model(ItemFeatures f) {
        float[] data = new float[(f.numValues() + 1) * DIM];
        for (int i = DIM; i < data.length; i++) {
            data[i] = (i % 7) - 3;
        }
        return new FeatureModel(f, new FloatTensor(new long[] {f.numValues() + 1, DIM}, data));
    }

    static ModelArtifact withFeatures(ModelArtifact plain, FeatureModel fm) {
        Map<String, Object> hyper = new LinkedHashMap<>(plain.manifest().hyperParameters());
        hyper.putAll(fm.hyperParameters());
        Manifest m = plain.manifest();
        Manifest withHyper = new Manifest(
                m.formatVersion(),
                m.modelType(),
                hyper,
                m.embeddingDim(),
                m.maxSeqLen(),
                m.numItems(),
                m.checksums(),
                m.trainingData(),
                m.metrics(),
                m.createdAt(),
                m.trainerVersion());
        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(withHyper)
                .setVocabulary(plain.vocabulary())
                .setItemEmbeddings(plain.itemEmbeddings().asTensor())
                .setFeatures(fm);
        plain.parameters().forEach(b::addParameter);
        return b.build();
    }

    private ModelArtifact artifact() {
        return withFeatures(TinyModels.sasrec(ITEMS, DIM, 3, 1), model(features()));
    }

    @Test
    void roundTripKeepsTheFeatures() throws Exception {
        ModelArtifact a = artifact();
        Path file = dir.resolve("f.seqrec");
        a.write(file);
        ModelArtifact b = ModelArtifact.read(file);
        assertEquals(a.features().orElseThrow(), b.features().orElseThrow());
        assertEquals(
                List.of("brand", "category"),
                b.features().orElseThrow().features().fields());
        assertArrayEquals(
                new int[] {2, 4}, b.features().orElseThrow().features().itemRows(4));
        assertEquals(0, b.features().orElseThrow().features().itemRows(6).length);
        assertTrue(b.manifest().checksums().containsKey("features/embeddings.npy"));
        assertTrue(TinyModels.sasrec(ITEMS, DIM, 3, 1).features().isEmpty());
    }

    @Test
    void anotherFeatureTableReplacesOnlyTheTable() throws Exception {
        ModelArtifact a = artifact();
        FeatureModel trained = a.features().orElseThrow();
        float[] other = trained.embeddings().data().clone();
        other[DIM + 1] = 42f;
        FeatureModel fitted = new FeatureModel(
                trained.features(), new FloatTensor(trained.embeddings().shape(), other));
        ModelArtifact b = a.withFeatures(fitted);
        assertEquals(fitted, b.features().orElseThrow());
        assertEquals(a.itemEmbeddings().asTensor(), b.itemEmbeddings().asTensor());
        Path file = dir.resolve("fitted.seqrec");
        b.write(file);
        assertEquals(fitted, ModelArtifact.read(file).features().orElseThrow());

        // another vocabulary, another width, or a model without features: refused, nothing changed
        ItemFeatures fewer = ItemFeatures.of(
                List.of("brand"), List.of(new ItemFeatures.Value("brand", "acme")), new int[ITEMS + 1][0]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.withFeatures(model(fewer)));
        assertEquals("the new feature table must keep the model's features and shape [5, 4]", e.getMessage());
        FeatureModel wider = new FeatureModel(
                trained.features(), new FloatTensor(new long[] {5, DIM + 1}, new float[5 * (DIM + 1)]));
        assertThrows(IllegalArgumentException.class, () -> a.withFeatures(wider));
        assertThrows(
                IllegalStateException.class,
                () -> TinyModels.sasrec(ITEMS, DIM, 3, 1).withFeatures(fitted));
        assertEquals(trained, a.features().orElseThrow());
    }

    @Test
    void newItemIsTheMeanOfItsFeatureEmbeddings() {
        FeatureModel fm = model(features());
        float[] f = fm.embeddings().data();
        float[] e = fm.embedValues(Map.of("brand", List.of("zenith"), "category", List.of("gloves", "socks")));
        for (int j = 0; j < DIM; j++) {
            assertEquals((f[2 * DIM + j] + f[3 * DIM + j]) / 2, e[j], 1e-6);
        }
        assertNull(fm.embedValues(Map.of("brand", List.of("unknown-brand"))));
        IllegalArgumentException bad =
                assertThrows(IllegalArgumentException.class, () -> fm.embedValues(Map.of("colour", List.of("red"))));
        assertTrue(bad.getMessage().contains("unknown feature field 'colour'"), bad.getMessage());
        assertTrue(bad.getMessage().contains("[brand, category]"), bad.getMessage());
    }

    @Test
    void refusesFeatureEntriesTheManifestDoesNotDeclare() throws Exception {
        byte[] plain = bytesOf(TinyModels.sasrec(ITEMS, DIM, 3, 1));
        byte[] bytes = addEntry(plain, "features/values.txt", "brand\tacme\n".getBytes(StandardCharsets.UTF_8));
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("features/values.txt"), e.getMessage());
    }

    @Test
    void refusesAFeatureRowOutsideTheVocabulary() throws Exception {
        byte[] bytes = rewrite(
                bytesOf(artifact()),
                "features/items.txt",
                old -> "1 3\n1 4\n2 3\n2 9\n3\n\n".getBytes(StandardCharsets.UTF_8));
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(
                e.getMessage().contains("item row 4 has feature row 9, outside the feature rows 1..4"), e.getMessage());
    }

    @Test
    void refusesItemFeaturesThatDoNotCoverTheCatalogue() throws Exception {
        byte[] bytes = rewrite(
                bytesOf(artifact()), "features/items.txt", old -> "1 3\n1 4\n".getBytes(StandardCharsets.UTF_8));
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(
                e.getMessage().contains("features/items.txt has 2 lines but the manifest says num_items=6"),
                e.getMessage());
    }

    @Test
    void refusesAValueOfAnUndeclaredField() throws Exception {
        byte[] bytes = rewrite(
                bytesOf(artifact()),
                "features/values.txt",
                old -> new String(old, StandardCharsets.UTF_8)
                        .replace("brand\tzenith", "colour\tred")
                        .getBytes(StandardCharsets.UTF_8));
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("has field 'colour', not one of [brand, category]"), e.getMessage());
    }

    @Test
    void refusesAMissingFeatureEntry() throws Exception {
        byte[] bytes = drop(bytesOf(artifact()), "features/embeddings.npy");
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("features/embeddings.npy"), e.getMessage());
    }

    @Test
    void builderRefusesFeaturesTheManifestDoesNotDeclare() {
        ModelArtifact plain = TinyModels.sasrec(ITEMS, DIM, 3, 1);
        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(plain.manifest())
                .setVocabulary(plain.vocabulary())
                .setItemEmbeddings(plain.itemEmbeddings().asTensor())
                .setFeatures(model(features()));
        plain.parameters().forEach(b::addParameter);
        assertThrows(IllegalArgumentException.class, b::build);
    }

    private byte[] bytesOf(ModelArtifact a) throws IOException {
        Path file = dir.resolve("tmp.seqrec");
        a.write(file);
        return Files.readAllBytes(file);
    }

    /** Changes one entry and fixes its checksum in the manifest, so that only the content is wrong. */
    private static byte[] rewrite(byte[] zipBytes, String entry, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> entries = unzip(zipBytes);
        entries.put(entry, change.apply(entries.get(entry)));
        return zipWithChecksums(entries);
    }

    private static byte[] addEntry(byte[] zipBytes, String entry, byte[] content) throws IOException {
        Map<String, byte[]> entries = unzip(zipBytes);
        entries.put(entry, content);
        return zipWithChecksums(entries);
    }

    private static byte[] drop(byte[] zipBytes, String entry) throws IOException {
        Map<String, byte[]> entries = unzip(zipBytes);
        entries.remove(entry);
        return zipWithChecksums(entries);
    }

    private static Map<String, byte[]> unzip(byte[] zipBytes) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                entries.put(e.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] zipWithChecksums(Map<String, byte[]> entries) throws IOException {
        Manifest m;
        try {
            m = Manifest.fromJson(new String(entries.get("manifest.json"), StandardCharsets.UTF_8));
        } catch (ArtifactException e) {
            throw new IOException(e);
        }
        Map<String, String> sums = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> {
            if (!name.equals("manifest.json")) {
                sums.put(name, ArtifactEntries.sha256(bytes));
            }
        });
        entries.put("manifest.json", m.withChecksums(sums).toJson().getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
