package org.seqrec.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.XContentBuilder;

/** How the benchmark and the soak write their results: a pretty JSON document and a markdown page. */
final class ReportFiles {
    private ReportFiles() {}

    /** {@code doc} as pretty-printed JSON, with a final newline. */
    static String json(Map<String, Object> doc) {
        try (XContentBuilder builder = JsonXContent.contentBuilder().prettyPrint()) {
            builder.map(doc);
            return builder.toString() + "\n";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes both files into {@code folder} (created if missing); returns the markdown file. */
    static Path write(Path folder, String jsonFile, String json, String markdownFile, String markdown) {
        try {
            Files.createDirectories(folder);
            Files.writeString(folder.resolve(jsonFile), json, StandardCharsets.UTF_8);
            return Files.writeString(folder.resolve(markdownFile), markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the results into " + folder, e);
        }
    }
}
