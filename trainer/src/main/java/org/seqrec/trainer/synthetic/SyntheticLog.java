package org.seqrec.trainer.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.seqrec.trainer.data.InputFormat;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.ItemIndexer;

/**
 * A generated interaction log: users with their events in time order. Writes itself in any
 * {@link InputFormat} (so that reading it back gives the same sequences) or builds
 * {@link InteractionData} directly. Immutable.
 *
 * @param users users in generation order, each with at least one event
 */
public record SyntheticLog(List<UserLog> users) {
    /** One interaction. @param timestamp epoch seconds */
    public record Event(String item, long timestamp) {}

    /** A user's events, oldest first (timestamps strictly increasing). */
    public record UserLog(String user, List<Event> events) {
        public UserLog {
            events = List.copyOf(events);
        }

        /** The item ids in time order. */
        public List<String> items() {
            return events.stream().map(Event::item).toList();
        }
    }

    public SyntheticLog {
        users = List.copyOf(users);
    }

    /** The data as the trainer would read it from csv, with times, items indexed in order of first appearance. */
    public InteractionData toInteractionData(String source) {
        InteractionData.Builder b = InteractionData.builder(ItemIndexer.growing());
        for (UserLog u : users) {
            for (Event e : u.events()) {
                b.add(u.user(), e.item(), e.timestamp());
            }
        }
        return b.build(source);
    }

    /**
     * Writes the log: {@code pairs} and {@code sequences} grouped by user; {@code csv} with header
     * {@code user,item,timestamp} and rows in global time order (users interleaved), as a real
     * event log would be; {@code tsv} as {@code user item 1 time} (rating 1) lines in global time order.
     */
    public void write(Path file, InputFormat format) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            switch (format) {
                case PAIRS -> {
                    for (UserLog u : users) {
                        for (Event e : u.events()) {
                            w.write(u.user() + " " + e.item() + "\n");
                        }
                    }
                }
                case SEQUENCES -> {
                    for (UserLog u : users) {
                        w.write(u.user() + " " + String.join(" ", u.items()) + "\n");
                    }
                }
                case CSV -> writeCsv(w);
                case TSV -> {
                    for (Row r : timeOrder()) {
                        w.write(r.user() + "\t" + r.event().item() + "\t1\t"
                                + r.event().timestamp() + "\n");
                    }
                }
            }
        }
    }

    private record Row(String user, int userIndex, Event event) {}

    private List<Row> timeOrder() {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < users.size(); i++) {
            for (Event e : users.get(i).events()) {
                rows.add(new Row(users.get(i).user(), i, e));
            }
        }
        rows.sort(Comparator.comparingLong((Row r) -> r.event().timestamp()).thenComparingInt(Row::userIndex));
        return rows;
    }

    private void writeCsv(BufferedWriter w) throws IOException {
        w.write("user,item,timestamp\n");
        for (Row r : timeOrder()) {
            w.write(r.user() + "," + r.event().item() + "," + r.event().timestamp() + "\n");
        }
    }
}
