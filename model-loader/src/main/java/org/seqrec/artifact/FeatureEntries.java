package org.seqrec.artifact;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The item-feature part of an artifact (docs/artifact-format.md, "Item features"): three entries,
 * present exactly when the manifest's {@code hyper_parameters.feature_fields} lists the fields.
 *
 * <ul>
 *   <li>{@value #VALUES}: line r = feature row r (1..V), {@code field<TAB>value};
 *   <li>{@value #ITEMS}: line i = item row i (1..n), its feature rows separated by one space,
 *       ascending (an empty line for none);
 *   <li>{@value #EMBEDDINGS}: F, float32 (V + 1, D).
 * </ul>
 */
final class FeatureEntries {
    static final String VALUES = "features/values.txt";
    static final String ITEMS = "features/items.txt";
    static final String EMBEDDINGS = "features/embeddings.npy";
    static final String PREFIX = "features/";

    private static final String FIELDS_KEY = FeatureModel.FIELDS_KEY;
    private static final String NUM_VALUES_KEY = FeatureModel.NUM_VALUES_KEY;
    private static final String POOLING_KEY = FeatureModel.POOLING_KEY;

    private FeatureEntries() {}

    /** Whether the manifest declares item features. */
    static boolean declared(Manifest m) {
        return m.hyperParameters().containsKey(FIELDS_KEY);
    }

    /** The three entries of {@code model}, for the writer. */
    static void write(FeatureModel model, Map<String, byte[]> entries) {
        ItemFeatures f = model.features();
        StringBuilder values = new StringBuilder();
        for (ItemFeatures.Value v : f.values()) {
            values.append(v.field()).append('\t').append(v.value()).append('\n');
        }
        StringBuilder items = new StringBuilder();
        for (int i = 1; i < f.numItemRows(); i++) {
            int[] rows = f.itemRows(i);
            for (int k = 0; k < rows.length; k++) {
                items.append(k == 0 ? "" : " ").append(rows[k]);
            }
            items.append('\n');
        }
        entries.put(VALUES, values.toString().getBytes(StandardCharsets.UTF_8));
        entries.put(ITEMS, items.toString().getBytes(StandardCharsets.UTF_8));
        entries.put(EMBEDDINGS, Npy.encode(model.embeddings()));
    }

    /**
     * Takes the feature entries out of {@code entries} and validates them against the manifest.
     *
     * @return null when the manifest declares no features (and no feature entry is present)
     */
    static FeatureModel read(Manifest m, Map<String, byte[]> entries) throws ArtifactException {
        if (!declared(m)) {
            for (String name : entries.keySet()) {
                if (name.startsWith(PREFIX)) {
                    throw new ArtifactException("unexpected entry '" + name + "': the manifest declares no "
                            + "hyper_parameters." + FIELDS_KEY);
                }
            }
            return null;
        }
        for (String name : List.of(VALUES, ITEMS, EMBEDDINGS)) {
            if (!entries.containsKey(name)) {
                throw new ArtifactException(
                        "artifact has no " + name + " entry, but the manifest declares " + FIELDS_KEY);
            }
        }
        List<ItemFeatures.Value> values = new ArrayList<>();
        List<String> valueLines = lines(VALUES, entries.remove(VALUES));
        for (int i = 0; i < valueLines.size(); i++) {
            String line = valueLines.get(i);
            int tab = line.indexOf('\t');
            if (tab < 0) {
                throw new ArtifactException(VALUES + ": line " + (i + 1) + " is not 'field<TAB>value'");
            }
            values.add(new ItemFeatures.Value(line.substring(0, tab), line.substring(tab + 1)));
        }
        List<String> itemLines = lines(ITEMS, entries.remove(ITEMS));
        if (itemLines.size() != m.numItems()) {
            throw new ArtifactException(
                    ITEMS + " has " + itemLines.size() + " lines but the manifest says num_items=" + m.numItems());
        }
        int[][] itemRows = new int[m.numItems() + 1][];
        itemRows[0] = new int[0];
        for (int i = 0; i < itemLines.size(); i++) {
            itemRows[i + 1] = parseRows(itemLines.get(i), i + 1);
        }
        FloatTensor table = Npy.decode(EMBEDDINGS, entries.remove(EMBEDDINGS));
        try {
            FeatureModel model = new FeatureModel(ItemFeatures.of(fields(m), values, itemRows), table);
            checkConsistent(m, model);
            return model;
        } catch (IllegalArgumentException e) {
            throw new ArtifactException("item features: " + e.getMessage(), e);
        }
    }

    /** The manifest agrees with the features: fields, V, D, pooling, the item rows. */
    static void checkConsistent(Manifest m, FeatureModel model) throws ArtifactException {
        if (model == null) {
            if (declared(m)) {
                throw new ArtifactException("the manifest declares " + FIELDS_KEY + " but no features were given");
            }
            return;
        }
        ItemFeatures f = model.features();
        List<String> fields = fields(m);
        if (!fields.equals(f.fields())) {
            throw new ArtifactException("hyper_parameters." + FIELDS_KEY + " is " + fields
                    + " but the features have the fields " + f.fields());
        }
        if (m.intParam(NUM_VALUES_KEY) != f.numValues()) {
            throw new ArtifactException("hyper_parameters." + NUM_VALUES_KEY + " is " + m.intParam(NUM_VALUES_KEY)
                    + " but " + VALUES + " has " + f.numValues() + " feature values");
        }
        String pooling = m.stringParam(POOLING_KEY, FeatureModel.POOLING_MEAN);
        if (!FeatureModel.POOLING_MEAN.equals(pooling)) {
            throw new ArtifactException("hyper_parameters." + POOLING_KEY + " must be '" + FeatureModel.POOLING_MEAN
                    + "', got '" + pooling + "'");
        }
        if (model.dim() != m.embeddingDim()) {
            throw new ArtifactException(EMBEDDINGS + " has width " + model.dim()
                    + " but the manifest says embedding_dim=" + m.embeddingDim());
        }
        if (f.numItemRows() != m.numItems() + 1) {
            throw new ArtifactException("the features cover " + (f.numItemRows() - 1)
                    + " items but the manifest says num_items=" + m.numItems());
        }
    }

    private static List<String> fields(Manifest m) throws ArtifactException {
        Object v = m.hyperParameters().get(FIELDS_KEY);
        if (!(v instanceof List<?> list)) {
            throw new ArtifactException("hyper_parameters." + FIELDS_KEY + " must be a list of field names");
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String s)) {
                throw new ArtifactException(
                        "hyper_parameters." + FIELDS_KEY + " must be a list of field names, got " + list);
            }
            out.add(s);
        }
        return out;
    }

    private static int[] parseRows(String line, int itemRow) throws ArtifactException {
        if (line.isEmpty()) {
            return new int[0];
        }
        String[] parts = line.split(" ", -1);
        int[] rows = new int[parts.length];
        for (int k = 0; k < parts.length; k++) {
            try {
                rows[k] = Integer.parseInt(parts[k]);
            } catch (NumberFormatException e) {
                throw new ArtifactException(
                        ITEMS + ": line " + itemRow + " holds '" + parts[k] + "', not a feature row number");
            }
            if (k > 0 && rows[k] <= rows[k - 1]) {
                throw new ArtifactException(ITEMS + ": line " + itemRow + ": feature rows must be strictly increasing");
            }
        }
        return rows;
    }

    private static List<String> lines(String name, byte[] bytes) throws ArtifactException {
        String text = ArtifactReader.utf8(name, bytes);
        if (!text.isEmpty() && !text.endsWith("\n")) {
            throw new ArtifactException(name + " must end with a line break");
        }
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        out.remove(out.size() - 1);
        return out;
    }
}
