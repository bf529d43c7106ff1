package org.seqrec.index;

/**
 * One search hit: an item embedding row (1..numItems; row 0 is padding and never returned) and its
 * score, the inner product {@code u . E[row]} of the query with that row.
 */
public record ScoredItem(int row, float score) {}
