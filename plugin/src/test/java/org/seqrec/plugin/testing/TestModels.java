package org.seqrec.plugin.testing;

import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.SasRecNetwork;
import org.seqrec.nn.TimeFeatures;
import org.seqrec.plugin.model.ConfigDirectoryModelSource;

/** Small, randomly initialised (fixed seed) SASRec artifacts with items {@code sku-1..sku-N}. */
public final class TestModels {
    private TestModels() {}

    /** An artifact built in memory with DJL's PyTorch engine (natives from the test classpath). */
    public static ModelArtifact sasrec(int numItems, int dim, int maxLen, long seed) {
        return sasrec(new SasRecConfig(numItems, dim, maxLen, 1, 1, 0.1f), seed);
    }

    /** A SASRec that reads event times ({@code time_features gap_hour}, {@code reads_times: true}). */
    public static ModelArtifact timeAwareSasrec(int numItems, int dim, int maxLen, long seed) {
        return sasrec(
                new SasRecConfig(numItems, dim, maxLen, 1, 1, 0.1f, LayerNormPlacement.PRE, TimeFeatures.GAP_HOUR),
                seed);
    }

    private static ModelArtifact sasrec(SasRecConfig config, long seed) {
        DjlRuntime.configure(null, 1);
        int numItems = config.numItems();
        int dim = config.dim();
        int maxLen = config.maxLen();
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= numItems; i++) {
            ids.add("sku-" + i);
        }
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork net = SasRecNetwork.initialize(config, manager, seed);
            Manifest manifest = new Manifest(
                    Manifest.FORMAT_VERSION,
                    SasRecConfig.MODEL_TYPE,
                    config.toHyperParameters(),
                    dim,
                    maxLen,
                    numItems,
                    Map.of(),
                    Map.of("users", 1),
                    Map.of(),
                    Instant.EPOCH.toString(),
                    "plugin-tests",
                    config.readsTimes());
            ModelArtifact.Builder b = ModelArtifact.builder()
                    .setManifest(manifest)
                    .setVocabulary(ItemVocabulary.of(ids))
                    .setItemEmbeddings(Networks.toTensor(net.itemEmbeddings()));
            Networks.exportParameters(net).forEach(b::addParameter);
            return b.build();
        }
    }

    /** Writes {@code artifact} where a node with this config directory looks for {@code modelId}. */
    public static Path install(Path configDir, String modelId, ModelArtifact artifact) throws IOException {
        Path dir = configDir.resolve(ConfigDirectoryModelSource.MODELS_DIR);
        Files.createDirectories(dir);
        Path file = dir.resolve(modelId + ConfigDirectoryModelSource.EXTENSION);
        artifact.write(file);
        return file;
    }
}
