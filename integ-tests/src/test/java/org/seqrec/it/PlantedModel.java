package org.seqrec.it;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.synthetic.PlantedPatternData;
import org.seqrec.trainer.train.RankingTraining;
import org.seqrec.trainer.train.Training;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.TrainingListener;

/**
 * A small SASRec model trained with the real trainer on sequences with planted chains
 * ({@code p<k>_0 -> p<k>_1 -> p<k>_2}), so tests know which item must come next.
 */
public record PlantedModel(PlantedPatternData data, ModelArtifact artifact) {

    /** Trains in a few seconds on one core; deterministic for a seed. */
    public static PlantedModel train(long seed) {
        return train(seed, TrainingConfig.builder().model("sasrec").epochs(30).dim(16));
    }

    /**
     * One epoch of a model with embeddings of size {@code dim}: an artifact of realistic size for
     * tests of size limits (D 512: about 3 MB), not a good model.
     */
    public static PlantedModel trainWide(long seed, int dim) {
        return train(seed, TrainingConfig.builder().model("sasrec").epochs(1).dim(dim));
    }

    /**
     * The same chains learned by SR-GNN (a session model: the history is its session graph) instead
     * of SASRec; a few seconds too.
     */
    public static PlantedModel trainSrGnn(long seed) {
        return train(seed, TrainingConfig.builder().model("srgnn").epochs(30).dim(16));
    }

    /**
     * The same chains learned by a ranking model ({@code din}, {@code dien} or {@code bst}: it scores each hit with
     * the history in view): sampled-ce over 16 negatives per position, trained from scratch without a
     * retrieval model; a few seconds too.
     */
    public static PlantedModel trainRanker(String modelType, long seed) {
        PlantedPatternData data = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(seed));
        InteractionData log = data.log().toInteractionData("planted chains");
        TrainingConfig cfg = TrainingConfig.builder()
                .model(modelType)
                .loss("sampled-ce")
                .negatives(16)
                .epochs(30)
                .dim(16)
                .batchSize(64)
                .learningRate(0.01f)
                .maxLen(10)
                .blocks(1)
                .heads(1)
                .dropout(0.1f)
                .seed(seed)
                .device(DevicePreference.CPU)
                .threads(1)
                .build();
        ModelArtifact artifact = RankingTraining.train(log, LeaveOneOut.of(log), cfg, null, TrainingListener.NONE)
                .artifact();
        return new PlantedModel(data, artifact);
    }

    private static PlantedModel train(long seed, TrainingConfig.Builder config) {
        PlantedPatternData data = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(seed));
        InteractionData log = data.log().toInteractionData("planted chains");
        TrainingConfig cfg = config.loss("ce")
                .batchSize(64)
                .learningRate(0.01f)
                .maxLen(10)
                .blocks(1)
                .heads(1)
                .dropout(0.1f)
                .seed(seed)
                .device(DevicePreference.CPU)
                .threads(1)
                .build();
        ModelArtifact artifact = Training.train(log, LeaveOneOut.of(log), cfg, TrainingListener.NONE)
                .artifact();
        return new PlantedModel(data, artifact);
    }

    public Map<String, String> plantedNext() {
        return data.plantedNext();
    }

    /**
     * Creates index {@code items} (2 shards; {@code item_id} keyword, {@code title} text) with one
     * document per given item id, titled by {@code title}, and refreshes it.
     */
    public static void indexItems(NodeHttpClient http, List<String> itemIds, Function<String, String> title) {
        NodeResponse created = http.put("/items", """
                {"settings": {"number_of_shards": 2},
                 "mappings": {"properties": {"item_id": {"type": "keyword"}, "title": {"type": "text"}}}}
                """);
        assertEquals(created.toString(), 200, created.status());
        StringBuilder bulk = new StringBuilder();
        for (String id : itemIds) {
            bulk.append("{\"index\": {\"_id\": \"")
                    .append(id)
                    .append("\"}}\n")
                    .append("{\"item_id\": \"")
                    .append(id)
                    .append("\", \"title\": \"")
                    .append(title.apply(id))
                    .append("\"}\n");
        }
        NodeResponse indexed = http.post("/items/_bulk?refresh=true", bulk.toString());
        assertEquals(indexed.toString(), 200, indexed.status());
        assertEquals(indexed.toString(), false, indexed.json().get("errors"));
    }

    /**
     * Creates index {@code events} ({@code user_id}, {@code item_id} keywords, {@code timestamp} date)
     * and indexes {@code user}'s {@code items}, oldest first, one day apart; they are indexed newest
     * first, so that only the timestamps give the order.
     */
    public static void indexEvents(NodeHttpClient http, String user, List<String> items) {
        assertEquals(200, http.put("/events", """
                {"mappings": {"properties": {"user_id": {"type": "keyword"}, "item_id": {"type": "keyword"},
                                             "timestamp": {"type": "date"}}}}""").status());
        StringBuilder bulk = new StringBuilder();
        for (int i = items.size() - 1; i >= 0; i--) {
            bulk.append("{\"index\": {}}\n").append(String.format(Locale.ROOT, """
                    {"user_id": "%s", "item_id": "%s", "timestamp": "2026-11-2%dT10:00:00Z"}
                    """, user, items.get(i), i));
        }
        NodeResponse indexed = http.post("/events/_bulk?refresh=true", bulk.toString());
        assertEquals(indexed.toString(), false, indexed.json().get("errors"));
    }

    /** Writes the artifact as {@code <configDir>/seqrec/models/<modelId>.seqrec}, where nodes look. */
    public Path installInto(Path configDir, String modelId) throws IOException {
        Path file = configDir.resolve("seqrec").resolve("models").resolve(modelId + ".seqrec");
        artifact.write(file);
        return file;
    }
}
