package org.seqrec.it.demo;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Test;

/**
 * Runs the whole shop demo (real trainer CLI, real node with the installed plugin) with fewer
 * epochs than {@code scripts/demo}, and checks that the story it tells holds: the rescore
 * reorders the same hits and lifts the drift target of the shopper's style to the top.
 */
public class ShopDemoIT {

    @Test
    public void rescoreLiftsTheNextCategoryInTheShoppersStyle() {
        DemoResult result = ShopDemo.runDemo("--epochs", "8");

        assertEquals(
                "the rescore reorders the hits, it neither adds nor drops any",
                ids(result.plain()),
                ids(result.rescored()));
        assertTrue("the shown rankings differ", result.reordered());

        RankedHit drift = result.topDriftHit().orElseThrow(() -> new AssertionError("no goggles among the hits"));
        // History: wool ski jacket, fleece ski jacket, wool winter gloves -> next: ski goggles, in wool.
        assertEquals("goggles", result.story().driftTarget());
        assertEquals("wool ski goggles", drift.title());
        assertEquals("it leads the rescored ranking", 1, drift.rank());
        assertTrue(
                "it was not first before: " + result.plainRank(drift.itemId()), result.plainRank(drift.itemId()) > 1);
        assertTrue(
                "more goggles in the top 10 than before",
                result.driftHitsInHead(result.rescored()) > result.driftHitsInHead(result.plain()));
        assertTrue(
                result.explanation(), result.explanation().startsWith("With seqrec, wool ski goggles rose from rank"));
    }

    private static Set<String> ids(List<RankedHit> hits) {
        return hits.stream().map(RankedHit::itemId).collect(Collectors.toSet());
    }
}
