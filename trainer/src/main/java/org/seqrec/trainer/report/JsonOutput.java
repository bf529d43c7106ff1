package org.seqrec.trainer.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes reports as pretty-printed JSON (NaN and infinities allowed, as JavaScript literals).
 * Writes to a temporary file in the same folder and renames it into place, so a crash never
 * leaves half a report. Thread-safe.
 */
public final class JsonOutput {
    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .serializeSpecialFloatingPointValues()
            .create();

    private JsonOutput() {}

    public static String toJson(Object value) {
        return GSON.toJson(value);
    }

    public static void write(Path file, Object value) throws IOException {
        Path target = file.toAbsolutePath();
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, toJson(value) + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
