package org.seqrec.trainer.data;

import java.nio.file.Path;

/** An input file that cannot be read as interaction data; the message names file and line. */
public final class DataFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public DataFileException(String message) {
        super(message);
    }

    public DataFileException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code FILE:LINE: what} for a malformed line. */
    public static DataFileException atLine(Path file, long line, String what) {
        return new DataFileException(file + ":" + line + ": " + what);
    }
}
