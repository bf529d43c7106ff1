package org.seqrec.testing;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.DinConfig;
import org.seqrec.nn.Networks;
import org.seqrec.nn.RankingConfig;
import org.seqrec.nn.RankingNetwork;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.SasRecNetwork;

/** Small randomly initialised SASRec and ranking-model artifacts for tests. */
public final class TinyModels {
    private TinyModels() {}

    public static ModelArtifact sasrec(int numItems, int dim, int maxLen, long seed) {
        SasRecConfig config = new SasRecConfig(numItems, dim, maxLen, 2, 2, 0.1f);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SasRecNetwork net = SasRecNetwork.initialize(config, manager, seed);
            return artifact(config.modelType(), config.toHyperParameters(), dim, maxLen, numItems, net.parameters());
        }
    }

    /** A small randomly initialised DIN, a ranking model. */
    public static ModelArtifact din(int numItems, int dim, int maxLen, long seed) {
        return ranking(new DinConfig(numItems, dim, maxLen, 0.1f), seed);
    }

    /** A randomly initialised ranking model of {@code config}. */
    public static ModelArtifact ranking(RankingConfig config, long seed) {
        int numItems = config.numItems();
        int dim = config.dim();
        int maxLen = config.maxLen();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            RankingNetwork net = config.initialize(manager, seed);
            return artifact(config.modelType(), config.toHyperParameters(), dim, maxLen, numItems, net.parameters());
        }
    }

    private static ModelArtifact artifact(
            String modelType,
            Map<String, Object> hyper,
            int dim,
            int maxLen,
            int numItems,
            Map<String, NDArray> parameters) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= numItems; i++) {
            ids.add("sku-" + i);
        }
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                modelType,
                hyper,
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
                .setItemEmbeddings(Networks.toTensor(parameters.get(Networks.ITEM_EMBEDDING)));
        Networks.exportParameters(parameters).forEach(b::addParameter);
        return b.build();
    }
}
