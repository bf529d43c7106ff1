package org.seqrec.trainer.upload;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.SasRecConfig;

/** Writes small valid artifacts (readable by {@link ModelArtifact#read}, not meant to be run). */
public final class TinyArtifacts {
    private TinyArtifacts() {}

    /** A three-item SASRec artifact with D = 2 and L = 5, written to {@code file}. */
    public static Path write(Path file) throws IOException {
        SasRecConfig config = new SasRecConfig(3, 2, 5, 1, 1, 0.1f);
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                SasRecConfig.MODEL_TYPE,
                config.toHyperParameters(),
                2,
                5,
                3,
                Map.of(),
                Map.of("users", 10),
                Map.of("test_full.ndcg@10", 0.25),
                "2026-01-01T00:00:00Z",
                "test");
        float[] embeddings = {0, 0, 0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f};
        ModelArtifact.builder()
                .setManifest(manifest)
                .setVocabulary(ItemVocabulary.of(List.of("a", "b", "c")))
                .setItemEmbeddings(new FloatTensor(new long[] {4, 2}, embeddings))
                .addParameter("block0.w", new FloatTensor(new long[] {2, 2}, new float[] {1, 2, 3, 4}))
                .build()
                .write(file);
        return file;
    }
}
