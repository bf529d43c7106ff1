package org.seqrec.artifact;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.annotations.SerializedName;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code manifest.json} of a {@code .seqrec} artifact: what the model is, how it was trained,
 * how well it did, and the SHA-256 of every other entry. See docs/artifact-format.md.
 *
 * @param formatVersion artifact format version; readers reject versions they do not know
 * @param modelType the name of the model type (registered in {@code org.seqrec.model.ModelTypes})
 * @param hyperParameters every hyper-parameter needed to rebuild the network (numbers are doubles
 *     after JSON parsing: read them with {@link #intParam} / {@link #doubleParam})
 * @param embeddingDim D, the size of user and item vectors
 * @param maxSeqLen L, the longest history the network reads (longer ones keep the latest L)
 * @param numItems items in the vocabulary; embedding rows are {@code numItems + 1} (row 0 pads)
 * @param checksums entry name to lowercase hex SHA-256, for every entry except the manifest
 * @param trainingData summary of the training data (users, interactions, source file...)
 * @param metrics evaluation results (e.g. {@code test_full.ndcg@10})
 * @param createdAt ISO-8601 instant
 * @param trainerVersion version of the tool that wrote the artifact
 * @param readsTimes whether the model reads event times (then every history it scores needs them);
 *     absent (artifacts written before it existed) reads as false
 */
public record Manifest(
        @SerializedName("format_version") int formatVersion,
        @SerializedName("model_type") String modelType,
        @SerializedName("hyper_parameters") Map<String, Object> hyperParameters,
        @SerializedName("embedding_dim") int embeddingDim,
        @SerializedName("max_seq_len") int maxSeqLen,
        @SerializedName("num_items") int numItems,
        @SerializedName("checksums") Map<String, String> checksums,
        @SerializedName("training_data") Map<String, Object> trainingData,
        @SerializedName("metrics") Map<String, Object> metrics,
        @SerializedName("created_at") String createdAt,
        @SerializedName("trainer_version") String trainerVersion,
        @SerializedName("reads_times") Boolean readsTimes) {

    /** The format version this code writes and the only one it reads. */
    public static final int FORMAT_VERSION = 1;

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .disableHtmlEscaping()
            .serializeSpecialFloatingPointValues()
            .create();

    public Manifest {
        hyperParameters = sorted(hyperParameters);
        checksums = checksums == null ? Map.of() : new TreeMap<>(checksums);
        trainingData = sorted(trainingData);
        metrics = sorted(metrics);
        readsTimes = Boolean.TRUE.equals(readsTimes);
    }

    /** A manifest of a time-blind model ({@code reads_times} false). */
    public Manifest(
            int formatVersion,
            String modelType,
            Map<String, Object> hyperParameters,
            int embeddingDim,
            int maxSeqLen,
            int numItems,
            Map<String, String> checksums,
            Map<String, Object> trainingData,
            Map<String, Object> metrics,
            String createdAt,
            String trainerVersion) {
        this(
                formatVersion,
                modelType,
                hyperParameters,
                embeddingDim,
                maxSeqLen,
                numItems,
                checksums,
                trainingData,
                metrics,
                createdAt,
                trainerVersion,
                false);
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return m == null ? Map.of() : new TreeMap<>(m);
    }

    public String toJson() {
        return GSON.toJson(this);
    }

    public static Manifest fromJson(String json) throws ArtifactException {
        Manifest m;
        try {
            m = GSON.fromJson(json, Manifest.class);
        } catch (JsonParseException | IllegalStateException e) {
            throw new ArtifactException("manifest.json is not valid JSON for a manifest: " + e.getMessage(), e);
        }
        if (m == null) {
            throw new ArtifactException("manifest.json is empty");
        }
        return m;
    }

    public Manifest withChecksums(Map<String, String> newChecksums) {
        return new Manifest(
                formatVersion,
                modelType,
                hyperParameters,
                embeddingDim,
                maxSeqLen,
                numItems,
                newChecksums,
                trainingData,
                metrics,
                createdAt,
                trainerVersion,
                readsTimes);
    }

    public Manifest withHyperParameters(Map<String, Object> newHyperParameters) {
        return new Manifest(
                formatVersion,
                modelType,
                newHyperParameters,
                embeddingDim,
                maxSeqLen,
                numItems,
                checksums,
                trainingData,
                metrics,
                createdAt,
                trainerVersion,
                readsTimes);
    }

    public Manifest withMetrics(Map<String, Object> newMetrics) {
        return new Manifest(
                formatVersion,
                modelType,
                hyperParameters,
                embeddingDim,
                maxSeqLen,
                numItems,
                checksums,
                trainingData,
                newMetrics,
                createdAt,
                trainerVersion,
                readsTimes);
    }

    /** An integer hyper-parameter; fails with the parameter's name when missing or fractional. */
    public int intParam(String name) throws ArtifactException {
        double v = doubleParam(name);
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new ArtifactException("hyper-parameter '" + name + "' must be an integer, got " + v);
        }
        return (int) v;
    }

    public double doubleParam(String name) throws ArtifactException {
        Object v = hyperParameters.get(name);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new ArtifactException("manifest hyper_parameters has no numeric '" + name + "'");
    }

    public String stringParam(String name, String defaultValue) {
        Object v = hyperParameters.get(name);
        return v == null ? defaultValue : v.toString();
    }
}
