package org.seqrec.plugin.scoring;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class ScoreModeTests {

    @Test
    public void combinesLikeTheQueryRescorer() {
        assertEquals(5f, ScoreMode.TOTAL.combine(2f, 3f), 0f);
        assertEquals(6f, ScoreMode.MULTIPLY.combine(2f, 3f), 0f);
        assertEquals(2.5f, ScoreMode.AVG.combine(2f, 3f), 0f);
        assertEquals(3f, ScoreMode.MAX.combine(2f, 3f), 0f);
        assertEquals(2f, ScoreMode.MIN.combine(2f, 3f), 0f);
        assertEquals(3f, ScoreMode.REPLACE.combine(2f, 3f), 0f);
        assertEquals(-1f, ScoreMode.REPLACE.combine(7f, -1f), 0f);
    }

    @Test
    public void parsesDslNamesInAnyCase() {
        for (ScoreMode mode : ScoreMode.values()) {
            assertEquals(mode, ScoreMode.parse(mode.dslName()));
            assertEquals(mode, ScoreMode.parse(mode.dslName().toUpperCase(java.util.Locale.ROOT)));
        }
    }

    @Test
    public void rejectsUnknownNamesListingTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScoreMode.parse("sum"));
        assertEquals("[score_mode] must be one of total, multiply, avg, max, min, replace, got [sum]", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ScoreMode.parse(null))
                .getMessage()
                .contains("got [null]"));
    }
}
