package org.seqrec.trainer.upload;

import java.io.IOException;

/**
 * An upload that did not succeed, with a one-line message a person can act on: the URL, and
 * either the HTTP status with the cluster's reason or the network failure.
 */
public final class UploadException extends IOException {
    private final int status;

    /** @param status the HTTP status the cluster answered, or -1 when no answer came */
    public UploadException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the cluster answered, or -1 when none came (connection failure, timeout). */
    public int status() {
        return status;
    }
}
