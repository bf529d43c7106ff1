package org.seqrec.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SessionsTests {
    private static final Duration HALF_HOUR = Duration.ofMinutes(30);

    @Test
    void cutsAtGapsLongerThanTheGapAndNamesSessionsInTimeOrder() {
        InteractionData log = InteractionData.builder(ItemIndexer.growing())
                .add("u", "a", 0)
                .add("u", "b", 60)
                .add("u", "c", 60 + 1800) // exactly the gap: same session
                .add("u", "d", 60 + 1800 + 1801) // over it: a new session
                .add("u", "e", 60 + 1800 + 1801 + 10)
                .add("v", "a", 100)
                .add("v", "b", 200)
                .build("log");

        InteractionData sessions = Sessions.cut(log, HALF_HOUR);

        assertEquals(3, sessions.numUsers());
        assertEquals(List.of("u#1", "u#2", "v#1"), List.of(sessions.userId(0), sessions.userId(1), sessions.userId(2)));
        assertEquals(log.itemIds(), sessions.itemIds(), "same vocabulary, same rows");
        assertArrayEquals(new int[] {1, 2, 3}, sessions.sequence(0));
        assertArrayEquals(new int[] {4, 5}, sessions.sequence(1));
        assertArrayEquals(new double[] {3661, 3671}, sessions.times(1));
        assertArrayEquals(new int[] {1, 2}, sessions.sequence(2));
        assertTrue(sessions.source().startsWith("log in sessions cut at gaps over 30m"), sessions.source());
    }

    @Test
    void dropsOneEventSessionsAndKeepsTheirItemsInTheVocabulary() {
        InteractionData log = InteractionData.builder(ItemIndexer.growing())
                .add("u", "lonely", 0)
                .add("u", "a", 10_000)
                .add("u", "b", 10_010)
                .add("w", "c", 5)
                .build("log");

        InteractionData sessions = Sessions.cut(log, HALF_HOUR);

        assertEquals(1, sessions.numUsers());
        assertEquals("u#2", sessions.userId(0));
        assertEquals(List.of("lonely", "a", "b", "c"), sessions.itemIds());
        assertTrue(
                sessions.source().contains("1 sessions of 2+ events; 2 one-event sessions dropped"), sessions.source());
    }

    @Test
    void refusesALogWithoutTimes() {
        InteractionData log = InteractionData.builder(ItemIndexer.growing())
                .add("u", "a")
                .add("u", "b")
                .build("seqs.txt");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sessions.cut(log, HALF_HOUR));
        assertTrue(
                e.getMessage().startsWith("--sessions cuts the log at gaps between event times, but seqs.txt has none"),
                e.getMessage());
    }
}
