package org.seqrec.it.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Real users of an interaction log in the {@code sequences} format ({@code user item1 item2 ...} per
 * line, oldest first, as Beauty.txt of S3-Rec): the benchmark's histories and events. Only users
 * with at least {@value #HISTORY_LENGTH} items are sampled, so that every history has exactly that
 * length. Immutable.
 */
final class BenchUsers {
    /** Items per history, the length the issue measured with. */
    static final int HISTORY_LENGTH = 50;

    /** A user and all their items, oldest first. */
    record User(String id, List<String> items) {
        User {
            items = List.copyOf(items);
        }

        /** The latest {@code length} items (all when fewer), oldest first. */
        List<String> history(int length) {
            return items.subList(Math.max(0, items.size() - length), items.size());
        }
    }

    private BenchUsers() {}

    /**
     * Reads {@code file} and samples {@code count} of its users that have at least
     * {@value #HISTORY_LENGTH} items (all of them when fewer qualify), reproducibly for one seed.
     * User ids get the prefix {@code u-}.
     *
     * @throws IllegalArgumentException if no user has {@value #HISTORY_LENGTH} items, or a line is not
     *     {@code user item...}
     */
    static List<User> sample(Path file, int count, long seed) {
        List<User> qualifying = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.trim().split("\\s+");
                if (fields.length < 2) {
                    throw new IllegalArgumentException(file + ":" + lineNumber + ": expected `user item1 item2 ...`"
                            + " (format sequences), got '" + line + "'");
                }
                if (fields.length - 1 >= HISTORY_LENGTH) {
                    qualifying.add(new User("u-" + fields[0], List.of(fields).subList(1, fields.length)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (qualifying.isEmpty()) {
            throw new IllegalArgumentException(file + " has no user with " + HISTORY_LENGTH + " or more items");
        }
        Collections.shuffle(qualifying, new Random(seed));
        return List.copyOf(qualifying.subList(0, Math.min(count, qualifying.size())));
    }
}
