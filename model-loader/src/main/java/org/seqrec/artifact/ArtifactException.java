package org.seqrec.artifact;

/**
 * A model artifact is malformed, truncated, tampered with, of an unknown format version or
 * inconsistent with its manifest. The message says what is wrong in words a user can act on.
 */
public final class ArtifactException extends Exception {
    public ArtifactException(String message) {
        super(message);
    }

    public ArtifactException(String message, Throwable cause) {
        super(message, cause);
    }
}
