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
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.ItemVocabulary;

class ItemFeatureReaderTests {
    private static final ItemVocabulary CATALOGUE = ItemVocabulary.of(List.of("a", "b", "c"));

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void jsonListsAreOneFieldOfFeatureIds() throws Exception {
        Path p = write("f.json", "{\"b\": [3, 1], \"a\": [1], \"zz\": [9]}");
        ItemFeatureReader.Result r = ItemFeatureReader.read(p, CATALOGUE, "item", List.of());
        ItemFeatures f = r.features();
        assertEquals(List.of(ItemFeatureReader.JSON_LIST_FIELD), f.fields());
        // values in order of first appearance by item row: a's 1, then b's 3
        assertEquals(new ItemFeatures.Value("attribute", "1"), f.value(1));
        assertEquals(new ItemFeatures.Value("attribute", "3"), f.value(2));
        assertEquals(2, f.numValues(), "9 only describes an item the log does not have");
        assertArrayEquals(new int[] {1}, f.itemRows(1));
        assertArrayEquals(new int[] {1, 2}, f.itemRows(2));
        assertArrayEquals(new int[0], f.itemRows(3));
        assertEquals(3, r.itemsInFile());
        assertEquals(1, r.unknownItems());
        assertEquals(2, r.coveredItems());
    }

    @Test
    void jsonObjectsNameTheirFields() throws Exception {
        Path p = write(
                "f.json", "{\"a\": {\"brand\": \"acme\", \"category\": [\"x\", \"y\"]}, \"c\": {\"brand\": \"acme\"}}");
        ItemFeatures f = ItemFeatureReader.read(p, CATALOGUE, "item", List.of()).features();
        assertEquals(List.of("brand", "category"), f.fields());
        assertEquals(f.itemRows(1)[0], f.itemRows(3)[0], "both acme");
        assertEquals(3, f.itemRows(1).length);
    }

    @Test
    void csvReadsNamedColumnsAndSeveralValuesPerCell() throws Exception {
        Path p = write("f.csv", "sku,brand,category,price\na,acme,x|y,3\nc,\"zen, inc\",,4\n");
        ItemFeatures f = ItemFeatureReader.read(p, CATALOGUE, "sku", List.of("brand", "category"))
                .features();
        assertEquals(List.of("brand", "category"), f.fields());
        assertEquals(3, f.itemRows(1).length);
        assertEquals(1, f.itemRows(3).length);
        assertEquals("zen, inc", f.value(f.itemRows(3)[0]).value());
        ItemFeatures all =
                ItemFeatureReader.read(p, CATALOGUE, "sku", List.of()).features();
        assertEquals(List.of("brand", "category", "price"), all.fields());
    }

    @Test
    void unknownColumnsAreAClearError() throws Exception {
        Path p = write("f.csv", "item,brand\na,acme\n");
        DataFileException e = assertThrows(
                DataFileException.class, () -> ItemFeatureReader.read(p, CATALOGUE, "item", List.of("colour")));
        assertTrue(
                e.getMessage().contains("unknown feature column 'colour'; the header has [item, brand]"),
                e.getMessage());
        DataFileException noItem =
                assertThrows(DataFileException.class, () -> ItemFeatureReader.read(p, CATALOGUE, "sku", List.of()));
        assertTrue(noItem.getMessage().contains("no item column 'sku'"), noItem.getMessage());
    }

    @Test
    void aFileOfAnotherCatalogueIsAClearError() throws Exception {
        Path p = write("f.json", "{\"x1\": [1], \"x2\": [2]}");
        DataFileException e =
                assertThrows(DataFileException.class, () -> ItemFeatureReader.read(p, CATALOGUE, "item", List.of()));
        assertTrue(e.getMessage().contains("none of its 2 items is in the interaction log"), e.getMessage());
    }

    @Test
    void malformedFilesNameTheProblem() throws Exception {
        Path dup = write("d.csv", "item,brand\na,acme\na,zen\n");
        DataFileException e =
                assertThrows(DataFileException.class, () -> ItemFeatureReader.read(dup, CATALOGUE, "item", List.of()));
        assertTrue(e.getMessage().contains(":3: item 'a' appears a second time"), e.getMessage());
        Path badJson = write("b.json", "{\"a\": 7}");
        DataFileException j = assertThrows(
                DataFileException.class, () -> ItemFeatureReader.read(badJson, CATALOGUE, "item", List.of()));
        assertTrue(j.getMessage().contains("item 'a'"), j.getMessage());
        Path badField = write("c.csv", "item,brand name\na,acme\n");
        DataFileException fe = assertThrows(
                DataFileException.class, () -> ItemFeatureReader.read(badField, CATALOGUE, "item", List.of()));
        assertTrue(fe.getMessage().contains("feature field 'brand name' must match"), fe.getMessage());
    }
}
