package org.seqrec.artifact;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The counts of the first-order Markov chain baseline: how often item row j followed item row i in
 * the training sequences, in compressed sparse row (CSR) form, and how often each item occurred.
 * With n items: the successors of row i (0..n) are {@code items[indptr[i] .. indptr[i + 1])}, in
 * strictly increasing order, with their counts at the same positions; row 0 (padding) has none.
 *
 * <p>Stored in an artifact as four 1-D float32 parameters ({@link #INDPTR} (n + 2),
 * {@link #ITEMS} (nnz), {@link #COUNTS} (nnz), {@link #POPULARITY} (n + 1)). Rows and offsets are
 * exact in float32 only up to 2^24, so catalogues and transition tables above
 * {@value #MAX_EXACT} entries are refused. Immutable by convention (callers must not modify the
 * arrays); thread-safe.
 *
 * @param numItems n
 * @param indptr n + 2 offsets, indptr[0] = indptr[1] = 0, non-decreasing, indptr[n + 1] = nnz
 * @param items nnz successor rows in 1..n, strictly increasing within each row
 * @param counts nnz transition counts, finite and >= 0
 * @param popularity n + 1 occurrence counts per item row, finite and >= 0, popularity[0] = 0
 */
public record TransitionCounts(int numItems, int[] indptr, int[] items, float[] counts, float[] popularity) {
    public static final String INDPTR = "transitions_indptr";
    public static final String ITEMS = "transitions_items";
    public static final String COUNTS = "transitions_counts";
    public static final String POPULARITY = "popularity";
    /** 2^24: the largest integer up to which every integer is exact in float32. */
    public static final int MAX_EXACT = 1 << 24;

    /** @throws IllegalArgumentException naming the array and the broken rule when the counts are inconsistent */
    public TransitionCounts {
        String problem = problem(numItems, indptr, items, counts, popularity);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Number of stored (i, j) pairs. */
    public int nonZeros() {
        return items.length;
    }

    /** The four parameters, as stored in an artifact. */
    public Map<String, FloatTensor> toParameters() {
        Map<String, FloatTensor> p = new LinkedHashMap<>();
        p.put(INDPTR, vector(toFloats(indptr)));
        p.put(ITEMS, vector(toFloats(items)));
        p.put(COUNTS, vector(counts.clone()));
        p.put(POPULARITY, vector(popularity.clone()));
        return p;
    }

    /**
     * Reads and validates the four parameters of an artifact with {@code numItems} items.
     *
     * @throws ArtifactException naming the parameter when one is missing, extra, not 1-D, of the
     *     wrong length, not integral where it must be, or inconsistent (see the record's contract)
     */
    public static TransitionCounts fromParameters(Map<String, FloatTensor> parameters, int numItems)
            throws ArtifactException {
        Set<String> expected = Set.of(INDPTR, ITEMS, COUNTS, POPULARITY);
        if (!parameters.keySet().equals(expected)) {
            throw new ArtifactException("markov parameters must be exactly " + new TreeSet<>(expected) + ", got "
                    + new TreeSet<>(parameters.keySet()));
        }
        if (numItems >= MAX_EXACT) {
            throw new ArtifactException("markov supports fewer than " + MAX_EXACT
                    + " items (rows must be exact in float32), got " + numItems);
        }
        int[] indptr = integral(INDPTR, vector(INDPTR, parameters.get(INDPTR)));
        int[] items = integral(ITEMS, vector(ITEMS, parameters.get(ITEMS)));
        float[] counts = vector(COUNTS, parameters.get(COUNTS));
        float[] popularity = vector(POPULARITY, parameters.get(POPULARITY));
        String problem = problem(numItems, indptr, items, counts, popularity);
        if (problem != null) {
            throw new ArtifactException(problem);
        }
        return new TransitionCounts(numItems, indptr, items, counts, popularity);
    }

    /** The first broken rule, or null when the arrays form valid counts. */
    private static String problem(int n, int[] indptr, int[] items, float[] counts, float[] popularity) {
        if (n < 1 || n >= MAX_EXACT) {
            return "markov needs 1.." + (MAX_EXACT - 1) + " items (rows must be exact in float32), got " + n;
        }
        if (indptr.length != n + 2) {
            return INDPTR + " has " + indptr.length + " entries, expected num_items + 2 = " + (n + 2);
        }
        if (popularity.length != n + 1) {
            return POPULARITY + " has " + popularity.length + " entries, expected num_items + 1 = " + (n + 1);
        }
        if (items.length != counts.length) {
            return ITEMS + " has " + items.length + " entries but " + COUNTS + " has " + counts.length;
        }
        if (items.length > MAX_EXACT) {
            return "markov holds at most " + MAX_EXACT + " transitions (offsets must be exact in float32), got "
                    + items.length;
        }
        if (indptr[0] != 0 || indptr[1] != 0) {
            return INDPTR + " must start with 0, 0 (row 0 pads and has no successors), got " + indptr[0] + ", "
                    + indptr[1];
        }
        if (indptr[n + 1] != items.length) {
            return INDPTR + " ends at " + indptr[n + 1] + " but there are " + items.length + " transitions";
        }
        for (int i = 1; i <= n; i++) {
            if (indptr[i + 1] < indptr[i]) {
                return INDPTR + " must be non-decreasing, but entry " + (i + 1) + " (" + indptr[i + 1]
                        + ") is below entry " + i + " (" + indptr[i] + ")";
            }
        }
        // indptr now runs from 0 to nnz without going down, so every offset below is in range
        for (int i = 1; i <= n; i++) {
            for (int k = indptr[i]; k < indptr[i + 1]; k++) {
                if (items[k] < 1 || items[k] > n) {
                    return ITEMS + "[" + k + "] = " + items[k] + " is outside the item rows 1.." + n;
                }
                if (k > indptr[i] && items[k] <= items[k - 1]) {
                    return ITEMS + " must be strictly increasing within a row, but row " + i + " has " + items[k - 1]
                            + " then " + items[k];
                }
            }
        }
        String bad = firstBadCount(COUNTS, counts);
        if (bad == null) {
            bad = firstBadCount(POPULARITY, popularity);
        }
        if (bad == null && popularity[0] != 0f) {
            bad = POPULARITY + "[0] (padding) must be 0, got " + popularity[0];
        }
        return bad;
    }

    private static String firstBadCount(String name, float[] values) {
        for (int k = 0; k < values.length; k++) {
            if (!(Float.isFinite(values[k]) && values[k] >= 0f)) {
                return name + "[" + k + "] = " + values[k] + " is not a finite count >= 0";
            }
        }
        return null;
    }

    private static float[] vector(String name, FloatTensor t) throws ArtifactException {
        if (t.rank() != 1) {
            throw new ArtifactException("parameter '" + name + "' must be 1-D, got shape " + t.shapeString());
        }
        return t.data();
    }

    private static int[] integral(String name, float[] values) throws ArtifactException {
        int[] out = new int[values.length];
        for (int k = 0; k < values.length; k++) {
            float v = values[k];
            if (!(v >= 0f && v <= MAX_EXACT) || v != Math.rint(v)) {
                throw new ArtifactException(
                        "parameter '" + name + "'[" + k + "] = " + v + " is not an integer in 0.." + MAX_EXACT);
            }
            out[k] = (int) v;
        }
        return out;
    }

    private static float[] toFloats(int[] values) {
        float[] out = new float[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = values[k];
        }
        return out;
    }

    private static FloatTensor vector(float[] data) {
        return new FloatTensor(new long[] {data.length}, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TransitionCounts t
                && numItems == t.numItems
                && Arrays.equals(indptr, t.indptr)
                && Arrays.equals(items, t.items)
                && Arrays.equals(counts, t.counts)
                && Arrays.equals(popularity, t.popularity);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new int[] {
            numItems,
            Arrays.hashCode(indptr),
            Arrays.hashCode(items),
            Arrays.hashCode(counts),
            Arrays.hashCode(popularity)
        });
    }

    @Override
    public String toString() {
        return "TransitionCounts[numItems=" + numItems + ", nonZeros=" + items.length + "]";
    }
}
