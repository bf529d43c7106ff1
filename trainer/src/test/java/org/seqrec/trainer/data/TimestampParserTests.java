package org.seqrec.trainer.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TimestampParserTests {
    @Test
    void numbersAreTheirOwnKeys() {
        TimestampParser p = new TimestampParser();
        assertEquals(1_700_000_000_123.0, p.parse("1700000000123"));
        assertEquals(-2.5, p.parse("-2.5"));
        assertEquals(1.5e-3, p.parse("1.5e-3"));
    }

    @Test
    void dateTimesBecomeEpochSecondsUtcUnlessAnOffsetIsGiven() {
        TimestampParser p = new TimestampParser();
        assertEquals(1_714_557_600.0, p.parse("2024-05-01T10:00:00Z"));
        assertEquals(1_714_557_600.0, p.parse("2024-05-01T12:00:00+02:00"));
        assertEquals(1_714_557_600.0, p.parse("2024-05-01 10:00:00"));
        assertEquals(1_714_557_600.5, p.parse("2024-05-01T10:00:00.5"));
        assertEquals(1_714_521_600.0, p.parse("2024-05-01"));
    }

    @Test
    void rejectsGarbageAndMixedKinds() {
        TimestampParser p = new TimestampParser();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> p.parse("soon"))
                .getMessage()
                .contains("neither a number nor an ISO-8601 date-time"));
        TimestampParser q = new TimestampParser();
        q.parse("2024-01-01");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> q.parse("17"))
                .getMessage()
                .contains("earlier timestamps were date-times"));
    }
}
