package org.seqrec.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTests {
    private static final Duration MIN = Duration.ofSeconds(1);
    private static final Duration MAX = Duration.ofDays(7);

    @Test
    void parsesEveryUnitAndABareNumberAsSeconds() {
        assertEquals(Duration.ofSeconds(45), Durations.parse("--gap", "45", MIN, MAX));
        assertEquals(Duration.ofSeconds(45), Durations.parse("--gap", "45s", MIN, MAX));
        assertEquals(Duration.ofMinutes(30), Durations.parse("--gap", " 30m ", MIN, MAX));
        assertEquals(Duration.ofHours(2), Durations.parse("--gap", "2h", MIN, MAX));
        assertEquals(Duration.ofDays(7), Durations.parse("--gap", "7d", MIN, MAX));
    }

    @Test
    void refusesMalformedAndOutOfRangeValuesNamingTheFlagAndRange() {
        for (String bad : new String[] {"", "0", "8d", "-1m", "1.5h", "30 m", "1w", "9999999999s"}) {
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> Durations.parse("--gap", bad, MIN, MAX));
            assertTrue(e.getMessage().startsWith("--gap must be"), e.getMessage());
            assertTrue(e.getMessage().contains("1s..7d"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("--gap", null, MIN, MAX));
    }

    @Test
    void briefUsesTheLargestWholeUnit() {
        assertEquals("90s", Durations.brief(Duration.ofSeconds(90)));
        assertEquals("30m", Durations.brief(Duration.ofMinutes(30)));
        assertEquals("36h", Durations.brief(Duration.ofHours(36)));
        assertEquals("24h", Durations.brief(Duration.ofHours(24)));
        assertEquals("2d", Durations.brief(Duration.ofDays(2)));
    }
}
