package org.seqrec.it.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** What the demo concludes from two rankings, on hand-made rankings. */
public class DemoResultTests {
    private static final ShopperStory STORY = ShopperStory.of(List.of("sku-100", "sku-101", "sku-112"), "ski");

    @Test
    public void explainsARiseOfTheDriftTargetInTheShoppersStyle() {
        List<RankedHit> plain = ranking(0.5f, "sku-100", "ski-jackets", "sku-101", "ski-jackets", "sku-124", "goggles");
        List<RankedHit> rescored =
                ranking(-1f, "sku-124", "goggles", "sku-100", "ski-jackets", "sku-101", "ski-jackets");
        DemoResult result = new DemoResult(STORY, plain, rescored, 2, Path.of("m.seqrec"));

        assertTrue(result.reordered());
        assertEquals("sku-124", result.topDriftHit().orElseThrow().itemId());
        assertEquals(3, result.plainRank("sku-124"));
        assertEquals(0, result.driftHitsInHead(plain));
        assertEquals(1, result.driftHitsInHead(rescored));
        assertEquals(
                "With seqrec, wool ski goggles rose from rank 3 to rank 1 (goggles now fill 1 of the top 2,"
                        + " before 0): \"ski\" gives all 3 matching products the same text score, but the model learned from"
                        + " the shop's sessions that shoppers go from gloves on to goggles and mostly keep one style, and this"
                        + " shopper's style is wool.",
                result.explanation());
    }

    @Test
    public void saysSoWhenTheDriftTargetDidNotRise() {
        List<RankedHit> same = ranking(0.5f, "sku-124", "goggles", "sku-100", "ski-jackets");
        DemoResult result = new DemoResult(STORY, same, same, 2, Path.of("m.seqrec"));
        assertFalse(result.reordered());
        assertTrue(result.explanation(), result.explanation().endsWith("did not move up (rank 1 -> 1)."));
    }

    @Test
    public void saysSoWhenNoHitIsInTheDriftTarget() {
        List<RankedHit> jackets = ranking(0.5f, "sku-100", "ski-jackets");
        DemoResult result = new DemoResult(STORY, jackets, jackets, 10, Path.of("m.seqrec"));
        assertTrue(result.topDriftHit().isEmpty());
        assertTrue(
                result.explanation(),
                result.explanation()
                        .endsWith("none of them is in goggles (the category shoppers go to after gloves)."));
    }

    /** Hits from (id, category) pairs; titles from the catalogue; score = same, or falling when negative. */
    private static List<RankedHit> ranking(float score, String... idsAndCategories) {
        List<RankedHit> hits = new ArrayList<>();
        for (int i = 0; i < idsAndCategories.length; i += 2) {
            String id = idsAndCategories[i];
            String title = ShopperStory.of(List.of(id), "q").viewed().getFirst().title();
            hits.add(new RankedHit(hits.size() + 1, id, title, idsAndCategories[i + 1], score < 0 ? 10f - i : score));
        }
        return hits;
    }
}
