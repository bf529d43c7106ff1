package org.seqrec.it;

import static org.junit.Assert.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.Device;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.synthetic.PlantedPatternData;
import org.seqrec.trainer.train.SasRecTraining;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.TrainingListener;

/**
 * A small SASRec model trained with the real trainer on sequences with planted chains
 * ({@code p<k>_0 -> p<k>_1 -> p<k>_2}), so tests know which item must come next.
 */
public record PlantedModel(PlantedPatternData data, ModelArtifact artifact) {

    /** Trains in a few seconds on one core; deterministic for a seed. */
    public static PlantedModel train(long seed) {
        PlantedPatternData data = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(seed));
        InteractionData log = data.log().toInteractionData("planted chains");
        TrainingConfig config = new TrainingConfig("sasrec", "ce", 30, 64, 0.01f, 16, 10, 1, 1, 0.1f, seed, Device.CPU, 1);
        ModelArtifact artifact = SasRecTraining.train(log, LeaveOneOut.of(log), config, TrainingListener.NONE);
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
            bulk.append("{\"index\": {\"_id\": \"").append(id).append("\"}}\n")
                .append("{\"item_id\": \"").append(id).append("\", \"title\": \"").append(title.apply(id)).append("\"}\n");
        }
        NodeResponse indexed = http.post("/items/_bulk?refresh=true", bulk.toString());
        assertEquals(indexed.toString(), 200, indexed.status());
        assertEquals(indexed.toString(), false, indexed.json().get("errors"));
    }

    /** Writes the artifact as {@code <configDir>/seqrec/models/<modelId>.seqrec}, where nodes look. */
    public Path installInto(Path configDir, String modelId) throws IOException {
        Path file = configDir.resolve("seqrec").resolve("models").resolve(modelId + ".seqrec");
        artifact.write(file);
        return file;
    }
}
