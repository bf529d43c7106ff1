package org.seqrec.trainer.data;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.ItemVocabulary;

/**
 * Maps external item ids to embedding rows {@code 1..n} in order of first appearance; row 0 is
 * padding. A <em>growing</em> indexer assigns a new row to every id it has not seen; a
 * <em>frozen</em> indexer (built from a trained model's vocabulary) only knows that vocabulary's
 * ids and answers -1 for the rest, so that evaluation data uses the model's rows.
 *
 * <p>Not thread-safe: readers fill one indexer on one thread.
 */
public final class ItemIndexer {
    private final Map<String, Integer> rows = new HashMap<>();
    private final List<String> ids = new ArrayList<>();
    private boolean frozen;

    private ItemIndexer() {}

    /** An empty indexer that assigns rows to new ids. */
    public static ItemIndexer growing() {
        return new ItemIndexer();
    }

    /** An indexer that knows exactly the ids of {@code vocabulary}, at the same rows. */
    public static ItemIndexer frozen(ItemVocabulary vocabulary) {
        ItemIndexer indexer = new ItemIndexer();
        for (String id : vocabulary.ids()) {
            indexer.rowFor(id);
        }
        indexer.frozen = true;
        return indexer;
    }

    /**
     * The row of {@code itemId}; a growing indexer assigns the next free row to an id it has not
     * seen, a frozen one returns -1 for it.
     */
    public int rowFor(String itemId) {
        Integer row = rows.get(itemId);
        if (row != null) {
            return row;
        }
        if (frozen) {
            return -1;
        }
        ids.add(itemId);
        int newRow = ids.size();
        rows.put(itemId, newRow);
        return newRow;
    }

    /** Whether unknown ids are rejected (-1) rather than added. */
    public boolean isFrozen() {
        return frozen;
    }

    /** Number of items (rows excluding padding). */
    public int size() {
        return ids.size();
    }

    /** The ids in row order, row 1 first (an unmodifiable copy). */
    public List<String> ids() {
        return List.copyOf(ids);
    }
}
