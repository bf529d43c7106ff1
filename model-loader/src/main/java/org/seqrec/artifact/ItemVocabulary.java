package org.seqrec.artifact;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * External item ids and the embedding rows they map to. Rows {@code 1..size()} are items in the
 * order given; row 0 is reserved for padding and has no id. Immutable and thread-safe.
 */
public final class ItemVocabulary {
    /** The row number reserved for padding. */
    public static final int PADDING_ROW = 0;

    private final String[] ids;
    private final Map<String, Integer> rows;

    private ItemVocabulary(String[] ids, Map<String, Integer> rows) {
        this.ids = ids;
        this.rows = rows;
    }

    /**
     * @param idsInRowOrder the id of row 1 first; ids must be non-empty, unique and free of line
     *     breaks (the artifact stores one per line)
     */
    public static ItemVocabulary of(List<String> idsInRowOrder) {
        String[] ids = idsInRowOrder.toArray(String[]::new);
        Map<String, Integer> rows = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            String id = ids[i];
            if (id == null || id.isEmpty() || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("item id at row " + (i + 1) + " is empty or contains a line break");
            }
            if (rows.putIfAbsent(id, i + 1) != null) {
                throw new IllegalArgumentException(
                        "item id '" + id + "' appears twice (rows " + rows.get(id) + " and " + (i + 1) + ")");
            }
        }
        return new ItemVocabulary(ids, rows);
    }

    /** Number of items (rows excluding padding). */
    public int size() {
        return ids.length;
    }

    /** The row of an item, or -1 if the model does not know it. */
    public int rowOf(String itemId) {
        Integer row = rows.get(itemId);
        return row == null ? -1 : row;
    }

    /** The external id of row {@code 1..size()}. */
    public String idOf(int row) {
        if (row < 1 || row > ids.length) {
            throw new IndexOutOfBoundsException("row " + row + " is not an item row (1.." + ids.length + ")");
        }
        return ids[row - 1];
    }

    /** The ids in row order, row 1 first. */
    public List<String> ids() {
        return List.of(ids);
    }
}
