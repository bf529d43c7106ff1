package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Reading real users from a `sequences` log: only users with a full 50-item history, sampled reproducibly;
 * every distinct 50-item window of them, without repeats.
 */
public class BenchUsersTests {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void onlyUsersWithFiftyItemsAreSampledAndTheirHistoryIsTheLatestFifty() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int user = 1; user <= 30; user++) {
            int length = user % 3 == 0 ? 49 + user : 10; // users 3, 6, ..., 30 have 52 to 79 items
            int first = user * 1000;
            lines.add(user + " "
                    + IntStream.range(first, first + length)
                            .mapToObj(String::valueOf)
                            .collect(Collectors.joining(" ")));
        }
        Path file = write(lines);
        List<BenchUsers.User> all = BenchUsers.sample(file, 100, 42);
        assertEquals(10, all.size());
        for (BenchUsers.User u : all) {
            int user = Integer.parseInt(u.id().substring(2));
            assertEquals(0, user % 3);
            assertEquals(49 + user, u.items().size());
            List<String> history = u.history(BenchUsers.HISTORY_LENGTH);
            assertEquals(50, history.size());
            assertEquals("the latest item last", String.valueOf(user * 1000 + 49 + user - 1), history.getLast());
            assertEquals(u.items().subList(u.items().size() - 50, u.items().size()), history);
        }
        List<BenchUsers.User> some = BenchUsers.sample(file, 4, 42);
        assertEquals(4, some.size());
        assertEquals(some, BenchUsers.sample(file, 4, 42));
        assertEquals("a sample is a prefix of the seeded shuffle", all.subList(0, 4), some);
        assertNotEquals(some, BenchUsers.sample(file, 4, 7));
    }

    @Test
    public void windowsAreEveryDistinctRunOfFiftyConsecutiveItemsOfTheLongUsers() throws IOException {
        // user 1: 53 items -> 4 windows; user 2: 50 items -> 1; user 3: too short; user 4 repeats user 2's items
        // (its one window is a duplicate); user 5: the same item 51 times -> 2 cut points, 1 distinct window
        List<String> lines = List.of(
                "1 " + range(100, 153),
                "2 " + range(200, 250),
                "3 " + range(300, 349),
                "4 " + range(200, 250),
                "5 " + "7 ".repeat(51).trim());
        List<BenchUsers.User> windows = BenchUsers.windows(write(lines), 42);
        assertEquals(4 + 1 + 1, windows.size());
        assertEquals(
                "no window repeats",
                windows.size(),
                windows.stream().map(BenchUsers.User::items).distinct().count());
        assertEquals(
                Set.of("w-1-50", "w-1-51", "w-1-52", "w-1-53", "w-2-50", "w-5-50"),
                windows.stream().map(BenchUsers.User::id).collect(Collectors.toSet()));
        for (BenchUsers.User w : windows) {
            assertEquals(50, w.items().size());
            assertEquals("the window is its own whole history", w.items(), w.history(BenchUsers.HISTORY_LENGTH));
            int cut = Integer.parseInt(w.id().substring(w.id().lastIndexOf('-') + 1));
            if (w.id().startsWith("w-1-")) {
                assertEquals(
                        "the 50 items before the cut point",
                        range(100 + cut - 50, 100 + cut),
                        String.join(" ", w.items()));
            }
        }
        assertEquals("seeded", windows, BenchUsers.windows(write(lines), 42));
        assertNotEquals("shuffled by the seed", windows, BenchUsers.windows(write(lines), 7));
        assertEquals(Set.copyOf(windows), Set.copyOf(BenchUsers.windows(write(lines), 7)));
    }

    @Test
    public void aLogWithoutLongHistoriesOrWithABadLineIsRefused() throws IOException {
        IllegalArgumentException none = assertThrows(
                IllegalArgumentException.class, () -> BenchUsers.sample(write(List.of("1 2 3 4")), 10, 42));
        assertTrue(none.getMessage(), none.getMessage().endsWith("has no user with 50 or more items"));
        IllegalArgumentException bad = assertThrows(
                IllegalArgumentException.class, () -> BenchUsers.sample(write(List.of("1 2 3", "", "lonely")), 10, 42));
        assertTrue(bad.getMessage(), bad.getMessage().contains(":3: expected `user item1 item2 ...`"));
        assertThrows(IllegalArgumentException.class, () -> BenchUsers.windows(write(List.of("1 2 3 4")), 42));
    }

    private static String range(int from, int to) {
        return IntStream.range(from, to).mapToObj(String::valueOf).collect(Collectors.joining(" "));
    }

    private Path write(List<String> lines) throws IOException {
        return Files.write(folder.newFile().toPath(), lines);
    }
}
