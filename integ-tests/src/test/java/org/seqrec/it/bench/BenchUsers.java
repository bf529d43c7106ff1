package org.seqrec.it.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Real users of an interaction log in the {@code sequences} format ({@code user item1 item2 ...} per
 * line, oldest first, as Beauty.txt of S3-Rec): the benchmark's histories and events. Only users
 * with at least {@value #HISTORY_LENGTH} items are used, so that every history has exactly that
 * length: either whole users ({@link #sample}, history = their latest items) or windows of
 * {@value #HISTORY_LENGTH} consecutive items cut out of them ({@link #windows}). Stateless.
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
        List<User> qualifying = qualifying(file);
        Collections.shuffle(qualifying, new Random(seed));
        return List.copyOf(qualifying.subList(0, Math.min(count, qualifying.size())));
    }

    /**
     * Every distinct history of {@value #HISTORY_LENGTH} items in {@code file}: for each user with at
     * least that many items and each cut point {@code c} in {@code [50, items]}, the 50 items before
     * {@code c}; a window whose items equal an earlier one's (in file order) is dropped. Shuffled with
     * {@code seed}, so that a prefix is a sample without repeats, uniform over the windows (a user
     * with more items has more cut points). Each window is a {@link User} of exactly its 50 items with
     * the synthetic id {@code w-<user>-<c>}, so that an events index of these "users" holds exactly
     * each window's items.
     *
     * @throws IllegalArgumentException as {@link #sample} does
     */
    static List<User> windows(Path file, long seed) {
        Set<List<String>> seen = new LinkedHashSet<>();
        List<User> windows = new ArrayList<>();
        for (User user : qualifying(file)) {
            String id = user.id().substring("u-".length());
            for (int cut = HISTORY_LENGTH; cut <= user.items().size(); cut++) {
                List<String> items = user.items().subList(cut - HISTORY_LENGTH, cut);
                if (seen.add(items)) {
                    windows.add(new User("w-" + id + "-" + cut, items));
                }
            }
        }
        Collections.shuffle(windows, new Random(seed));
        return List.copyOf(windows);
    }

    /** The users of {@code file} with at least {@value #HISTORY_LENGTH} items, in file order. */
    private static List<User> qualifying(Path file) {
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
        return qualifying;
    }
}
