package org.seqrec.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Product titles from a small vocabulary, so that a text query matches thousands of the
 * catalogue's items, as a shop's broad searches do. A title is
 * {@code <quality> <scent> <category> <size>}, e.g. {@code "gentle rose serum mini"}: the category
 * is the item's position modulo the {@value #CATEGORY_COUNT} categories (exactly 1/8 of the items
 * each), the other words are drawn with a fixed seed. A query is {@code "<category> <quality>"}; as
 * {@code match} ORs its terms, it matches about 1/8 + 1/12 - 1/96 of the items (2,400 of 12,101).
 * The built-in rescorer's query matches one scent (1/16 of the items). Stateless.
 */
final class BenchCatalogue {
    static final List<String> CATEGORIES =
            List.of("cream", "serum", "shampoo", "lipstick", "polish", "perfume", "brush", "mask");
    static final int CATEGORY_COUNT = 8;
    static final List<String> QUALITIES = List.of(
            "gentle", "daily", "matte", "organic", "luxury", "travel", "classic", "fresh", "silky", "natural", "deluxe",
            "pro");
    static final List<String> SCENTS = List.of(
            "rose",
            "lavender",
            "citrus",
            "vanilla",
            "coconut",
            "mint",
            "amber",
            "jasmine",
            "aloe",
            "honey",
            "cherry",
            "ocean",
            "musk",
            "peach",
            "sage",
            "cocoa");
    static final List<String> SIZES = List.of("mini", "regular", "large", "set");

    private BenchCatalogue() {}

    /** One title per item, in the order of {@code itemCount} positions, reproducibly for one seed. */
    static List<String> titles(int itemCount, long seed) {
        Random random = new Random(seed);
        List<String> titles = new ArrayList<>(itemCount);
        for (int i = 0; i < itemCount; i++) {
            titles.add(pick(QUALITIES, random) + " " + pick(SCENTS, random) + " " + CATEGORIES.get(i % CATEGORY_COUNT)
                    + " " + pick(SIZES, random));
        }
        return titles;
    }

    /** Every {@code "<category> <quality>"} pair: the {@code match} texts. */
    static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (String category : CATEGORIES) {
            for (String quality : QUALITIES) {
                queries.add(category + " " + quality);
            }
        }
        return queries;
    }

    /** The words the built-in {@code query} rescorer matches. */
    static List<String> rescoreWords() {
        return SCENTS;
    }

    private static String pick(List<String> words, Random random) {
        return words.get(random.nextInt(words.size()));
    }
}
