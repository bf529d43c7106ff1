package org.seqrec.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.ItemVocabulary;

/**
 * An interaction log in memory: the item vocabulary (external id to row {@code 1..numItems()},
 * row 0 = padding) and, per user, the item rows the user interacted with, oldest first, with each
 * event's time when the source has times ({@link #hasTimes()}: {@code csv}, {@code tsv}, and
 * {@code pairs} with a third column; epoch seconds for date-times, the number as written otherwise).
 *
 * <p>Users are numbered {@code 0..numUsers()-1} in order of first appearance in the source.
 * Immutable after {@link Builder#build}; the arrays returned by {@link #sequence(int)} are shared
 * and must not be modified. Safe to read from several threads.
 */
public final class InteractionData {
    private final List<String> itemIds;
    private final List<String> userIds;
    private final List<int[]> sequences;
    private final List<double[]> times;
    private final String source;
    private final long skippedUnknownItems;

    private InteractionData(
            List<String> itemIds,
            List<String> userIds,
            List<int[]> sequences,
            List<double[]> times,
            String source,
            long skippedUnknownItems) {
        this.itemIds = itemIds;
        this.userIds = userIds;
        this.sequences = sequences;
        this.times = times;
        this.source = source;
        this.skippedUnknownItems = skippedUnknownItems;
    }

    public int numItems() {
        return itemIds.size();
    }

    public int numUsers() {
        return userIds.size();
    }

    /** Total interactions over all users. */
    public long numInteractions() {
        long n = 0;
        for (int[] s : sequences) {
            n += s.length;
        }
        return n;
    }

    /** The external id of user {@code 0..numUsers()-1}. */
    public String userId(int user) {
        return userIds.get(user);
    }

    /** The item rows of a user, oldest first (shared array: do not modify). */
    public int[] sequence(int user) {
        return sequences.get(user);
    }

    /** Whether every event has a time ({@link #times(int)}). */
    public boolean hasTimes() {
        return times != null;
    }

    /**
     * The times of a user's events, parallel to {@link #sequence(int)}, non-decreasing (shared array:
     * do not modify).
     *
     * @throws IllegalStateException when the source has no times ({@link #hasTimes()})
     */
    public double[] times(int user) {
        if (times == null) {
            throw new IllegalStateException(source + " has no event times (formats with times: csv, tsv, pairs with a"
                    + " third column 'user item time')");
        }
        return times.get(user);
    }

    /** The external id of item row {@code 1..numItems()}. */
    public String itemId(int row) {
        if (row < 1 || row > itemIds.size()) {
            throw new IndexOutOfBoundsException("row " + row + " is not an item row (1.." + itemIds.size() + ")");
        }
        return itemIds.get(row - 1);
    }

    /** The item ids in row order, row 1 first. */
    public List<String> itemIds() {
        return itemIds;
    }

    /** The vocabulary to store in a model artifact trained on this data. */
    public ItemVocabulary vocabulary() {
        return ItemVocabulary.of(itemIds);
    }

    /** Where the data came from (a file name or a generator description). */
    public String source() {
        return source;
    }

    /** Interactions dropped because a frozen vocabulary did not know their item. */
    public long skippedUnknownItems() {
        return skippedUnknownItems;
    }

    /** Counts for reports and the artifact manifest's {@code training_data}. */
    public Map<String, Object> summary() {
        Map<String, Object> m = new LinkedHashMap<>();
        int min = Integer.MAX_VALUE;
        int max = 0;
        for (int[] s : sequences) {
            min = Math.min(min, s.length);
            max = Math.max(max, s.length);
        }
        long interactions = numInteractions();
        m.put("source", source);
        m.put("users", numUsers());
        m.put("items", numItems());
        m.put("interactions", interactions);
        m.put("min_sequence_length", sequences.isEmpty() ? 0 : min);
        m.put("max_sequence_length", max);
        m.put("mean_sequence_length", sequences.isEmpty() ? 0.0 : (double) interactions / sequences.size());
        if (skippedUnknownItems > 0) {
            m.put("skipped_unknown_items", skippedUnknownItems);
        }
        m.put("has_times", hasTimes());
        return m;
    }

    public static Builder builder(ItemIndexer indexer) {
        return new Builder(indexer);
    }

    /**
     * Collects interactions in time order per user. Items go through the given indexer; with a
     * frozen indexer unknown items are skipped and counted. Users left without any item are dropped.
     * Either every interaction comes with a time ({@link #add(String, String, double)}) or none does
     * ({@link #add(String, String)}); the data then has times only in the first case. Not thread-safe.
     */
    public static final class Builder {
        private final ItemIndexer indexer;
        private final Map<String, Integer> userNumbers = new LinkedHashMap<>();
        private final List<int[]> buffers = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();
        private final List<double[]> timeBuffers = new ArrayList<>();
        private Boolean timed;
        private long skipped;

        private Builder(ItemIndexer indexer) {
            this.indexer = indexer;
        }

        /** Appends one interaction without a time to the end of {@code userId}'s sequence. */
        public Builder add(String userId, String itemId) {
            return add(userId, itemId, Double.NaN, false);
        }

        /**
         * Appends one interaction at {@code time} to the end of {@code userId}'s sequence.
         *
         * @throws IllegalArgumentException when {@code time} is not finite or earlier than the user's
         *     previous time (the message says both)
         */
        public Builder add(String userId, String itemId, double time) {
            if (!Double.isFinite(time)) {
                throw new IllegalArgumentException("time " + time + " is not finite");
            }
            return add(userId, itemId, time, true);
        }

        /** The time of {@code userId}'s latest event so far, NaN when there is none or no times. */
        public double lastTime(String userId) {
            Integer user = userNumbers.get(userId);
            if (user == null || !Boolean.TRUE.equals(timed) || lengths.get(user) == 0) {
                return Double.NaN;
            }
            return timeBuffers.get(user)[lengths.get(user) - 1];
        }

        private Builder add(String userId, String itemId, double time, boolean hasTime) {
            if (timed == null) {
                timed = hasTime;
            } else if (timed != hasTime) {
                throw new IllegalArgumentException(
                        hasTime
                                ? "a time is given but earlier events had none"
                                : "no time given but earlier events had one");
            }
            double last = lastTime(userId);
            if (hasTime && time < last) {
                throw new IllegalArgumentException("time " + time + " is earlier than user '" + userId
                        + "''s previous event (" + last + "): events must be in time order");
            }
            int row = indexer.rowFor(itemId);
            if (row < 0) {
                skipped++;
                return this;
            }
            int user = userNumbers.computeIfAbsent(userId, k -> {
                buffers.add(new int[4]);
                timeBuffers.add(new double[4]);
                lengths.add(0);
                return buffers.size() - 1;
            });
            int len = lengths.get(user);
            int[] buf = buffers.get(user);
            if (len == buf.length) {
                buf = Arrays.copyOf(buf, len * 2);
                buffers.set(user, buf);
            }
            buf[len] = row;
            if (hasTime) {
                double[] t = timeBuffers.get(user);
                if (len == t.length) {
                    t = Arrays.copyOf(t, len * 2);
                    timeBuffers.set(user, t);
                }
                t[len] = time;
            }
            lengths.set(user, len + 1);
            return this;
        }

        /** @param source where the data came from, for reports */
        public InteractionData build(String source) {
            List<String> users = new ArrayList<>(userNumbers.keySet());
            List<int[]> seqs = new ArrayList<>(users.size());
            List<double[]> times = new ArrayList<>(users.size());
            for (int u = 0; u < users.size(); u++) {
                seqs.add(Arrays.copyOf(buffers.get(u), lengths.get(u)));
                times.add(Arrays.copyOf(timeBuffers.get(u), lengths.get(u)));
            }
            boolean hasTimes = Boolean.TRUE.equals(timed);
            return new InteractionData(
                    indexer.ids(),
                    List.copyOf(users),
                    List.copyOf(seqs),
                    hasTimes ? List.copyOf(times) : null,
                    source,
                    skipped);
        }
    }
}
