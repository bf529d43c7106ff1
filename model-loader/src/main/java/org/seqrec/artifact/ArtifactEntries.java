package org.seqrec.artifact;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Entry names inside a {@code .seqrec} zip and the checksum they are protected by. */
final class ArtifactEntries {
    static final String MANIFEST = "manifest.json";
    static final String ITEMS = "items.txt";
    static final String ITEM_EMBEDDINGS = "item_embeddings.npy";
    static final String PARAMS_PREFIX = "params/";
    static final String NPY_SUFFIX = ".npy";

    private ArtifactEntries() {}

    static String parameterEntry(String parameterName) {
        return PARAMS_PREFIX + parameterName + NPY_SUFFIX;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
