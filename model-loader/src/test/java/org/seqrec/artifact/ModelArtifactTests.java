package org.seqrec.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.testing.TinyModels;

class ModelArtifactTests {
    @TempDir
    Path dir;

    @Test
    void roundTripKeepsEverything() throws Exception {
        ModelArtifact a = TinyModels.sasrec(20, 8, 5, 1);
        Path file = dir.resolve("m.seqrec");
        a.write(file);
        ModelArtifact b = ModelArtifact.read(file);
        assertEquals(a.vocabulary().ids(), b.vocabulary().ids());
        assertEquals(a.parameters(), b.parameters());
        assertEquals(a.itemEmbeddings().asTensor(), b.itemEmbeddings().asTensor());
        assertEquals("sasrec", b.manifest().modelType());
        assertEquals(8, b.manifest().intParam("dim"));
        assertEquals(0.5, ((Number) b.manifest().metrics().get("test_full.ndcg@10")).doubleValue());
        assertTrue(b.manifest().checksums().containsKey("items.txt"));
        assertEquals(a.parameters().size() + 2, b.manifest().checksums().size());
    }

    @Test
    void rejectsTruncatedFile() throws Exception {
        byte[] bytes = bytesOf(TinyModels.sasrec(20, 8, 5, 1));
        byte[] cut = Arrays.copyOf(bytes, bytes.length / 2);
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(cut)));
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void rejectsTamperedEntry() throws Exception {
        byte[] bytes = rewrite(
                bytesOf(TinyModels.sasrec(20, 8, 5, 1)),
                "items.txt",
                old -> new String(old, StandardCharsets.UTF_8)
                        .replace("sku-3\n", "sku-x\n")
                        .getBytes(StandardCharsets.UTF_8));
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("checksum mismatch for 'items.txt'"), e.getMessage());
    }

    @Test
    void rejectsUnknownFormatVersion() throws Exception {
        byte[] bytes = rewrite(
                bytesOf(TinyModels.sasrec(20, 8, 5, 1)),
                "manifest.json",
                old -> new String(old, StandardCharsets.UTF_8)
                        .replace("\"format_version\": 1", "\"format_version\": 7")
                        .getBytes(StandardCharsets.UTF_8));
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("unknown artifact format version 7"), e.getMessage());
    }

    @Test
    void rejectsManifestInconsistentWithContent() throws Exception {
        byte[] bytes = rewrite(
                bytesOf(TinyModels.sasrec(20, 8, 5, 1)),
                "manifest.json",
                old -> new String(old, StandardCharsets.UTF_8)
                        .replace("\"num_items\": 20", "\"num_items\": 21")
                        .getBytes(StandardCharsets.UTF_8));
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(new ByteArrayInputStream(bytes)));
        assertTrue(e.getMessage().contains("num_items=21"), e.getMessage());
    }

    @Test
    void rejectsNonZipAndMissingFile() {
        assertThrows(
                ArtifactException.class,
                () -> ModelArtifact.read(new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8))));
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelArtifact.read(dir.resolve("nope.seqrec")));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void npyRoundTripAndHeaderAlignment() throws Exception {
        FloatTensor t = new FloatTensor(new long[] {2, 3}, new float[] {1, 2, 3, 4, 5, 6});
        byte[] bytes = Npy.encode(t);
        assertEquals(0, (bytes.length - 24) % 64, "header must pad to 64 bytes");
        assertEquals(t, Npy.decode("t", bytes));
        FloatTensor v = new FloatTensor(new long[] {3}, new float[] {1, 2, 3});
        assertArrayEquals(v.data(), Npy.decode("v", Npy.encode(v)).data());
        assertThrows(ArtifactException.class, () -> Npy.decode("t", Arrays.copyOf(bytes, bytes.length - 4)));
    }

    private byte[] bytesOf(ModelArtifact a) throws IOException {
        Path file = dir.resolve("tmp.seqrec");
        a.write(file);
        return Files.readAllBytes(file);
    }

    private static byte[] rewrite(byte[] zipBytes, String entry, java.util.function.UnaryOperator<byte[]> change)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zipBytes));
                ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry e;
            while ((e = in.getNextEntry()) != null) {
                byte[] content = in.readAllBytes();
                zip.putNextEntry(new ZipEntry(e.getName()));
                zip.write(e.getName().equals(entry) ? change.apply(content) : content);
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
