package org.seqrec.it.node;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/** File helpers for laying out node homes. Stateless; safe from any thread. */
final class NodeFiles {

    private NodeFiles() {}

    /**
     * Recreates the tree {@code source} under {@code target} with hard links to the same files, so
     * that a node home costs no disk space or copy time yet every jar really sits inside the home
     * (the agent and the plugin loader see the same paths a real installation has). Falls back to
     * copying where the two paths are on different file systems.
     */
    static void linkTree(Path source, Path target) throws IOException {
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path from : (Iterable<Path>) paths::iterator) {
                Path to = target.resolve(source.relativize(from).toString());
                if (Files.isDirectory(from)) {
                    Files.createDirectories(to);
                } else {
                    linkOrCopy(from, to);
                }
            }
        }
    }

    private static void linkOrCopy(Path from, Path to) throws IOException {
        try {
            Files.createLink(to, from.toRealPath());
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** Deletes {@code dir} and everything below it, if it exists. Hard links leave the originals. */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            List<Path> all = new ArrayList<>(paths.toList());
            for (int i = all.size() - 1; i >= 0; i--) {
                Files.delete(all.get(i));
            }
        }
    }

    /** The last {@code maxLines} lines of a text file, or a note saying why there are none. */
    static String tail(Path file, int maxLines) {
        if (!Files.isRegularFile(file)) {
            return "(no log file at " + file + ")";
        }
        Deque<String> lines = new ArrayDeque<>(maxLines);
        // InputStreamReader replaces malformed bytes instead of failing on them.
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (lines.size() == maxLines) {
                    lines.removeFirst();
                }
                lines.addLast(line);
            }
        } catch (IOException e) {
            return "(could not read " + file + ": " + e.getMessage() + ")";
        }
        return String.join(System.lineSeparator(), lines);
    }
}
