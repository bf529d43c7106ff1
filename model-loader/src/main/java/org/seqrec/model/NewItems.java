package org.seqrec.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemFeatures;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.Networks;

/**
 * Adds items to a trained model without retraining (the plugin's {@code POST
 * _plugins/_seqrec/models/{id}/_items}): each new item gets the rows n + 1, n + 2, ... and, in every
 * item table of the network (E and, for Caser, its input table), its features-only embedding
 * {@code mean(F[features])} (docs/artifact-format.md, "Item features"), so it can be retrieved,
 * rescored, and read in a history like any item. Stateless.
 */
public final class NewItems {
    /** One item to add: its id and its feature values by the model's feature field names. */
    public record Item(String id, Map<String, List<String>> features) {}

    /** The manifest's training-data key that counts the items added after training. */
    public static final String ADDED_KEY = "items_added_after_training";

    private NewItems() {}

    /**
     * A new artifact: {@code artifact} with {@code items} appended, in order.
     *
     * @throws IllegalArgumentException naming the first bad item (nothing is changed): a model without
     *     item features, an id that is empty, has a line break, is known or given twice, a feature
     *     field the model does not have, or an item none of whose feature values the model knows
     */
    public static ModelArtifact append(ModelArtifact artifact, List<Item> items) throws ArtifactException {
        FeatureModel fm = artifact.features()
                .orElseThrow(() -> new IllegalArgumentException(
                        "the model has no item features (train it with --item-features): it cannot place new items"));
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no items given");
        }
        List<String> tables = ModelTypes.itemTables(artifact.manifest());
        ItemVocabulary vocabulary = artifact.vocabulary();
        Set<String> seen = new HashSet<>();
        int d = artifact.manifest().embeddingDim();
        float[][] embeddings = new float[items.size()][];
        int[][] featureRows = new int[items.size()][];
        for (int i = 0; i < items.size(); i++) {
            Item item = items.get(i);
            String id = item.id();
            if (id == null || id.isEmpty() || id.indexOf('\n') >= 0 || id.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("item " + i + ": the id is empty or holds a line break");
            }
            if (vocabulary.rowOf(id) > 0) {
                throw new IllegalArgumentException("item [" + id + "] is already known to the model");
            }
            if (seen.add(id) == false) {
                throw new IllegalArgumentException("item [" + id + "] is given twice");
            }
            int[] rows;
            try {
                rows = fm.features().rowsOf(item.features());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("item [" + id + "]: " + e.getMessage(), e);
            }
            if (rows.length == 0) {
                throw new IllegalArgumentException("item [" + id + "]: none of its feature values is known to the"
                        + " model, so it has no representation; known fields: "
                        + fm.features().fields());
            }
            featureRows[i] = rows;
            embeddings[i] = fm.embed(rows);
        }
        List<String> ids = new ArrayList<>(vocabulary.ids());
        items.forEach(it -> ids.add(it.id()));
        int n = vocabulary.size() + items.size();

        Map<String, Object> hyper = new LinkedHashMap<>(artifact.manifest().hyperParameters());
        Map<String, Object> trainingData =
                new LinkedHashMap<>(artifact.manifest().trainingData());
        Object before = trainingData.get(ADDED_KEY);
        trainingData.put(ADDED_KEY, (before instanceof Number b ? b.intValue() : 0) + items.size());
        Manifest m = artifact.manifest();
        Manifest manifest = new Manifest(
                m.formatVersion(),
                m.modelType(),
                hyper,
                m.embeddingDim(),
                m.maxSeqLen(),
                n,
                Map.of(),
                trainingData,
                m.metrics(),
                m.createdAt(),
                m.trainerVersion());

        int[][] allRows = new int[n + 1][];
        for (int r = 0; r <= vocabulary.size(); r++) {
            allRows[r] = fm.features().itemRows(r);
        }
        for (int i = 0; i < items.size(); i++) {
            allRows[vocabulary.size() + 1 + i] = featureRows[i];
        }
        ItemFeatures features =
                ItemFeatures.of(fm.features().fields(), fm.features().values(), allRows);

        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(manifest)
                .setVocabulary(ItemVocabulary.of(ids))
                .setItemEmbeddings(extend(artifact.itemEmbeddings().asTensor(), embeddings, d))
                .setFeatures(new FeatureModel(features, fm.embeddings()));
        artifact.parameters()
                .forEach((name, t) -> b.addParameter(
                        name,
                        tables.contains(name) && !name.equals(Networks.ITEM_EMBEDDING) ? extend(t, embeddings, d) : t));
        return b.build();
    }

    private static FloatTensor extend(FloatTensor table, float[][] rows, int d) {
        int before = table.data().length;
        float[] data = Arrays.copyOf(table.data(), before + rows.length * d);
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, data, before + i * d, d);
        }
        return new FloatTensor(new long[] {table.shape()[0] + rows.length, d}, data);
    }
}
