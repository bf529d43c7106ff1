package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

/** The catalogue's titles: a small vocabulary, so that every benchmark query matches thousands of items. */
public class BenchCatalogueTests {
    private static final int BEAUTY_ITEMS = 12_101;

    @Test
    public void everyQueryMatchesThousandsOfTheBeautyItems() {
        List<String> titles = BenchCatalogue.titles(BEAUTY_ITEMS, 42);
        assertEquals(96, BenchCatalogue.queries().size());
        for (String query : BenchCatalogue.queries()) {
            Set<String> terms = Set.of(query.split(" "));
            // match ORs the query's terms: a title matches when it holds any of them
            long matching = titles.stream()
                    .filter(t -> Arrays.stream(t.split(" ")).anyMatch(terms::contains))
                    .count();
            assertTrue(query + " matches " + matching, matching >= 2_000 && matching <= 3_000);
        }
    }

    @Test
    public void categoriesSplitTheItemsEvenlyAndTitlesAreReproducible() {
        List<String> titles = BenchCatalogue.titles(BEAUTY_ITEMS, 42);
        assertEquals(BEAUTY_ITEMS, titles.size());
        assertEquals(titles, BenchCatalogue.titles(BEAUTY_ITEMS, 42));
        for (String category : BenchCatalogue.CATEGORIES) {
            long count = titles.stream()
                    .filter(t -> t.split(" ")[2].equals(category))
                    .count();
            assertTrue(category + ": " + count, count == BEAUTY_ITEMS / 8 || count == BEAUTY_ITEMS / 8 + 1);
        }
        assertEquals("four words from four disjoint lists", 4, titles.get(0).split(" ").length);
        Set<String> all = new HashSet<>();
        for (List<String> words : List.of(
                BenchCatalogue.QUALITIES, BenchCatalogue.SCENTS, BenchCatalogue.CATEGORIES, BenchCatalogue.SIZES)) {
            all.addAll(words);
        }
        assertEquals("the documented 40-word vocabulary", 40, all.size());
    }
}
