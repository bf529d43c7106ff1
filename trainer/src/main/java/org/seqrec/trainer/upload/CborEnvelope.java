package org.seqrec.trainer.upload;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The CBOR framing of the upload body {@code {"artifact": <bytes>}}: a map of one entry whose value
 * is a byte string (RFC 8949 major type 2) holding the artifact file unchanged. OpenSearch's REST
 * layer only takes bodies in its document formats (JSON, CBOR, SMILE, YAML); CBOR carries the raw
 * bytes with an 18-byte header, where base64 in JSON would add a third. Stateless.
 */
final class CborEnvelope {
    static final String CONTENT_TYPE = "application/cbor";
    static final String FIELD = "artifact";

    private CborEnvelope() {}

    /** The bytes that precede an artifact of {@code length} bytes in the body. */
    static byte[] header(long length) {
        if (length < 0) {
            throw new IllegalArgumentException("length must be >= 0, got " + length);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xA1); // map with 1 pair
        byte[] key = FIELD.getBytes(StandardCharsets.US_ASCII);
        out.write(0x60 | key.length); // text string, length < 24
        out.writeBytes(key);
        // byte string with an 8-byte length (0x5B) or a 4-byte one (0x5A)
        boolean big = length > 0xFFFF_FFFFL;
        out.write(big ? 0x5B : 0x5A);
        int bytes = big ? 8 : 4;
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (length >>> (8 * i)) & 0xFF);
        }
        return out.toByteArray();
    }
}
