package org.seqrec.trainer.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DailyDriftDataTests {
    @Test
    void everyEventFollowsItsHoursDaypartAndLongAbsencesEndWithNewArrivals() {
        DailyDriftData d = DailyDriftData.generate(DailyDriftData.Settings.defaults(5));
        assertEquals(2_000, d.log().users().size());
        int returns = 0;
        Set<Integer> startHours = new HashSet<>();
        for (SyntheticLog.UserLog u : d.log().users()) {
            List<SyntheticLog.Event> events = u.events();
            assertTrue(events.size() >= 20 && events.size() <= 40);
            Set<String> favourites = new HashSet<>();
            for (int i = 0; i < events.size(); i++) {
                SyntheticLog.Event e = events.get(i);
                String category = DailyDriftData.categoryAt(e.timestamp());
                assertTrue(e.item().startsWith(category + "-"), e.item() + " at " + e.timestamp());
                long gap = i == 0 ? 0 : e.timestamp() - events.get(i - 1).timestamp();
                assertTrue(i == 0 || gap > 0, "times increase");
                if (gap > DailyDriftData.LONG_ABSENCE_DAYS * 86_400L) {
                    assertEquals(DailyDriftData.newArrivals(category), e.item());
                    returns++;
                } else {
                    favourites.add(e.item());
                }
                if (gap >= 3_600) {
                    startHours.add((int) ((e.timestamp() / 3_600) % 24));
                }
            }
            assertTrue(favourites.size() <= 4 * 3, u.user() + " has at most 3 favourites per category");
        }
        assertTrue(returns > 1_000, "long absences happen: " + returns);
        assertEquals(24, startHours.size(), "sessions start at every hour");
    }

    @Test
    void sameSeedSameLog() {
        DailyDriftData.Settings s = new DailyDriftData.Settings(50, 5, 2, 5, 10, 2, 5, 9);
        assertEquals(DailyDriftData.generate(s), DailyDriftData.generate(s));
    }
}
