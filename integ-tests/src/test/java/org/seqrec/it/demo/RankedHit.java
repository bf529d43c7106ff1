package org.seqrec.it.demo;

/**
 * One hit of a search, as the demo prints it.
 *
 * @param rank 1-based position in the ranking
 * @param itemId the hit's {@code item_id}
 * @param title product title
 * @param category product category slug
 * @param score the hit's {@code _score}
 */
public record RankedHit(int rank, String itemId, String title, String category, float score) {}
