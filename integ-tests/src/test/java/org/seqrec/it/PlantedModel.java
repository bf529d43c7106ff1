package org.seqrec.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.Device;
import org.seqrec.trainer.split.LeaveOneOut;
import org.seqrec.trainer.synthetic.PlantedPatternData;
import org.seqrec.trainer.train.SasRecTraining;
import org.seqrec.trainer.train.TrainingConfig;
import org.seqrec.trainer.train.TrainingListener;
import org.seqrec.trainer.data.InteractionData;

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

    /** Writes the artifact as {@code <configDir>/seqrec/models/<modelId>.seqrec}, where nodes look. */
    public Path installInto(Path configDir, String modelId) throws IOException {
        Path file = configDir.resolve("seqrec").resolve("models").resolve(modelId + ".seqrec");
        artifact.write(file);
        return file;
    }
}
