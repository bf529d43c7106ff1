package org.seqrec.trainer.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.ItemVocabulary;

class InteractionReaderTests {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static InteractionData read(Path p, InputFormat f) throws DataFileException {
        return InteractionReader.read(p, f, CsvColumns.DEFAULT, ItemIndexer.growing());
    }

    @Test
    void pairsGroupUsersInFileOrderAndIndexItemsByFirstAppearance() throws Exception {
        Path p = write("pairs.txt", "1 10\n2 20\n\n1 30\n  1\t10  \n2 10\n");
        InteractionData d = read(p, InputFormat.PAIRS);
        assertEquals(List.of("10", "20", "30"), d.itemIds());
        assertEquals(2, d.numUsers());
        assertEquals("1", d.userId(0));
        assertArrayEquals(new int[] {1, 3, 1}, d.sequence(0));
        assertArrayEquals(new int[] {2, 1}, d.sequence(1));
        assertEquals(5, d.numInteractions());
        assertEquals(p.toString(), d.source());
    }

    @Test
    void sequencesConcatenateRepeatedUsers() throws Exception {
        Path p = write("seq.txt", "a x y z\n\nb y\na w\n");
        InteractionData d = read(p, InputFormat.SEQUENCES);
        assertEquals(List.of("x", "y", "z", "w"), d.itemIds());
        assertArrayEquals(new int[] {1, 2, 3, 4}, d.sequence(0));
        assertArrayEquals(new int[] {2}, d.sequence(1));
    }

    @Test
    void csvSortsEachUserByTimeStablyAndRowsFollowFileOrder() throws Exception {
        Path p = write(
                "log.csv",
                "\uFEFFitem,timestamp,user\n"
                        + "c,30,u1\n"
                        + "a,10,u1\n"
                        + "x,5,u2\n"
                        + "b,20,u1\n"
                        + "d,20,u1\n" // ties with b: keeps file order b, d
                        + "a,1,u2\n");
        InteractionData d = read(p, InputFormat.CSV);
        assertEquals(List.of("c", "a", "x", "b", "d"), d.itemIds());
        assertEquals("u1", d.userId(0));
        assertArrayEquals(new int[] {2, 4, 5, 1}, d.sequence(0)); // a b d c
        assertArrayEquals(new int[] {2, 3}, d.sequence(1)); // a x
    }

    @Test
    void csvHonoursColumnNamesQuotesAndIsoTimes() throws Exception {
        Path p = write(
                "log.csv",
                "who,what,when,title\n"
                        + "\"u,1\",sku-2,2024-05-01T10:00:00Z,\"wool \"\"warm\"\" gloves\"\n"
                        + "\"u,1\",sku-1,2024-05-01 09:00:00,plain\n"
                        + "\"u,1\",sku-3,2024-05-02,\"a, b\"\n");
        InteractionData d = InteractionReader.read(
                p, InputFormat.CSV, new CsvColumns("who", "what", "when"), ItemIndexer.growing());
        assertEquals("u,1", d.userId(0));
        assertArrayEquals(new int[] {2, 1, 3}, d.sequence(0)); // sku-1 09:00, sku-2 10:00, sku-3 next day
    }

    @Test
    void malformedPairsLineNamesFileAndLine() throws Exception {
        Path p = write("pairs.txt", "1 10\n\n1 20 30\n");
        DataFileException e = assertThrows(DataFileException.class, () -> read(p, InputFormat.PAIRS));
        assertTrue(e.getMessage().startsWith(p + ":3: expected 2"), e.getMessage());
    }

    @Test
    void sequenceWithoutItemsIsRejected() throws Exception {
        Path p = write("seq.txt", "a x\nb\n");
        DataFileException e = assertThrows(DataFileException.class, () -> read(p, InputFormat.SEQUENCES));
        assertTrue(e.getMessage().startsWith(p + ":2: "), e.getMessage());
    }

    @Test
    void csvErrorsNameLineAndProblem() throws Exception {
        Path missingColumn = write("a.csv", "user,item,time\nu,i,1\n");
        DataFileException e1 = assertThrows(DataFileException.class, () -> read(missingColumn, InputFormat.CSV));
        assertTrue(e1.getMessage().contains(":1: header has no column 'timestamp'"), e1.getMessage());
        assertTrue(e1.getMessage().contains("--time-col"), e1.getMessage());

        Path shortRow = write("b.csv", "user,item,timestamp\nu,i,1\nu,i\n");
        DataFileException e2 = assertThrows(DataFileException.class, () -> read(shortRow, InputFormat.CSV));
        assertTrue(e2.getMessage().startsWith(shortRow + ":3: expected 3 fields"), e2.getMessage());

        Path badTime = write("c.csv", "user,item,timestamp\nu,i,1\nu,j,yesterday\n");
        DataFileException e3 = assertThrows(DataFileException.class, () -> read(badTime, InputFormat.CSV));
        assertTrue(e3.getMessage().startsWith(badTime + ":3: column 'timestamp'"), e3.getMessage());

        Path mixed = write("d.csv", "user,item,timestamp\nu,i,1\nu,j,2024-01-01\n");
        DataFileException e4 = assertThrows(DataFileException.class, () -> read(mixed, InputFormat.CSV));
        assertTrue(
                e4.getMessage().contains(":3:") && e4.getMessage().contains("earlier timestamps were numbers"),
                e4.getMessage());

        Path quote = write("e.csv", "user,item,timestamp\n\"u,i,1\n");
        DataFileException e5 = assertThrows(DataFileException.class, () -> read(quote, InputFormat.CSV));
        assertTrue(e5.getMessage().startsWith(quote + ":2: unterminated quoted field"), e5.getMessage());

        Path emptyUser = write("f.csv", "user,item,timestamp\n,i,1\n");
        DataFileException e6 = assertThrows(DataFileException.class, () -> read(emptyUser, InputFormat.CSV));
        assertTrue(e6.getMessage().startsWith(emptyUser + ":2: column 'user' is empty"), e6.getMessage());
    }

    @Test
    void emptyAndMissingFilesAreClearErrors() throws Exception {
        Path empty = write("empty.txt", "\n\n");
        assertTrue(assertThrows(DataFileException.class, () -> read(empty, InputFormat.PAIRS))
                .getMessage()
                .contains("holds no interactions"));
        Path emptyCsv = write("empty.csv", "");
        assertTrue(assertThrows(DataFileException.class, () -> read(emptyCsv, InputFormat.CSV))
                .getMessage()
                .contains("expected a header line"));
        Path missing = dir.resolve("nope.txt");
        assertEquals(
                "input file " + missing + " does not exist",
                assertThrows(DataFileException.class, () -> read(missing, InputFormat.PAIRS))
                        .getMessage());
    }

    @Test
    void nonUtf8InputIsAClearError() throws Exception {
        Path p = dir.resolve("latin1.txt");
        Files.write(p, new byte[] {'u', ' ', (byte) 0xE9, '\n'});
        assertTrue(assertThrows(DataFileException.class, () -> read(p, InputFormat.PAIRS))
                .getMessage()
                .contains("is not UTF-8"));
    }

    @Test
    void frozenIndexerKeepsModelRowsAndSkipsUnknownItems() throws Exception {
        Path p = write("pairs.txt", "u b\nu new\nu a\nv new\n");
        InteractionData d = InteractionReader.read(
                p, InputFormat.PAIRS, CsvColumns.DEFAULT, ItemIndexer.frozen(ItemVocabulary.of(List.of("a", "b"))));
        assertEquals(List.of("a", "b"), d.itemIds());
        assertEquals(1, d.numUsers()); // v only had an unknown item
        assertArrayEquals(new int[] {2, 1}, d.sequence(0));
        assertEquals(2, d.skippedUnknownItems());
        assertEquals(2L, d.summary().get("skipped_unknown_items"));
    }

    @Test
    void summaryCountsUsersItemsAndLengths() throws Exception {
        InteractionData d = read(write("seq.txt", "a 1 2 3\nb 1\n"), InputFormat.SEQUENCES);
        assertEquals(2, d.summary().get("users"));
        assertEquals(3, d.summary().get("items"));
        assertEquals(4L, d.summary().get("interactions"));
        assertEquals(1, d.summary().get("min_sequence_length"));
        assertEquals(3, d.summary().get("max_sequence_length"));
        assertEquals(2.0, d.summary().get("mean_sequence_length"));
        assertEquals(List.of("1", "2", "3"), d.vocabulary().ids());
    }

    @Test
    void tsvReadsUserItemRatingTimeSortedPerUserWithTimes() throws Exception {
        // MovieLens u.data layout: user, item, rating, epoch seconds; rows in any order
        Path p = write("u.data", "196\t242\t3\t881250949\n186\t302\t3\t891717742\n196\t51\t2\t881250000\n");
        InteractionData d = read(p, InputFormat.TSV);
        assertTrue(d.hasTimes());
        assertEquals(List.of("242", "302", "51"), d.itemIds());
        assertArrayEquals(new int[] {3, 1}, d.sequence(0));
        assertArrayEquals(new double[] {881250000, 881250949}, d.times(0));
        assertArrayEquals(new double[] {891717742}, d.times(1));
        assertEquals(true, d.summary().get("has_times"));
    }

    @Test
    void tsvErrorsNameLineAndField() throws Exception {
        Path three = write("three.tsv", "1\t2\t3\t100\n1\t2\t3\n");
        DataFileException e = assertThrows(DataFileException.class, () -> read(three, InputFormat.TSV));
        assertEquals(
                three + ":2: expected 4 tab-separated fields 'user item rating time' (--format tsv), got 3",
                e.getMessage());
        Path badTime = write("time.tsv", "1\t2\t3\tyesterday\n");
        e = assertThrows(DataFileException.class, () -> read(badTime, InputFormat.TSV));
        assertEquals(badTime + ":1: time (field 4) 'yesterday' is not a number (epoch seconds)", e.getMessage());
    }

    @Test
    void pairsWithATimeColumnKeepTimesAndRefuseTimesOutOfOrder() throws Exception {
        InteractionData d = read(write("timed.txt", "u a 10\nv b 5\nu c 20\n"), InputFormat.PAIRS);
        assertTrue(d.hasTimes());
        assertArrayEquals(new double[] {10, 20}, d.times(0), 0);

        Path mixed = write("mixed.txt", "u a 10\nu b\n");
        DataFileException e = assertThrows(DataFileException.class, () -> read(mixed, InputFormat.PAIRS));
        assertTrue(
                e.getMessage().startsWith(mixed + ":2: expected 3 whitespace-separated fields 'user item time'"),
                e.getMessage());

        Path late = write("late.txt", "u a 100\nv b 1\n\nu c 50\n");
        e = assertThrows(DataFileException.class, () -> read(late, InputFormat.PAIRS));
        assertEquals(
                late + ":4: time (field 3) '50' is earlier than user 'u''s previous event at line 1: a pairs file"
                        + " lists each user's events in time order (use --format csv or tsv to have rows sorted)",
                e.getMessage());

        Path bad = write("bad.txt", "u a 100\nu b soon\n");
        e = assertThrows(DataFileException.class, () -> read(bad, InputFormat.PAIRS));
        assertTrue(
                e.getMessage().startsWith(bad + ":2: time (field 3): timestamp 'soon' is a date-time"), e.getMessage());
    }

    @Test
    void formatsWithoutTimesSayWhereTimesComeFrom() throws Exception {
        InteractionData d = read(write("seq.txt", "a 1 2\n"), InputFormat.SEQUENCES);
        assertEquals(false, d.hasTimes());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> d.times(0));
        assertTrue(e.getMessage().contains("has no event times"), e.getMessage());
    }
}
