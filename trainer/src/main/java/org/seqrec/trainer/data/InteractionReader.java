package org.seqrec.trainer.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads an interaction log in one of the {@link InputFormat}s into {@link InteractionData}.
 * Files are UTF-8 (a leading byte-order mark is ignored); blank lines are skipped; a malformed
 * line fails the whole read with a {@link DataFileException} naming file and line.
 *
 * <p>In {@code pairs} and {@code sequences} files a user's lines may be interleaved with other
 * users' lines: they are concatenated in file order; a {@code pairs} file with times
 * ({@code user item time}) must list each user's events in time order, since the file order is the
 * order (an earlier time after a later one fails, naming both lines). In {@code csv} and {@code tsv}
 * files each user's rows are sorted by timestamp, stably (rows with equal timestamps keep their file
 * order). Times are kept ({@link InteractionData#hasTimes()}) for {@code csv}, {@code tsv} and
 * timed {@code pairs}.
 * Item rows are assigned in order of first appearance in the file. Stateless.
 */
public final class InteractionReader {
    private InteractionReader() {}

    /**
     * @param columns csv column names (ignored for the other formats)
     * @param indexer {@link ItemIndexer#growing()} to build a vocabulary, or a frozen one to map to
     *     a trained model's rows (interactions with unknown items are then skipped and counted)
     */
    public static InteractionData read(Path file, InputFormat format, CsvColumns columns, ItemIndexer indexer)
            throws DataFileException {
        InteractionData.Builder builder = InteractionData.builder(indexer);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            LineSource lines = new LineSource(in);
            switch (format) {
                case PAIRS -> readPairs(file, lines, builder);
                case SEQUENCES -> readSequences(file, lines, builder);
                case CSV -> readCsv(file, lines, columns, builder, indexer);
                case TSV -> readTsv(file, lines, builder, indexer);
            }
        } catch (NoSuchFileException e) {
            throw new DataFileException("input file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new DataFileException("input file " + file + " is not UTF-8 text");
        } catch (IOException | UncheckedIOException e) {
            throw new DataFileException("cannot read input file " + file + ": " + e.getMessage(), e);
        }
        InteractionData data = builder.build(file.toString());
        if (data.numUsers() == 0) {
            throw new DataFileException("input file " + file + " holds no interactions"
                    + (data.skippedUnknownItems() > 0 ? " with items the model knows" : ""));
        }
        return data;
    }

    private static void readPairs(Path file, LineSource lines, InteractionData.Builder builder)
            throws IOException, DataFileException {
        String line;
        int fields = 0;
        TimestampParser times = new TimestampParser();
        Map<String, Long> lastLine = new HashMap<>();
        while ((line = lines.next()) != null) {
            String[] f = line.trim().split("\\s+");
            if (fields == 0 && (f.length == 2 || f.length == 3)) {
                fields = f.length;
            }
            if (f.length != fields) {
                throw DataFileException.atLine(
                        file,
                        lines.number(),
                        fields == 3
                                ? "expected 3 whitespace-separated fields 'user item time' like the first line, got "
                                        + f.length
                                : fields == 2
                                        ? "expected 2 whitespace-separated fields 'user item' like the first line, got "
                                                + f.length
                                        : "expected 2 whitespace-separated fields 'user item' (or 3, 'user item"
                                                + " time'), got " + f.length);
            }
            if (fields == 2) {
                builder.add(f[0], f[1]);
                continue;
            }
            double time = parseTime(file, lines.number(), times, f[2], "time (field 3)");
            double previous = builder.lastTime(f[0]);
            if (time < previous) {
                throw DataFileException.atLine(
                        file,
                        lines.number(),
                        "time (field 3) '" + f[2] + "' is earlier than user '" + f[0] + "''s previous event at line "
                                + lastLine.get(f[0]) + ": a pairs file lists each user's events in time order"
                                + " (use --format csv or tsv to have rows sorted)");
            }
            builder.add(f[0], f[1], time);
            lastLine.put(f[0], lines.number());
        }
    }

    private static double parseTime(Path file, long lineNo, TimestampParser times, String value, String field)
            throws DataFileException {
        try {
            return times.parse(value);
        } catch (IllegalArgumentException e) {
            throw DataFileException.atLine(file, lineNo, field + ": " + e.getMessage());
        }
    }

    private static void readTsv(Path file, LineSource lines, InteractionData.Builder builder, ItemIndexer indexer)
            throws IOException, DataFileException {
        Map<String, List<Event>> byUser = new LinkedHashMap<>();
        String line;
        while ((line = lines.next()) != null) {
            String[] f = line.trim().split("\\s+");
            if (f.length != 4) {
                throw DataFileException.atLine(
                        file,
                        lines.number(),
                        "expected 4 tab-separated fields 'user item rating time' (--format tsv), got " + f.length);
            }
            double time;
            try {
                time = Double.parseDouble(f[3]);
            } catch (NumberFormatException e) {
                time = Double.NaN;
            }
            if (!Double.isFinite(time)) {
                throw DataFileException.atLine(
                        file, lines.number(), "time (field 4) '" + f[3] + "' is not a number (epoch seconds)");
            }
            indexer.rowFor(f[1]);
            byUser.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new Event(time, f[1]));
        }
        addSorted(byUser, builder);
    }

    private static void readSequences(Path file, LineSource lines, InteractionData.Builder builder)
            throws IOException, DataFileException {
        String line;
        while ((line = lines.next()) != null) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 2) {
                throw DataFileException.atLine(
                        file, lines.number(), "expected 'user item1 item2 ...', got a user id without items");
            }
            for (int i = 1; i < f.length; i++) {
                builder.add(f[0], f[i]);
            }
        }
    }

    /** One csv row kept until its user's rows are sorted. */
    private record Event(double time, String item) {}

    private static void readCsv(
            Path file, LineSource lines, CsvColumns columns, InteractionData.Builder builder, ItemIndexer indexer)
            throws IOException, DataFileException {
        String headerLine = lines.next();
        if (headerLine == null) {
            throw new DataFileException("csv file " + file + " is empty (expected a header line)");
        }
        List<String> header = parseCsv(file, lines.number(), headerLine);
        int userCol = column(file, lines.number(), header, columns.user(), "--user-col");
        int itemCol = column(file, lines.number(), header, columns.item(), "--item-col");
        int timeCol = column(file, lines.number(), header, columns.time(), "--time-col");
        TimestampParser times = new TimestampParser();
        Map<String, List<Event>> byUser = new LinkedHashMap<>();
        String line;
        while ((line = lines.next()) != null) {
            List<String> f = parseCsv(file, lines.number(), line);
            if (f.size() != header.size()) {
                throw DataFileException.atLine(
                        file, lines.number(), "expected " + header.size() + " fields like the header, got " + f.size());
            }
            String user = nonEmpty(file, lines.number(), f.get(userCol), columns.user());
            String item = nonEmpty(file, lines.number(), f.get(itemCol), columns.item());
            double time = parseTime(
                    file,
                    lines.number(),
                    times,
                    nonEmpty(file, lines.number(), f.get(timeCol), columns.time()),
                    "column '" + columns.time() + "'");
            indexer.rowFor(item); // rows follow first appearance in the file, not in time
            byUser.computeIfAbsent(user, k -> new ArrayList<>()).add(new Event(time, item));
        }
        addSorted(byUser, builder);
    }

    private static void addSorted(Map<String, List<Event>> byUser, InteractionData.Builder builder) {
        for (Map.Entry<String, List<Event>> e : byUser.entrySet()) {
            List<Event> events = e.getValue();
            events.sort((a, b) -> Double.compare(a.time(), b.time())); // List.sort is stable
            for (Event ev : events) {
                builder.add(e.getKey(), ev.item(), ev.time());
            }
        }
    }

    private static List<String> parseCsv(Path file, long lineNo, String line) throws DataFileException {
        try {
            return CsvLineParser.split(line);
        } catch (IllegalArgumentException e) {
            throw DataFileException.atLine(file, lineNo, e.getMessage());
        }
    }

    private static int column(Path file, long lineNo, List<String> header, String name, String flag)
            throws DataFileException {
        int i = header.indexOf(name);
        if (i < 0) {
            throw DataFileException.atLine(
                    file,
                    lineNo,
                    "header has no column '" + name + "' (columns: " + String.join(", ", header)
                            + "); name the right one with " + flag);
        }
        return i;
    }

    private static String nonEmpty(Path file, long lineNo, String value, String column) throws DataFileException {
        if (value.isEmpty()) {
            throw DataFileException.atLine(file, lineNo, "column '" + column + "' is empty");
        }
        return value;
    }

    /** Non-blank lines with their 1-based line numbers; drops a leading byte-order mark. */
    private static final class LineSource {
        private final BufferedReader in;
        private long number;

        LineSource(BufferedReader in) {
            this.in = in;
        }

        String next() throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                number++;
                if (number == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (!line.isBlank()) {
                    return line;
                }
            }
            return null;
        }

        long number() {
            return number;
        }
    }
}
