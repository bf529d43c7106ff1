package org.seqrec.trainer.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.trainer.data.CsvColumns;
import org.seqrec.trainer.data.InputFormat;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.data.InteractionReader;
import org.seqrec.trainer.data.ItemIndexer;

class PlantedPatternDataTests {
    @TempDir
    Path dir;

    @Test
    void sameSeedSameDataOtherSeedOtherData() {
        PlantedPatternData a = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(3));
        PlantedPatternData b = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(3));
        PlantedPatternData c = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(4));
        assertEquals(a, b);
        assertNotEquals(a.log(), c.log());
    }

    @Test
    void everyChainItemIsFollowedByItsSuccessor() {
        PlantedPatternData d = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(1));
        Map<String, String> next = d.plantedNext();
        assertEquals(8 * 2, next.size());
        int occurrences = 0;
        for (SyntheticLog.UserLog u : d.log().users()) {
            List<String> items = u.items();
            assertTrue(items.size() >= 8 && items.size() <= 30, "length " + items.size());
            for (int i = 0; i < items.size(); i++) {
                String successor = next.get(items.get(i));
                if (successor != null) {
                    occurrences++;
                    assertTrue(i + 1 < items.size(), "chain cut off at the end of " + u.user());
                    assertEquals(successor, items.get(i + 1));
                }
            }
        }
        assertTrue(occurrences > 1000, "too few planted occurrences: " + occurrences);
    }

    @Test
    void writtenFilesReadBackAsTheSameSequencesInEveryFormat() throws Exception {
        PlantedPatternData d =
                PlantedPatternData.generate(new PlantedPatternData.Settings(40, 20, 3, 3, 5, 12, 0.3, 9));
        InteractionData expected = d.log().toInteractionData("generated");
        for (InputFormat f : InputFormat.values()) {
            Path file = dir.resolve("planted." + f.cliName());
            d.log().write(file, f);
            InteractionData read = InteractionReader.read(file, f, CsvColumns.DEFAULT, ItemIndexer.growing());
            assertEquals(expected.numUsers(), read.numUsers(), f.cliName());
            // csv rows are in global time order, so users may come in another order: match by id
            Map<String, Integer> readUsers = new HashMap<>();
            for (int u = 0; u < read.numUsers(); u++) {
                readUsers.put(read.userId(u), u);
            }
            for (int u = 0; u < expected.numUsers(); u++) {
                String[] want = rowsToIds(expected, expected.sequence(u));
                String[] got = rowsToIds(read, read.sequence(readUsers.get(expected.userId(u))));
                assertArrayEquals(want, got, f.cliName() + " user " + expected.userId(u));
            }
        }
    }

    private static String[] rowsToIds(InteractionData d, int[] rows) {
        String[] ids = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            ids[i] = d.itemId(rows[i]);
        }
        return ids;
    }
}
