package org.seqrec.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.testing.CountArtifacts;

/** Artifacts of the counting baselines: round trips, and the reader refusing inconsistent ones. */
class CountModelArtifactTests {
    @TempDir
    Path dir;

    @Test
    void markovRoundTripStoresNoMatrix() throws Exception {
        ModelArtifact a = CountArtifacts.markov();
        Path file = dir.resolve("markov.seqrec");
        a.write(file);
        ModelArtifact b = ModelArtifact.read(file);
        assertTrue(b.itemEmbeddings().isIdentity());
        assertEquals(5, b.itemEmbeddings().dim());
        assertEquals(a.parameters(), b.parameters());
        assertEquals(CountArtifacts.transitions(), TransitionCounts.fromParameters(b.parameters(), 4));
        assertFalse(entries(file).containsKey("item_embeddings.npy"), "the identity must not be stored");
        assertEquals(entries(file).size() - 1, b.manifest().checksums().size());
    }

    @Test
    void popRoundTrip() throws Exception {
        ModelArtifact a = CountArtifacts.pop();
        Path file = dir.resolve("pop.seqrec");
        a.write(file);
        ModelArtifact b = ModelArtifact.read(file);
        assertEquals(a.itemEmbeddings().asTensor(), b.itemEmbeddings().asTensor());
        assertEquals((float) Math.log1p(4), b.itemEmbeddings().dot(new float[] {1f}, 3));
        assertTrue(b.parameters().isEmpty());
    }

    @Test
    void readerRejectsNonMonotoneIndptr() throws Exception {
        assertRejected(TransitionCounts.INDPTR, new float[] {0, 0, 2, 1, 3, 3}, "non-decreasing");
    }

    @Test
    void readerRejectsSuccessorOutsideTheItems() throws Exception {
        assertRejected(TransitionCounts.ITEMS, new float[] {2, 3, 5}, "outside the item rows 1..4");
        assertRejected(TransitionCounts.ITEMS, new float[] {2, 3, 0}, "outside the item rows 1..4");
        assertRejected(TransitionCounts.ITEMS, new float[] {2, 3, -4}, "is not an integer in");
    }

    @Test
    void readerRejectsNegativeOrNonFiniteCounts() throws Exception {
        assertRejected(TransitionCounts.COUNTS, new float[] {2, -1, 1}, "not a finite count");
        assertRejected(TransitionCounts.POPULARITY, new float[] {0, 3, Float.NaN, 4, 1}, "not a finite count");
    }

    @Test
    void readerRejectsWrongLengthsAndFractionalRows() throws Exception {
        assertRejected(TransitionCounts.INDPTR, new float[] {0, 0, 2, 3, 3}, "expected num_items + 2 = 6");
        assertRejected(TransitionCounts.COUNTS, new float[] {2, 1}, "has 3 entries but");
        assertRejected(TransitionCounts.ITEMS, new float[] {2, 2.5f, 3}, "is not an integer");
        assertRejected(TransitionCounts.ITEMS, new float[] {3, 2, 3}, "strictly increasing within a row");
    }

    @Test
    void readerRejectsEmbeddingsOfAnotherRankWithAClearMessage() throws Exception {
        byte[] npy = Npy.encode(new FloatTensor(new long[] {5}, new float[5]));
        byte[] bytes = replace(bytesOf(CountArtifacts.pop()), "item_embeddings.npy", npy);
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(
                e.getMessage().contains("item_embeddings.npy has shape [5] but the manifest implies [5, 1]"),
                e.getMessage());
    }

    @Test
    void readerRejectsAStoredMatrixForIdentityEmbeddings() throws Exception {
        byte[] npy = Npy.encode(new FloatTensor(new long[] {5, 5}, new float[25]));
        byte[] bytes = replace(bytesOf(CountArtifacts.markov()), "item_embeddings.npy", npy);
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("never stored"), e.getMessage());
    }

    @Test
    void readerRejectsUnknownEmbeddingFormAndMissingEpsilon() throws Exception {
        byte[] bytes = bytesOf(CountArtifacts.markov());
        ArtifactException form = assertThrows(
                ArtifactException.class,
                () -> ModelArtifact.read(new ByteArrayInputStream(editManifest(
                        bytes, "\"item_embeddings\": \"identity\"", "\"item_embeddings\": \"diagonal\""))));
        assertTrue(form.getMessage().contains("must be 'matrix' or 'identity'"), form.getMessage());
        ArtifactException eps = assertThrows(
                ArtifactException.class,
                () -> ModelArtifact.read(new ByteArrayInputStream(editManifest(bytes, "\"epsilon\"", "\"eps\""))));
        assertTrue(eps.getMessage().contains("epsilon"), eps.getMessage());
    }

    @Test
    void builderRefusesIdentityForOtherModelTypesAndPopWithParameters() {
        ModelArtifact.Builder sasrecIdentity = ModelArtifact.builder()
                .setManifest(
                        CountArtifacts.manifest("sasrec", Map.of(CountModels.ITEM_EMBEDDINGS, CountModels.IDENTITY), 5))
                .setVocabulary(ItemVocabulary.of(CountArtifacts.IDS))
                .setIdentityItemEmbeddings();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, sasrecIdentity::build);
        assertTrue(e.getMessage().contains("only valid for model_type markov"), e.getMessage());

        ModelArtifact.Builder popWithParams = ModelArtifact.builder()
                .setManifest(CountArtifacts.manifest(CountModels.POP, Map.of(), 1))
                .setVocabulary(ItemVocabulary.of(CountArtifacts.IDS))
                .setItemEmbeddings(new FloatTensor(new long[] {5, 1}, new float[5]))
                .addParameter("extra", new FloatTensor(new long[] {1}, new float[1]));
        e = assertThrows(IllegalArgumentException.class, popWithParams::build);
        assertTrue(e.getMessage().contains("pop has no parameters"), e.getMessage());
    }

    @Test
    void transitionCountsRefuseInconsistentArrays() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new TransitionCounts(
                        4, new int[] {0, 1, 1, 1, 1, 1}, new int[] {2}, new float[] {1}, CountArtifacts.POPULARITY));
        assertTrue(e.getMessage().contains("row 0 pads"), e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> new TransitionCounts(
                        4,
                        new int[] {0, 0, 5, 3, 3, 3},
                        new int[] {2, 3, 4},
                        new float[] {2, 1, 1},
                        CountArtifacts.POPULARITY));
        assertTrue(e.getMessage().contains("non-decreasing"), e.getMessage());
    }

    /** A markov artifact whose parameter {@code name} is replaced by {@code values} (checksum fixed) fails to read. */
    private void assertRejected(String name, float[] values, String expected) throws IOException, ArtifactException {
        byte[] npy = Npy.encode(new FloatTensor(new long[] {values.length}, values));
        byte[] bytes = replace(bytesOf(CountArtifacts.markov()), ArtifactEntries.parameterEntry(name), npy);
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    private byte[] bytesOf(ModelArtifact a) throws IOException {
        Path file = dir.resolve("tmp.seqrec");
        a.write(file);
        return Files.readAllBytes(file);
    }

    private static Map<String, byte[]> entries(Path file) throws IOException {
        return unzip(Files.readAllBytes(file));
    }

    private static Map<String, byte[]> unzip(byte[] bytes) throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                m.put(e.getName(), in.readAllBytes());
            }
        }
        return m;
    }

    /** Puts {@code content} under {@code entry} and updates the manifest's checksums to match. */
    private static byte[] replace(byte[] zipBytes, String entry, byte[] content) throws IOException, ArtifactException {
        Map<String, byte[]> m = unzip(zipBytes);
        m.put(entry, content);
        Manifest manifest = Manifest.fromJson(new String(m.get(ArtifactEntries.MANIFEST), StandardCharsets.UTF_8));
        Map<String, String> sums = new LinkedHashMap<>(manifest.checksums());
        sums.put(entry, ArtifactEntries.sha256(content));
        m.put(ArtifactEntries.MANIFEST, manifest.withChecksums(sums).toJson().getBytes(StandardCharsets.UTF_8));
        return zip(m);
    }

    private static byte[] editManifest(byte[] zipBytes, String from, String to) throws IOException {
        Map<String, byte[]> m = unzip(zipBytes);
        String json = new String(m.get(ArtifactEntries.MANIFEST), StandardCharsets.UTF_8);
        assertTrue(json.contains(from), json);
        m.put(ArtifactEntries.MANIFEST, json.replace(from, to).getBytes(StandardCharsets.UTF_8));
        return zip(m);
    }

    private static byte[] zip(Map<String, byte[]> entries) throws IOException {
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
