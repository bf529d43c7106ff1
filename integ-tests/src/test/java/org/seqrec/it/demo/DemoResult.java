package org.seqrec.it.demo;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What one run of {@link ShopDemo} found: the same search ranked by text alone and rescored by the
 * model, in full (every matching product), and the model file it used. Immutable.
 *
 * @param story the shopper and the query
 * @param plain all hits of the text search, best first
 * @param rescored all hits of the same search with the {@code seqrec} rescore, best first
 * @param top how many hits of each ranking are shown
 * @param model the trained artifact
 */
public record DemoResult(ShopperStory story, List<RankedHit> plain, List<RankedHit> rescored, int top, Path model) {

    public DemoResult {
        plain = List.copyOf(plain);
        rescored = List.copyOf(rescored);
    }

    /** The first {@link #top} hits of a ranking. */
    public List<RankedHit> head(List<RankedHit> ranking) {
        return ranking.subList(0, Math.min(top, ranking.size()));
    }

    /** Whether the shown heads of the two rankings differ (items or order). */
    public boolean reordered() {
        return !head(plain).stream()
                .map(RankedHit::itemId)
                .toList()
                .equals(head(rescored).stream().map(RankedHit::itemId).toList());
    }

    /** The best-ranked rescored hit of the category shoppers move on to next, if any matched. */
    public Optional<RankedHit> topDriftHit() {
        return rescored.stream()
                .filter(h -> h.category().equals(story.driftTarget()))
                .findFirst();
    }

    /** The rank of an item in the text-only ranking, or 0 if it is not there. */
    public int plainRank(String itemId) {
        return plain.stream()
                .filter(h -> h.itemId().equals(itemId))
                .mapToInt(RankedHit::rank)
                .findFirst()
                .orElse(0);
    }

    /** How many of the first {@link #top} hits of a ranking belong to the drift-target category. */
    public long driftHitsInHead(List<RankedHit> ranking) {
        return head(ranking).stream()
                .filter(h -> h.category().equals(story.driftTarget()))
                .count();
    }

    /** One sentence on what the rescore changed and why, built from the rankings themselves. */
    public String explanation() {
        Optional<RankedHit> drift = topDriftHit();
        String query = "\"" + story.query() + "\"";
        String reordered = "With seqrec the " + plain.size() + " products matching " + query + " are ordered by text"
                + " score plus the model's score for each item after this history; ";
        String target = story.driftTarget() + " (the category shoppers go to after " + story.currentCategory() + ")";
        if (drift.isEmpty()) {
            return reordered + "none of them is in " + target + ".";
        }
        if (drift.get().rank() >= plainRank(drift.get().itemId())) {
            return reordered + "the best of " + target + ", " + drift.get().title() + ", did not move up (rank "
                    + plainRank(drift.get().itemId()) + " -> " + drift.get().rank() + ").";
        }
        RankedHit hit = drift.get();
        String textPart = allSameScore(plain)
                ? query + " gives all " + plain.size() + " matching products the same text score"
                : "the text score only counts the words of " + query;
        String stylePart = ShopperStory.styleOf(hit.title()).equals(story.preferredStyle())
                ? " and mostly keep one style, and this shopper's style is " + story.preferredStyle()
                : "";
        return "With seqrec, " + hit.title() + " rose from rank " + plainRank(hit.itemId()) + " to rank " + hit.rank()
                + " (" + words(hit.category()) + " now fill " + driftHitsInHead(rescored) + " of the top " + top
                + ", before " + driftHitsInHead(plain) + "): " + textPart + ", but the model learned from the shop's"
                + " sessions that shoppers go from " + words(story.currentCategory()) + " on to "
                + words(hit.category())
                + stylePart + ".";
    }

    private static boolean allSameScore(List<RankedHit> hits) {
        return hits.stream().map(RankedHit::score).distinct().count() == 1;
    }

    /** A category slug as words: {@code running-shoes} -> {@code running shoes}. */
    private static String words(String category) {
        return category.replace('-', ' ');
    }
}
