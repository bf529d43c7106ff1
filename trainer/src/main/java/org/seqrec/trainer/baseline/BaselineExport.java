package org.seqrec.trainer.baseline;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.CountModels;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.trainer.data.InteractionData;
import org.seqrec.trainer.train.TrainerVersion;

/**
 * Turns fitted baselines into artifacts in the format every model uses (docs/artifact-format.md),
 * so that {@code evaluate}, {@code inspect}, the encoder and the plugin serve them unchanged. Both
 * read only the last history item at most, so {@code max_seq_len} is 1. Stateless.
 */
final class BaselineExport {
    private BaselineExport() {}

    /** {@code pop}: E = log(1 + count) (n + 1, 1), no parameters. */
    static ModelArtifact pop(InteractionData data, PopularityModel model) {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put("training_items", model.total());
        return ModelArtifact.builder()
                .setManifest(manifest(data, CountModels.POP, hyper, 1))
                .setVocabulary(data.vocabulary())
                .setItemEmbeddings(model.itemEmbeddings())
                .build();
    }

    /** {@code markov}: identity E (D = n + 1, not stored), the transition counts as parameters. */
    static ModelArtifact markov(InteractionData data, MarkovChainModel model) {
        Map<String, Object> hyper = new LinkedHashMap<>();
        hyper.put(CountModels.ITEM_EMBEDDINGS, CountModels.IDENTITY);
        hyper.put(CountModels.EPSILON, CountModels.DEFAULT_EPSILON);
        hyper.put("transitions", model.transitions().nonZeros());
        hyper.put("training_transitions", model.pairs());
        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(manifest(data, CountModels.MARKOV, hyper, data.numItems() + 1))
                .setVocabulary(data.vocabulary())
                .setIdentityItemEmbeddings();
        model.transitions().toParameters().forEach(b::addParameter);
        return b.build();
    }

    private static Manifest manifest(InteractionData data, String type, Map<String, Object> hyper, int dim) {
        return new Manifest(
                Manifest.FORMAT_VERSION,
                type,
                hyper,
                dim,
                1,
                data.numItems(),
                Map.of(),
                data.summary(),
                Map.of(),
                Instant.now().toString(),
                TrainerVersion.get());
    }
}
