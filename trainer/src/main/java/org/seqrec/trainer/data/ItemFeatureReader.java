package org.seqrec.trainer.data;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.ItemVocabulary;

/**
 * Reads an item-features file ({@code train --item-features}) and aligns it to a catalogue's item
 * rows. Two forms, told apart by the first character:
 *
 * <ul>
 *   <li>JSON ({@code {...}}): an object from item id to either a list of feature ids (numbers or
 *       strings, one field named {@value #JSON_LIST_FIELD}; S3-Rec's {@code Beauty_item2attributes.json})
 *       or an object from field name to a value or a list of values;
 *   <li>CSV (a header line first): an item column and named feature columns (all the others unless
 *       listed); a cell holds one value, or several separated by {@code |}; an empty cell none.
 * </ul>
 *
 * <p>Items of the file the catalogue does not have are counted and ignored; catalogue items without
 * a line get no features. The feature vocabulary holds the values of catalogue items only, in order
 * of first appearance by item row. Stateless.
 */
public final class ItemFeatureReader {
    /** The field of a JSON file that lists bare feature ids per item. */
    public static final String JSON_LIST_FIELD = "attribute";
    /** Separates several values in one CSV cell. */
    public static final String CSV_VALUE_SEPARATOR = "|";

    /**
     * What was read.
     *
     * @param features aligned to the catalogue's rows 0..n
     * @param itemsInFile items the file describes
     * @param unknownItems of those, items the catalogue does not have (ignored)
     */
    public record Result(ItemFeatures features, int itemsInFile, int unknownItems) {
        /** Catalogue items with at least one feature. */
        public int coveredItems() {
            return features.itemsWithFeatures();
        }
    }

    private ItemFeatureReader() {}

    /**
     * @param itemColumn CSV: the item id column
     * @param featureColumns CSV: the feature columns; empty = every column but the item column
     * @throws DataFileException for an unreadable or malformed file, unknown columns, a file none of
     *     whose items is in the catalogue, or feature names the artifact cannot store
     */
    public static Result read(Path file, ItemVocabulary catalogue, String itemColumn, List<String> featureColumns)
            throws DataFileException {
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (NoSuchFileException e) {
            throw new DataFileException("item features file " + file + " does not exist");
        } catch (CharacterCodingException e) {
            throw new DataFileException("item features file " + file + " is not UTF-8 text");
        } catch (IOException e) {
            throw new DataFileException("cannot read item features file " + file + ": " + e.getMessage(), e);
        }
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        Parsed parsed = text.stripLeading().startsWith("{")
                ? parseJson(file, text, featureColumns)
                : parseCsv(file, text, itemColumn, featureColumns);
        return align(file, parsed, catalogue);
    }

    /** Fields in order, and per item id: field to values. */
    private record Parsed(List<String> fields, Map<String, Map<String, List<String>>> items) {}

    private static Parsed parseJson(Path file, String text, List<String> featureColumns) throws DataFileException {
        if (!featureColumns.isEmpty()) {
            throw new DataFileException("--feature-cols applies to CSV feature files; " + file + " is JSON");
        }
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new DataFileException(file + ": a JSON features file must be an object from item id to features");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new DataFileException(file + ": not valid JSON: " + e.getMessage(), e);
        }
        Set<String> fields = new LinkedHashSet<>();
        Map<String, Map<String, List<String>>> items = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : root.entrySet()) {
            Map<String, List<String>> byField = new LinkedHashMap<>();
            JsonElement v = e.getValue();
            if (v.isJsonArray()) {
                byField.put(JSON_LIST_FIELD, values(file, e.getKey(), JSON_LIST_FIELD, v));
            } else if (v.isJsonObject()) {
                for (Map.Entry<String, JsonElement> f : v.getAsJsonObject().entrySet()) {
                    byField.put(f.getKey(), values(file, e.getKey(), f.getKey(), f.getValue()));
                }
            } else {
                throw new DataFileException(file + ": item '" + e.getKey()
                        + "': features must be a list of feature ids or an object from field to values");
            }
            fields.addAll(byField.keySet());
            items.put(e.getKey(), byField);
        }
        return new Parsed(List.copyOf(fields), items);
    }

    private static List<String> values(Path file, String item, String field, JsonElement v) throws DataFileException {
        List<String> out = new ArrayList<>();
        JsonArray array;
        if (v.isJsonArray()) {
            array = v.getAsJsonArray();
        } else {
            array = new JsonArray();
            array.add(v);
        }
        for (JsonElement x : array) {
            if (!x.isJsonPrimitive()) {
                throw new DataFileException(
                        file + ": item '" + item + "', field '" + field + "': values must be numbers or strings");
            }
            out.add(x.getAsString());
        }
        return out;
    }

    private static Parsed parseCsv(Path file, String text, String itemColumn, List<String> featureColumns)
            throws DataFileException {
        String[] lines = text.split("\r?\n", -1);
        int lineNo = 0;
        while (lineNo < lines.length && lines[lineNo].isBlank()) {
            lineNo++;
        }
        if (lineNo == lines.length) {
            throw new DataFileException("item features file " + file + " is empty");
        }
        List<String> header = split(file, lineNo + 1, lines[lineNo]);
        int itemIndex = header.indexOf(itemColumn);
        if (itemIndex < 0) {
            throw new DataFileException(file + ": no item column '" + itemColumn + "' in the header " + header
                    + " (set it with --feature-item-col)");
        }
        List<String> fields = new ArrayList<>();
        if (featureColumns.isEmpty()) {
            for (String h : header) {
                if (!h.equals(itemColumn)) {
                    fields.add(h);
                }
            }
        } else {
            for (String c : featureColumns) {
                if (!header.contains(c)) {
                    throw new DataFileException(
                            file + ": unknown feature column '" + c + "'; the header has " + header);
                }
                if (c.equals(itemColumn)) {
                    throw new DataFileException(file + ": '" + c + "' is the item column, not a feature column");
                }
                fields.add(c);
            }
        }
        if (fields.isEmpty()) {
            throw new DataFileException(file + ": the header " + header + " has no feature column");
        }
        Map<String, Map<String, List<String>>> items = new LinkedHashMap<>();
        for (int i = lineNo + 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> row = split(file, i + 1, lines[i]);
            if (row.size() != header.size()) {
                throw DataFileException.atLine(
                        file, i + 1, "has " + row.size() + " fields, the header " + header.size());
            }
            String item = row.get(itemIndex);
            if (item.isEmpty()) {
                throw DataFileException.atLine(file, i + 1, "empty item id");
            }
            Map<String, List<String>> byField = new LinkedHashMap<>();
            for (String f : fields) {
                List<String> vals = new ArrayList<>();
                for (String v : row.get(header.indexOf(f)).split(Pattern.quote(CSV_VALUE_SEPARATOR))) {
                    if (!v.isBlank()) {
                        vals.add(v.strip());
                    }
                }
                byField.put(f, vals);
            }
            if (items.put(item, byField) != null) {
                throw DataFileException.atLine(file, i + 1, "item '" + item + "' appears a second time");
            }
        }
        return new Parsed(fields, items);
    }

    private static List<String> split(Path file, int line, String text) throws DataFileException {
        try {
            return CsvLineParser.split(text);
        } catch (IllegalArgumentException e) {
            throw DataFileException.atLine(file, line, e.getMessage());
        }
    }

    private static Result align(Path file, Parsed parsed, ItemVocabulary catalogue) throws DataFileException {
        if (parsed.items().isEmpty()) {
            throw new DataFileException("item features file " + file + " describes no item");
        }
        int unknown = 0;
        for (String item : parsed.items().keySet()) {
            if (catalogue.rowOf(item) < 0) {
                unknown++;
            }
        }
        if (unknown == parsed.items().size()) {
            throw new DataFileException("item features file " + file + ": none of its " + unknown
                    + " items is in the interaction log (first: '"
                    + parsed.items().keySet().iterator().next()
                    + "'); is it the features file of this data, with the same item ids?");
        }
        for (String field : parsed.fields()) {
            if (!field.matches(ItemFeatures.FIELD_PATTERN)) {
                throw new DataFileException(
                        file + ": feature field '" + field + "' must match " + ItemFeatures.FIELD_PATTERN);
            }
        }
        List<ItemFeatures.Value> values = new ArrayList<>();
        Map<ItemFeatures.Value, Integer> rows = new HashMap<>();
        int[][] itemRows = new int[catalogue.size() + 1][];
        itemRows[0] = new int[0];
        for (int row = 1; row <= catalogue.size(); row++) {
            Map<String, List<String>> byField = parsed.items().get(catalogue.idOf(row));
            List<Integer> mine = new ArrayList<>();
            if (byField != null) {
                for (Map.Entry<String, List<String>> e : byField.entrySet()) {
                    for (String v : e.getValue()) {
                        if (!ItemFeatures.validValue(v)) {
                            throw new DataFileException(file + ": item '" + catalogue.idOf(row) + "', field '"
                                    + e.getKey() + "': a value holds a tab or line break");
                        }
                        ItemFeatures.Value value = new ItemFeatures.Value(e.getKey(), v);
                        Integer r = rows.get(value);
                        if (r == null) {
                            values.add(value);
                            r = values.size();
                            rows.put(value, r);
                        }
                        mine.add(r);
                    }
                }
            }
            itemRows[row] = mine.stream().mapToInt(Integer::intValue).toArray();
        }
        if (values.isEmpty()) {
            throw new DataFileException("item features file " + file + ": the items of the log have no feature value");
        }
        try {
            return new Result(
                    ItemFeatures.of(parsed.fields(), values, itemRows),
                    parsed.items().size(),
                    unknown);
        } catch (IllegalArgumentException e) {
            throw new DataFileException(file + ": " + e.getMessage(), e);
        }
    }
}
