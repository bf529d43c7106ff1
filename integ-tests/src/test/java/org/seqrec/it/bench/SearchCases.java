package org.seqrec.it.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The evaluation cases of the search-quality benchmark ({@link SearchQualityBenchmark}): for a sample
 * of users of an S3-Rec style log ({@code user item1 item2 ...}, oldest first), one search each for an
 * attribute of the item they interacted with next.
 *
 * <p>Targets follow the trainer's leave-one-out split, so a model trained on the same log has never
 * seen them: for a user with items {@code s}, training uses {@code s[:-2]}; the {@link Split#VALIDATION}
 * target is {@code s[-2]} with history {@code s[:-2]}, the {@link Split#TEST} target is {@code s[-1]}
 * with history {@code s[:-1]}. The two samples are disjoint: the users with at least 3 items are
 * shuffled with the seed, the first {@code perSplit} are the validation users, the next
 * {@code perSplit} the test users. Users whose target has no attribute are skipped.
 *
 * <p>The attribute searched for is drawn uniformly among the target's attribute ids with a
 * {@link Random} seeded by the seed, the user id and the split ({@link #pickAttribute}), so a run is
 * reproducible and the choice does not depend on the sample's order. Stateless.
 */
final class SearchCases {
    /** Items of history sent with each request: the latest ones (a SASRec of L 50 reads no more). */
    static final int HISTORY_LENGTH = 50;

    /** Which target of a user a case asks for. */
    enum Split {
        VALIDATION("validation"),
        TEST("test");

        private final String label;

        Split(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    /**
     * One search: the user's history (latest {@value #HISTORY_LENGTH} items before the target, oldest
     * first), the target item and the attribute id searched for.
     */
    record Case(Split split, String userId, List<String> history, String target, String attribute) {
        Case {
            history = List.copyOf(history);
        }
    }

    private static final Pattern ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*\\[([^\\]]*)\\]");

    private SearchCases() {}

    /**
     * The case of {@code items} (one user, oldest first, at least 3) for {@code split}, or null when
     * the target has no attribute in {@code attributes}.
     */
    static Case of(Split split, String userId, List<String> items, Map<String, List<String>> attributes, long seed) {
        if (items.size() < 3) {
            throw new IllegalArgumentException("user " + userId + " has " + items.size() + " items, needs 3");
        }
        int targetIndex = split == Split.VALIDATION ? items.size() - 2 : items.size() - 1;
        String target = items.get(targetIndex);
        List<String> targetAttributes = attributes.getOrDefault(target, List.of());
        if (targetAttributes.isEmpty()) {
            return null;
        }
        List<String> history = items.subList(Math.max(0, targetIndex - HISTORY_LENGTH), targetIndex);
        return new Case(split, userId, history, target, pickAttribute(targetAttributes, seed, userId, split));
    }

    /** One of {@code attributes}, uniformly, reproducibly for (seed, user, split). */
    static String pickAttribute(List<String> attributes, long seed, String userId, Split split) {
        long mixed = seed * 0x9E3779B97F4A7C15L + userId.hashCode() * 31L + split.ordinal();
        return attributes.get(new Random(mixed).nextInt(attributes.size()));
    }

    /**
     * The validation cases of the first {@code perSplit} shuffled users, then the test cases of the
     * next {@code perSplit} (fewer when the log has fewer users), as described in the class javadoc.
     */
    static List<Case> sample(
            Map<String, List<String>> users, Map<String, List<String>> attributes, int perSplit, long seed) {
        List<String> ids = new ArrayList<>();
        users.forEach((id, items) -> {
            if (items.size() >= 3) {
                ids.add(id);
            }
        });
        Collections.shuffle(ids, new Random(seed));
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < Math.min(ids.size(), 2 * perSplit); i++) {
            Split split = i < perSplit ? Split.VALIDATION : Split.TEST;
            Case c = of(split, ids.get(i), users.get(ids.get(i)), attributes, seed);
            if (c != null) {
                cases.add(c);
            }
        }
        return List.copyOf(cases);
    }

    /** Every user of a {@code sequences} file, in file order: id to items, oldest first. */
    static Map<String, List<String>> readUsers(Path file) {
        Map<String, List<String>> users = new LinkedHashMap<>();
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
                    throw new IllegalArgumentException(
                            file + ":" + lineNumber + ": expected `user item1 item2 ...`, got '" + line + "'");
                }
                users.put(fields[0], List.of(Arrays.copyOfRange(fields, 1, fields.length)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return users;
    }

    /**
     * Reads an S3-Rec {@code *_item2attributes.json}: one JSON object of item id to an array of
     * attribute ids (numbers), e.g. {@code {"4": [1, 2, 3], "83": [4, 5, 6]}}; ids become their text.
     */
    static Map<String, List<String>> readAttributes(Path file) {
        try {
            return parseAttributes(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** {@link #readAttributes} on a string; a text with no entry is refused. */
    static Map<String, List<String>> parseAttributes(String json) {
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        Matcher m = ENTRY.matcher(json);
        while (m.find()) {
            List<String> ids = new ArrayList<>();
            for (String id : m.group(2).split(",")) {
                if (!id.isBlank()) {
                    ids.add(id.trim().replace("\"", ""));
                }
            }
            attributes.put(m.group(1), List.copyOf(ids));
        }
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("no `\"item\": [attribute, ...]` entry in the attributes file");
        }
        return attributes;
    }
}
