package org.seqrec.plugin.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.Manifest;

/**
 * An artifact's manifest as the fields of the store's metadata document and of {@code GET} answers
 * (the checksums of the artifact's entries are left out). Non-finite numbers, which JSON cannot
 * hold, become {@code null}.
 */
final class ManifestFields {
    private ManifestFields() {}

    static Map<String, Object> of(Manifest manifest) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format_version", manifest.formatVersion());
        m.put("model_type", manifest.modelType());
        m.put("embedding_dim", manifest.embeddingDim());
        m.put("max_seq_len", manifest.maxSeqLen());
        m.put("num_items", manifest.numItems());
        m.put("created_at", manifest.createdAt());
        m.put("trainer_version", manifest.trainerVersion());
        m.put("hyper_parameters", finite(manifest.hyperParameters()));
        m.put("training_data", finite(manifest.trainingData()));
        m.put("metrics", finite(manifest.metrics()));
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> finite(Map<String, ?> in) {
        Map<String, Object> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (v instanceof Double d && Double.isFinite(d) == false
                    || v instanceof Float f && Float.isFinite(f) == false) {
                out.put(k, null);
            } else if (v instanceof Map<?, ?> nested) {
                out.put(k, finite((Map<String, ?>) nested));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
