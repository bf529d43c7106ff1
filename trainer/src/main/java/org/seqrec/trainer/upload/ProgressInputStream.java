package org.seqrec.trainer.upload;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.LongConsumer;

/**
 * Passes bytes through while feeding them to a SHA-256 digest and reporting the running total
 * to a listener after every read. Closing it closes the wrapped stream. Not thread-safe; the
 * listener is called on the reading thread (an HTTP client thread during an upload).
 */
final class ProgressInputStream extends FilterInputStream {
    private final MessageDigest digest;
    private final LongConsumer bytesRead;
    private volatile long total; // written by the sending thread, read after the answer

    ProgressInputStream(InputStream in, MessageDigest digest, LongConsumer bytesRead) {
        super(in);
        this.digest = digest;
        this.bytesRead = bytesRead;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            digest.update((byte) b);
            advance(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            digest.update(buffer, offset, n);
            advance(n);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        throw new UnsupportedOperationException("skipping would leave bytes out of the digest");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    long total() {
        return total;
    }

    /** Lowercase hex SHA-256 of the bytes read so far; call once, at the end. */
    String sha256Hex() {
        return HexFormat.of().formatHex(digest.digest());
    }

    private void advance(int n) {
        total += n;
        bytesRead.accept(total);
    }
}
