package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;

/**
 * Moves networks between artifacts and DJL: rebuilds the network an artifact describes, and
 * exports a trained network's parameters. The one place that knows every model type: adding one
 * means a {@link NetworkConfig} record, a {@link SequenceNetwork} and a case in each switch here.
 */
public final class Networks {
    /**
     * Parameter name of the output item embedding matrix E (n + 1, D), stored as item_embeddings.npy
     * and not under params/; tied to the input embeddings in every network but Caser.
     */
    public static final String ITEM_EMBEDDING = "item_embedding";

    /** The model types this version builds and serves. */
    public static final List<String> MODEL_TYPES = List.of(SasRecConfig.MODEL_TYPE, Gru4RecConfig.MODEL_TYPE,
            CaserConfig.MODEL_TYPE, Bert4RecConfig.MODEL_TYPE);

    private Networks() {}

    /**
     * The hyper-parameters of the manifest's model type.
     *
     * @throws ArtifactException for an unknown model type (the message lists the supported ones), or
     *     hyper-parameters missing or out of range
     */
    public static NetworkConfig configFromManifest(Manifest manifest) throws ArtifactException {
        String type = manifest.modelType();
        NetworkConfig config = switch (type == null ? "" : type) {
            case SasRecConfig.MODEL_TYPE -> SasRecConfig.fromManifest(manifest);
            case Gru4RecConfig.MODEL_TYPE -> Gru4RecConfig.fromManifest(manifest);
            case CaserConfig.MODEL_TYPE -> CaserConfig.fromManifest(manifest);
            case Bert4RecConfig.MODEL_TYPE -> Bert4RecConfig.fromManifest(manifest);
            default -> throw new ArtifactException("unknown model_type '" + type + "' (this version serves: "
                    + String.join(", ", MODEL_TYPES) + ")");
        };
        if (manifest.embeddingDim() != config.dim() || manifest.maxSeqLen() != config.maxLen()) {
            throw new ArtifactException("manifest embedding_dim/max_seq_len (" + manifest.embeddingDim() + "/"
                    + manifest.maxSeqLen() + ") disagree with hyper_parameters dim/max_len (" + config.dim() + "/"
                    + config.maxLen() + ")");
        }
        return config;
    }

    /** A freshly initialised network of the config's type, parameters on {@code manager}, reproducible from {@code seed}. */
    public static SequenceNetwork initialize(NetworkConfig config, NDManager manager, long seed) {
        return switch (config) {
            case SasRecConfig c -> SasRecNetwork.initialize(c, manager, seed);
            case Gru4RecConfig c -> Gru4RecNetwork.initialize(c, manager, seed);
            case CaserConfig c -> CaserNetwork.initialize(c, manager, seed);
            case Bert4RecConfig c -> Bert4RecNetwork.initialize(c, manager, seed);
        };
    }

    /** Wraps already-created parameter arrays (names and shapes as {@link #initialize} makes them). */
    public static SequenceNetwork fromParameters(NetworkConfig config, Map<String, NDArray> parameters) {
        return switch (config) {
            case SasRecConfig c -> SasRecNetwork.fromParameters(c, parameters);
            case Gru4RecConfig c -> Gru4RecNetwork.fromParameters(c, parameters);
            case CaserConfig c -> CaserNetwork.fromParameters(c, parameters);
            case Bert4RecConfig c -> Bert4RecNetwork.fromParameters(c, parameters);
        };
    }

    /**
     * Rebuilds the network of an artifact with its parameters on {@code manager} (which owns them).
     *
     * @throws ArtifactException for an unknown model type, or parameters missing, extra, non-finite or
     *     of the wrong shape for the hyper-parameters in the manifest
     */
    public static SequenceNetwork fromArtifact(ModelArtifact artifact, NDManager manager) throws ArtifactException {
        NetworkConfig config = configFromManifest(artifact.manifest());
        // Shapes expected for these hyper-parameters, taken from a throw-away initialisation
        Map<String, Shape> expected = new LinkedHashMap<>();
        try (NDManager scratch = manager.newSubManager()) {
            initialize(config, scratch, 0).parameters().forEach((k, v) -> expected.put(k, v.getShape()));
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
        return fromParameters(config, params);
    }

    /** The network's parameters as tensors, the item embedding matrix excluded (stored apart). */
    public static Map<String, FloatTensor> exportParameters(SequenceNetwork network) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        network.parameters().forEach((name, array) -> {
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
