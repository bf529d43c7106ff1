package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ModelArtifact;

/**
 * Moves networks between artifacts and DJL: rebuilds the network (retrieval or ranking) an artifact
 * holds, and exports a trained network's parameters. Which network a model type is, and how its {@link NetworkConfig} is
 * read from a manifest, is registered in {@code org.seqrec.model.ModelTypes}; each config builds its
 * own network ({@link NetworkConfig#initialize}, {@link NetworkConfig#wrap}). Stateless.
 */
public final class Networks {
    /**
     * Parameter name of the output item embedding matrix E (n + 1, D), stored as item_embeddings.npy
     * and not under params/; tied to the input embeddings in every network but Caser.
     */
    public static final String ITEM_EMBEDDING = "item_embedding";

    private Networks() {}

    /**
     * Rebuilds the network of an artifact with its parameters on {@code manager} (which owns them).
     *
     * @param config the hyper-parameters the artifact's manifest gives (see
     *     {@code org.seqrec.model.ModelTypes#networkConfig})
     * @throws ArtifactException for parameters missing, extra, non-finite or of the wrong shape for
     *     {@code config}
     */
    public static SequenceNetwork fromArtifact(NetworkConfig config, ModelArtifact artifact, NDManager manager)
            throws ArtifactException {
        return config.wrap(parameters(m -> config.initialize(m, 0).parameters(), artifact, manager));
    }

    /**
     * Rebuilds the ranking network of an artifact with its parameters on {@code manager} (which owns
     * them), as {@link #fromArtifact(NetworkConfig, ModelArtifact, NDManager)} does a retrieval network.
     *
     * @param config the hyper-parameters the artifact's manifest gives
     * @throws ArtifactException for parameters missing, extra, non-finite or of the wrong shape for
     *     {@code config}
     */
    public static RankingNetwork fromArtifact(RankingConfig config, ModelArtifact artifact, NDManager manager)
            throws ArtifactException {
        return config.wrap(parameters(m -> config.initialize(m, 0).parameters(), artifact, manager));
    }

    /**
     * The artifact's parameters and item embeddings on {@code manager}, checked against the names
     * and shapes of a throw-away initialisation ({@code initialize} on a scratch manager).
     */
    private static Map<String, NDArray> parameters(
            Function<NDManager, Map<String, NDArray>> initialize, ModelArtifact artifact, NDManager manager)
            throws ArtifactException {
        Map<String, Shape> expected = new LinkedHashMap<>();
        try (NDManager scratch = manager.newSubManager()) {
            initialize.apply(scratch).forEach((k, v) -> expected.put(k, v.getShape()));
        }
        Map<String, FloatTensor> stored = new LinkedHashMap<>(artifact.parameters());
        stored.put(ITEM_EMBEDDING, artifact.itemEmbeddings().asTensor());
        checkNames(expected.keySet(), stored.keySet());
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (Map.Entry<String, Shape> e : expected.entrySet()) {
            FloatTensor t = stored.get(e.getKey());
            if (!Arrays.equals(t.shape(), e.getValue().getShape())) {
                throw new ArtifactException("parameter '" + e.getKey() + "' has shape " + t.shapeString()
                        + ", expected " + e.getValue() + " for these hyper-parameters");
            }
            for (float v : t.data()) {
                if (!Float.isFinite(v)) {
                    throw new ArtifactException("parameter '" + e.getKey() + "' contains a non-finite value");
                }
            }
            params.put(e.getKey(), manager.create(t.data(), e.getValue()));
        }
        return params;
    }

    /** The network's parameters as tensors, the item embedding matrix excluded (stored apart). */
    public static Map<String, FloatTensor> exportParameters(SequenceNetwork network) {
        return exportParameters(network.parameters());
    }

    /** Parameters as tensors, the item embedding matrix excluded (stored apart). */
    public static Map<String, FloatTensor> exportParameters(Map<String, NDArray> parameters) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        parameters.forEach((name, array) -> {
            if (!name.equals(ITEM_EMBEDDING)) {
                out.put(name, toTensor(array));
            }
        });
        return out;
    }

    /** A copy of {@code array} in heap memory, (any shape) float32. */
    public static FloatTensor toTensor(NDArray array) {
        return new FloatTensor(array.getShape().getShape(), array.toFloatArray());
    }

    private static void checkNames(Set<String> expected, Set<String> actual) throws ArtifactException {
        Set<String> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        if (!missing.isEmpty()) {
            throw new ArtifactException("artifact lacks parameters " + missing);
        }
        Set<String> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!extra.isEmpty()) {
            throw new ArtifactException("artifact has parameters the network does not use: " + extra);
        }
    }
}
