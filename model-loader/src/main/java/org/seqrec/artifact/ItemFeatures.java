package org.seqrec.artifact;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The item features a model is trained with: named feature fields (e.g. {@code category},
 * {@code brand}), the feature vocabulary (rows 1..V, each one (field, value) pair; row 0 pads) and
 * the feature rows of every item row 1..n (ascending, possibly none). Feature rows are what the
 * feature embedding table F (V + 1, D) is indexed by ({@link FeatureModel}).
 *
 * <p>Field names match {@value #FIELD_PATTERN}; values are non-empty and hold no tab or line break
 * (the artifact stores one {@code field<TAB>value} per line). Immutable and thread-safe.
 */
public final class ItemFeatures {
    /** What a feature field's name must match. */
    public static final String FIELD_PATTERN = "[A-Za-z0-9_.-]{1,64}";
    /** The most fields one model reads. */
    public static final int MAX_FIELDS = 64;
    /** The largest feature vocabulary (rows are stored as integers in text, but bounded to keep F sane). */
    public static final int MAX_VALUES = 10_000_000;

    private static final Pattern FIELD = Pattern.compile(FIELD_PATTERN);

    /** One feature: a value of a field. */
    public record Value(String field, String value) {}

    private final List<String> fields;
    private final List<Value> values;
    private final Map<String, Map<String, Integer>> rowsByField;
    private final int[][] itemRows;

    private ItemFeatures(List<String> fields, List<Value> values, int[][] itemRows) {
        this.fields = List.copyOf(fields);
        this.values = List.copyOf(values);
        Map<String, Map<String, Integer>> byField = new LinkedHashMap<>();
        for (String f : fields) {
            byField.put(f, new HashMap<>());
        }
        for (int i = 0; i < values.size(); i++) {
            byField.get(values.get(i).field()).put(values.get(i).value(), i + 1);
        }
        this.rowsByField = byField;
        this.itemRows = itemRows;
    }

    /**
     * @param fields the feature fields, in order, unique, each matching {@value #FIELD_PATTERN}
     * @param values feature row 1 first: each of a declared field, unique
     * @param itemRows index 0 (padding) and 1..n: each item row's feature rows, in 1..V; sorted and
     *     de-duplicated here (the arrays are copied)
     * @throws IllegalArgumentException naming the first rule broken
     */
    public static ItemFeatures of(List<String> fields, List<Value> values, int[][] itemRows) {
        if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
            throw new IllegalArgumentException("feature fields must be 1.." + MAX_FIELDS + ", got " + fields.size());
        }
        if (Collections.frequency(fields, null) > 0
                || fields.stream().distinct().count() != fields.size()) {
            throw new IllegalArgumentException("feature fields must be unique, got " + fields);
        }
        for (String f : fields) {
            if (!FIELD.matcher(f).matches()) {
                throw new IllegalArgumentException("feature field '" + f + "' must match " + FIELD_PATTERN);
            }
        }
        if (values.size() > MAX_VALUES) {
            throw new IllegalArgumentException("more than " + MAX_VALUES + " feature values: " + values.size());
        }
        Map<Value, Integer> seen = new HashMap<>();
        for (int i = 0; i < values.size(); i++) {
            Value v = values.get(i);
            if (!fields.contains(v.field())) {
                throw new IllegalArgumentException(
                        "feature row " + (i + 1) + " has field '" + v.field() + "', not one of " + fields);
            }
            if (!validValue(v.value())) {
                throw new IllegalArgumentException("feature row " + (i + 1) + " of field '" + v.field()
                        + "' has an empty value or one with a tab or line break");
            }
            Integer before = seen.putIfAbsent(v, i + 1);
            if (before != null) {
                throw new IllegalArgumentException("feature " + v.field() + "=" + v.value() + " appears twice (rows "
                        + before + " and " + (i + 1) + ")");
            }
        }
        int[][] rows = new int[itemRows.length][];
        for (int item = 0; item < itemRows.length; item++) {
            int[] r = itemRows[item] == null ? new int[0] : itemRows[item];
            if (item == 0 && r.length > 0) {
                throw new IllegalArgumentException("the padding row 0 has no features");
            }
            for (int f : r) {
                if (f < 1 || f > values.size()) {
                    throw new IllegalArgumentException("item row " + item + " has feature row " + f
                            + ", outside the feature rows 1.." + values.size());
                }
            }
            rows[item] = Arrays.stream(r).sorted().distinct().toArray();
        }
        return new ItemFeatures(fields, values, rows);
    }

    /** Whether a feature value can be stored: non-empty, no tab, no line break. */
    public static boolean validValue(String value) {
        return value != null
                && !value.isEmpty()
                && value.indexOf('\t') < 0
                && value.indexOf('\n') < 0
                && value.indexOf('\r') < 0;
    }

    /** The feature fields, in order. */
    public List<String> fields() {
        return fields;
    }

    /** V, the number of feature values (rows 1..V of F). */
    public int numValues() {
        return values.size();
    }

    /** The feature of row 1..V. */
    public Value value(int row) {
        if (row < 1 || row > values.size()) {
            throw new IndexOutOfBoundsException("feature row " + row + " outside 1.." + values.size());
        }
        return values.get(row - 1);
    }

    /** Feature row 1 first. */
    public List<Value> values() {
        return values;
    }

    /** n + 1: the item rows covered, padding included. */
    public int numItemRows() {
        return itemRows.length;
    }

    /** The feature rows of item row 0..n, ascending (a copy; empty for padding and featureless items). */
    public int[] itemRows(int itemRow) {
        return itemRows[itemRow].clone();
    }

    /** The widest item: the most features one item has. */
    public int maxFeaturesPerItem() {
        int max = 0;
        for (int[] r : itemRows) {
            max = Math.max(max, r.length);
        }
        return max;
    }

    /** Item rows (of 1..n) with at least one feature. */
    public int itemsWithFeatures() {
        int count = 0;
        for (int i = 1; i < itemRows.length; i++) {
            count += itemRows[i].length > 0 ? 1 : 0;
        }
        return count;
    }

    /** The row of {@code field}={@code value}, or -1 when the model has no such feature value. */
    public int rowOf(String field, String value) {
        Map<String, Integer> m = rowsByField.get(field);
        if (m == null) {
            return -1;
        }
        Integer r = m.get(value);
        return r == null ? -1 : r;
    }

    /**
     * The feature rows of a (new) item described by field values; values the model never saw are
     * skipped (they have no embedding).
     *
     * @throws IllegalArgumentException for a field the model does not have, naming the fields it has
     */
    public int[] rowsOf(Map<String, List<String>> fieldValues) {
        List<Integer> out = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : fieldValues.entrySet()) {
            if (!rowsByField.containsKey(e.getKey())) {
                throw new IllegalArgumentException(
                        "unknown feature field '" + e.getKey() + "': the model's feature fields are " + fields);
            }
            for (String v : e.getValue()) {
                int r = rowOf(e.getKey(), v);
                if (r > 0) {
                    out.add(r);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).sorted().distinct().toArray();
    }
}
