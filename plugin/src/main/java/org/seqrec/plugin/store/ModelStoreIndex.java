package org.seqrec.plugin.store;

import org.opensearch.common.settings.Settings;

/**
 * The hidden system index {@value #NAME} that holds stored artifacts: one document per chunk of an
 * artifact ({@code _id} {@code <model_id>/<upload_id>/<n>}, the bytes in a {@code binary} field,
 * never indexed) and one metadata document per model ({@code _id} {@code <model_id>}: generation,
 * size, checksum and the artifact's manifest, whose main fields are searchable).
 *
 * <p>One primary shard with a replica on every data node ({@code auto_expand_replicas 0-all}), so
 * that a node loading a model reads it from its own copy and the store survives the loss of nodes.
 */
public final class ModelStoreIndex {
    public static final String NAME = ".plugins-seqrec-models";
    /** The pattern registered as a system index. */
    public static final String PATTERN = ".plugins-seqrec-*";

    static final String DOC_TYPE = "doc_type";
    static final String CHUNK = "chunk";
    static final String MODEL = "model";

    private ModelStoreIndex() {}

    public static String chunkId(String modelId, String uploadId, int chunk) {
        return modelId + "/" + uploadId + "/" + chunk;
    }

    static Settings settings() {
        return Settings.builder()
                .put("index.number_of_shards", 1)
                .put("index.auto_expand_replicas", "0-all")
                .put("index.hidden", true)
                .build();
    }

    static String mapping() {
        return """
                {
                  "dynamic": "strict",
                  "properties": {
                    "doc_type":    { "type": "keyword" },
                    "model_id":    { "type": "keyword" },
                    "upload_id":   { "type": "keyword" },
                    "chunk":       { "type": "integer" },
                    "data":        { "type": "binary" },
                    "generation":  { "type": "long" },
                    "size_bytes":  { "type": "long" },
                    "sha256":      { "type": "keyword" },
                    "chunk_count": { "type": "integer" },
                    "uploaded_at": { "type": "date", "format": "epoch_millis" },
                    "manifest": {
                      "type": "object",
                      "dynamic": false,
                      "properties": {
                        "model_type":      { "type": "keyword" },
                        "format_version":  { "type": "integer" },
                        "embedding_dim":   { "type": "integer" },
                        "max_seq_len":     { "type": "integer" },
                        "num_items":       { "type": "integer" },
                        "created_at":      { "type": "date" },
                        "trainer_version": { "type": "keyword" }
                      }
                    }
                  }
                }
                """;
    }
}
