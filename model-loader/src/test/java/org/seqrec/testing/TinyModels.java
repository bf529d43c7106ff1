package org.seqrec.testing;

import ai.djl.ndarray.NDManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.SasRecNetwork;

/** Small randomly initialised SASRec artifacts for tests. */
public final class TinyModels {
    private TinyModels() {}

    public static ModelArtifact sasrec(int numItems, int dim, int maxLen, long seed) {
        SasRecConfig config = new SasRecConfig(numItems, dim, maxLen, 2, 2, 0.1f);
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
                    Map.of("users", 3),
                    Map.of("test_full.ndcg@10", 0.5),
                    Instant.EPOCH.toString(),
                    "test");
            ModelArtifact.Builder b = ModelArtifact.builder()
                    .setManifest(manifest)
                    .setVocabulary(ItemVocabulary.of(ids))
                    .setItemEmbeddings(Networks.toTensor(net.itemEmbeddings()));
            Networks.exportParameters(net).forEach(b::addParameter);
            return b.build();
        }
    }
}
