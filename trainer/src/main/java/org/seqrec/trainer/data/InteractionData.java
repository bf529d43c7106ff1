package org.seqrec.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.ItemVocabulary;

/**
 * An interaction log in memory: the item vocabulary (external id to row {@code 1..numItems()},
 * row 0 = padding) and, per user, the item rows the user interacted with, oldest first.
 *
 * <p>Users are numbered {@code 0..numUsers()-1} in order of first appearance in the source.
 * Immutable after {@link Builder#build}; the arrays returned by {@link #sequence(int)} are shared
 * and must not be modified. Safe to read from several threads.
 */
public final class InteractionData {
    private final List<String> itemIds;
    private final List<String> userIds;
    private final List<int[]> sequences;
    private final String source;
    private final long skippedUnknownItems;

    private InteractionData(
            List<String> itemIds,
            List<String> userIds,
            List<int[]> sequences,
            String source,
            long skippedUnknownItems) {
        this.itemIds = itemIds;
        this.userIds = userIds;
        this.sequences = sequences;
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
        return m;
    }

    public static Builder builder(ItemIndexer indexer) {
        return new Builder(indexer);
    }

    /**
     * Collects interactions in time order per user. Items go through the given indexer; with a
     * frozen indexer unknown items are skipped and counted. Users left without any item are dropped.
     * Not thread-safe.
     */
    public static final class Builder {
        private final ItemIndexer indexer;
        private final Map<String, Integer> userNumbers = new LinkedHashMap<>();
        private final List<int[]> buffers = new ArrayList<>();
        private final List<Integer> lengths = new ArrayList<>();
        private long skipped;

        private Builder(ItemIndexer indexer) {
            this.indexer = indexer;
        }

        /** Appends one interaction to the end of {@code userId}'s sequence. */
        public Builder add(String userId, String itemId) {
            int row = indexer.rowFor(itemId);
            if (row < 0) {
                skipped++;
                return this;
            }
            int user = userNumbers.computeIfAbsent(userId, k -> {
                buffers.add(new int[4]);
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
            lengths.set(user, len + 1);
            return this;
        }

        /** @param source where the data came from, for reports */
        public InteractionData build(String source) {
            List<String> users = new ArrayList<>(userNumbers.keySet());
            List<int[]> seqs = new ArrayList<>(users.size());
            for (int u = 0; u < users.size(); u++) {
                seqs.add(Arrays.copyOf(buffers.get(u), lengths.get(u)));
            }
            return new InteractionData(indexer.ids(), List.copyOf(users), List.copyOf(seqs), source, skipped);
        }
    }
}
