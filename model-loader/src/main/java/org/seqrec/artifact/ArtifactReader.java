package org.seqrec.artifact;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * The validating reader: every check that can fail does so here, with a message naming the entry
 * and what is wrong, so that code past it holds a consistent artifact.
 */
final class ArtifactReader {
    /** Upper bound on any one entry, to refuse zip bombs before allocating. */
    static final long MAX_ENTRY_BYTES = 1L << 30;

    static final int MAX_ENTRIES = 10_000;

    private ArtifactReader() {}

    static ModelArtifact read(Path file) throws ArtifactException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in);
        } catch (NoSuchFileException e) {
            throw new ArtifactException("artifact file not found: " + file, e);
        } catch (IOException e) {
            throw new ArtifactException("cannot read artifact " + file + ": " + e.getMessage(), e);
        }
    }

    static ModelArtifact read(InputStream in) throws ArtifactException {
        Map<String, byte[]> entries = unzip(in);
        byte[] manifestBytes = entries.remove(ArtifactEntries.MANIFEST);
        if (manifestBytes == null) {
            throw new ArtifactException("not a seqrec artifact: no " + ArtifactEntries.MANIFEST + " entry");
        }
        Manifest manifest = Manifest.fromJson(utf8(ArtifactEntries.MANIFEST, manifestBytes));
        checkManifest(manifest);
        boolean identity = CountModels.declaresIdentity(manifest);
        verifyChecksums(manifest, entries, identity);

        ItemVocabulary vocabulary = parseItems(entries.remove(ArtifactEntries.ITEMS));
        ItemEmbeddings embeddings = identity
                ? ItemEmbeddings.identity(manifest.numItems() + 1)
                : matrix(manifest, entries.remove(ArtifactEntries.ITEM_EMBEDDINGS));
        checkConsistent(manifest, vocabulary, embeddings);
        FeatureModel features = FeatureEntries.read(manifest, entries);

        Map<String, FloatTensor> parameters = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String name = e.getKey();
            if (!name.startsWith(ArtifactEntries.PARAMS_PREFIX) || !name.endsWith(ArtifactEntries.NPY_SUFFIX)) {
                throw new ArtifactException("unexpected entry '" + name + "'");
            }
            String param = name.substring(
                    ArtifactEntries.PARAMS_PREFIX.length(), name.length() - ArtifactEntries.NPY_SUFFIX.length());
            parameters.put(param, Npy.decode(name, e.getValue()));
        }
        CountModels.check(manifest, embeddings, parameters);
        return new ModelArtifact(manifest, vocabulary, parameters, embeddings, features);
    }

    /** Decodes item_embeddings.npy, refusing any rank but 2 with the shape the manifest implies. */
    private static ItemEmbeddings matrix(Manifest m, byte[] npy) throws ArtifactException {
        FloatTensor t = Npy.decode(ArtifactEntries.ITEM_EMBEDDINGS, npy);
        if (t.rank() != 2) {
            throw new ArtifactException("item_embeddings.npy has shape " + t.shapeString()
                    + " but the manifest implies " + Arrays.toString(new long[] {m.numItems() + 1L, m.embeddingDim()})
                    + " (num_items + 1 padding row, embedding_dim)");
        }
        return new ItemEmbeddings(t);
    }

    static void checkConsistent(Manifest m, ItemVocabulary vocabulary, ItemEmbeddings embeddings)
            throws ArtifactException {
        if (vocabulary.size() != m.numItems()) {
            throw new ArtifactException(
                    "items.txt has " + vocabulary.size() + " items but the manifest says num_items=" + m.numItems());
        }
        if (embeddings.isIdentity() != CountModels.declaresIdentity(m)) {
            throw new ArtifactException(
                    embeddings.isIdentity()
                            ? "identity item embeddings need hyper_parameters." + CountModels.ITEM_EMBEDDINGS + " = '"
                                    + CountModels.IDENTITY + "'"
                            : "hyper_parameters." + CountModels.ITEM_EMBEDDINGS + " is '" + CountModels.IDENTITY
                                    + "' but a matrix was given");
        }
        if (embeddings.isIdentity()) {
            if (m.embeddingDim() != m.numItems() + 1 || embeddings.numRows() != m.numItems() + 1) {
                throw new ArtifactException("identity item embeddings need embedding_dim = num_items + 1 = "
                        + (m.numItems() + 1L) + ", got embedding_dim " + m.embeddingDim());
            }
            return;
        }
        long[] expected = {m.numItems() + 1L, m.embeddingDim()};
        long[] actual = {embeddings.numRows(), embeddings.dim()};
        if (!Arrays.equals(actual, expected)) {
            throw new ArtifactException(
                    "item_embeddings.npy has shape " + Arrays.toString(actual) + " but the manifest implies "
                            + Arrays.toString(expected) + " (num_items + 1 padding row, embedding_dim)");
        }
        for (float v : embeddings.asTensor().data()) {
            if (!Float.isFinite(v)) {
                throw new ArtifactException("item_embeddings.npy contains a non-finite value (NaN or infinity)");
            }
        }
    }

    private static void checkManifest(Manifest m) throws ArtifactException {
        if (m.formatVersion() != Manifest.FORMAT_VERSION) {
            throw new ArtifactException("unknown artifact format version " + m.formatVersion()
                    + " (this reader supports version " + Manifest.FORMAT_VERSION + ")");
        }
        if (m.modelType() == null || m.modelType().isBlank()) {
            throw new ArtifactException("manifest has no model_type");
        }
        if (m.numItems() < 1) {
            throw new ArtifactException("manifest num_items must be >= 1, got " + m.numItems());
        }
        if (m.embeddingDim() < 1) {
            throw new ArtifactException("manifest embedding_dim must be >= 1, got " + m.embeddingDim());
        }
        if (m.maxSeqLen() < 1) {
            throw new ArtifactException("manifest max_seq_len must be >= 1, got " + m.maxSeqLen());
        }
    }

    private static void verifyChecksums(Manifest m, Map<String, byte[]> entries, boolean identity)
            throws ArtifactException {
        Set<String> missing = new TreeSet<>(m.checksums().keySet());
        missing.removeAll(entries.keySet());
        if (!missing.isEmpty()) {
            throw new ArtifactException("entries listed in the manifest are missing (truncated artifact?): " + missing);
        }
        Set<String> unlisted = new TreeSet<>(entries.keySet());
        unlisted.removeAll(m.checksums().keySet());
        if (!unlisted.isEmpty()) {
            throw new ArtifactException("entries not covered by a manifest checksum: " + unlisted);
        }
        List<String> required = identity
                ? List.of(ArtifactEntries.ITEMS)
                : List.of(ArtifactEntries.ITEMS, ArtifactEntries.ITEM_EMBEDDINGS);
        for (String name : required) {
            if (!entries.containsKey(name)) {
                throw new ArtifactException("artifact has no " + name + " entry");
            }
        }
        if (identity && entries.containsKey(ArtifactEntries.ITEM_EMBEDDINGS)) {
            throw new ArtifactException("unexpected entry '" + ArtifactEntries.ITEM_EMBEDDINGS + "': hyper_parameters."
                    + CountModels.ITEM_EMBEDDINGS + " is '" + CountModels.IDENTITY + "', which is never stored");
        }
        for (Map.Entry<String, byte[]> e : entries.entrySet()) {
            String actual = ArtifactEntries.sha256(e.getValue());
            if (!actual.equalsIgnoreCase(m.checksums().get(e.getKey()))) {
                throw new ArtifactException(
                        "checksum mismatch for '" + e.getKey() + "': the entry was modified or corrupted");
            }
        }
    }

    private static ItemVocabulary parseItems(byte[] bytes) throws ArtifactException {
        String text = utf8(ArtifactEntries.ITEMS, bytes);
        List<String> ids = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            ids.add(line);
        }
        if (!ids.isEmpty() && ids.get(ids.size() - 1).isEmpty()) {
            ids.remove(ids.size() - 1);
        }
        try {
            return ItemVocabulary.of(ids);
        } catch (IllegalArgumentException e) {
            throw new ArtifactException("items.txt: " + e.getMessage(), e);
        }
    }

    private static Map<String, byte[]> unzip(InputStream in) throws ArtifactException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        try {
            ZipInputStream zip = new ZipInputStream(in);
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                String name = entry.getName();
                if (entry.isDirectory()) {
                    continue;
                }
                if (!seen.add(name)) {
                    throw new ArtifactException("duplicate entry '" + name + "'");
                }
                if (name.startsWith("/") || name.contains("..") || name.contains("\\")) {
                    throw new ArtifactException("entry name '" + name + "' is not a plain relative path");
                }
                if (seen.size() > MAX_ENTRIES) {
                    throw new ArtifactException("more than " + MAX_ENTRIES + " entries");
                }
                entries.put(name, readBounded(zip, name));
            }
        } catch (IOException e) {
            throw new ArtifactException("not a readable zip archive (truncated or corrupt): " + e.getMessage(), e);
        }
        if (entries.isEmpty()) {
            throw new ArtifactException("not a seqrec artifact: empty or not a zip archive");
        }
        return entries;
    }

    private static byte[] readBounded(InputStream in, String name) throws IOException, ArtifactException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[64 * 1024];
        long total = 0;
        int n;
        while ((n = in.read(buf)) > 0) {
            total += n;
            if (total > MAX_ENTRY_BYTES) {
                throw new ArtifactException("entry '" + name + "' is larger than " + MAX_ENTRY_BYTES + " bytes");
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    static String utf8(String name, byte[] bytes) throws ArtifactException {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new ArtifactException(name + " is not valid UTF-8");
        }
    }
}
