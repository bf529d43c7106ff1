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
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Reading real users from a `sequences` log: only users with a full 50-item history, sampled reproducibly. */
public class BenchUsersTests {
    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    @Test
    public void onlyUsersWithFiftyItemsAreSampledAndTheirHistoryIsTheLatestFifty() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int user = 1; user <= 30; user++) {
            int length = user % 3 == 0 ? 49 + user : 10; // users 3, 6, ..., 30 have 52 to 79 items
            int first = user * 1000;
            lines.add(user + " " + IntStream.range(first, first + length).mapToObj(String::valueOf).collect(Collectors.joining(" ")));
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
    public void aLogWithoutLongHistoriesOrWithABadLineIsRefused() throws IOException {
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> BenchUsers.sample(write(List.of("1 2 3 4")), 10, 42));
        assertTrue(none.getMessage(), none.getMessage().endsWith("has no user with 50 or more items"));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> BenchUsers.sample(write(List.of("1 2 3", "", "lonely")), 10, 42));
        assertTrue(bad.getMessage(), bad.getMessage().contains(":3: expected `user item1 item2 ...`"));
    }

    private Path write(List<String> lines) throws IOException {
        return Files.write(folder.newFile().toPath(), lines);
    }
}
