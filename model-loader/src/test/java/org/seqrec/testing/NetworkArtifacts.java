package org.seqrec.testing;

import ai.djl.ndarray.NDManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SequenceNetwork;

/**
 * Randomly initialised artifacts of any network type (vocabulary sku-1..sku-n), for tests and
 * benchmarks. {@link #perturbed} also moves every bias, layer-norm gain and offset away from its
 * initial 0 or 1, so that a forward pass that drops or transposes one of them is caught.
 */
public final class NetworkArtifacts {
    private NetworkArtifacts() {}

    /** The network's {@link Networks#initialize} weights for {@code seed}. */
    public static ModelArtifact initialized(NetworkConfig config, long seed) {
        return build(config, parameters(config, seed));
    }

    /**
     * Like {@link #initialized}, with U(-scale, scale) noise (from {@code seed}) added to every
     * parameter, the item embeddings included.
     */
    public static ModelArtifact perturbed(NetworkConfig config, long seed, float scale) {
        Map<String, FloatTensor> params = parameters(config, seed);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Map<String, FloatTensor> noisy = new LinkedHashMap<>();
        params.forEach((name, t) -> {
            float[] data = t.data().clone();
            for (int i = 0; i < data.length; i++) {
                data[i] += (float) ((random.nextDouble() * 2 - 1) * scale);
            }
            noisy.put(name, new FloatTensor(t.shape(), data));
        });
        return build(config, noisy);
    }

    /** Every parameter of a fresh network, {@link Networks#ITEM_EMBEDDING} included. */
    private static Map<String, FloatTensor> parameters(NetworkConfig config, long seed) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(manager, seed);
            Map<String, FloatTensor> out = new LinkedHashMap<>(Networks.exportParameters(net));
            out.put(Networks.ITEM_EMBEDDING, Networks.toTensor(net.itemEmbeddings()));
            return out;
        }
    }

    private static ModelArtifact build(NetworkConfig config, Map<String, FloatTensor> params) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= config.numItems(); i++) {
            ids.add("sku-" + i);
        }
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                config.modelType(),
                new LinkedHashMap<>(config.toHyperParameters()),
                config.dim(),
                config.maxLen(),
                config.numItems(),
                Map.of(),
                Map.of(),
                Map.of(),
                Instant.EPOCH.toString(),
                "test",
                config.readsTimes());
        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(manifest)
                .setVocabulary(ItemVocabulary.of(ids))
                .setItemEmbeddings(params.get(Networks.ITEM_EMBEDDING));
        params.forEach((name, t) -> {
            if (!name.equals(Networks.ITEM_EMBEDDING)) {
                b.addParameter(name, t);
            }
        });
        return b.build();
    }
}
