package org.seqrec.artifact;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Writes {@code .seqrec} files: manifest first, then vocabulary, embeddings and parameters. */
final class ArtifactWriter {
    private ArtifactWriter() {}

    static void write(ModelArtifact artifact, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = Files.createTempFile(parent, file.getFileName().toString(), ".tmp");
        try {
            try (OutputStream os = Files.newOutputStream(tmp)) {
                write(artifact, os);
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes the artifact's zip to {@code out} (not closed). */
    static void write(ModelArtifact artifact, OutputStream out) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        StringBuilder items = new StringBuilder();
        for (String id : artifact.vocabulary().ids()) {
            items.append(id).append('\n');
        }
        entries.put(ArtifactEntries.ITEMS, items.toString().getBytes(StandardCharsets.UTF_8));
        if (!artifact.itemEmbeddings().isIdentity()) {
            // identity embeddings are declared in the manifest and never stored
            entries.put(
                    ArtifactEntries.ITEM_EMBEDDINGS,
                    Npy.encode(artifact.itemEmbeddings().asTensor()));
        }
        artifact.features().ifPresent(f -> FeatureEntries.write(f, entries));
        artifact.parameters().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> entries.put(ArtifactEntries.parameterEntry(e.getKey()), Npy.encode(e.getValue())));

        Map<String, String> checksums = new LinkedHashMap<>();
        entries.forEach((name, bytes) -> checksums.put(name, ArtifactEntries.sha256(bytes)));
        Manifest manifest = artifact.manifest().withChecksums(checksums);

        ZipOutputStream zip = new ZipOutputStream(out);
        putEntry(zip, ArtifactEntries.MANIFEST, manifest.toJson().getBytes(StandardCharsets.UTF_8));
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            putEntry(zip, e.getKey(), e.getValue());
        }
        zip.finish();
    }

    private static void putEntry(ZipOutputStream zip, String name, byte[] bytes) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(bytes);
        zip.closeEntry();
    }
}
