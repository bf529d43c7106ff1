package org.seqrec.plugin.store;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.BytesRefIterator;
import org.opensearch.core.common.bytes.BytesReference;

/** Checksums of artifact bytes. Stateless. */
public final class ArtifactBytes {
    private ArtifactBytes() {}

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256(BytesReference bytes) {
        MessageDigest digest = newDigest();
        try {
            BytesRefIterator it = bytes.iterator();
            for (BytesRef ref = it.next(); ref != null; ref = it.next()) {
                digest.update(ref.bytes, ref.offset, ref.length);
            }
        } catch (java.io.IOException e) {
            throw new IllegalStateException("in-memory bytes cannot fail to iterate", e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** Lowercase hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newDigest().digest(bytes));
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
