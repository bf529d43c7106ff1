package org.seqrec.plugin.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.seqrec.artifact.CountModels;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.artifact.TransitionCounts;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.index.ExactItemIndex;
import org.seqrec.plugin.retrieval.ItemRetrieval;
import org.seqrec.plugin.retrieval.RecommendedItem;
import org.seqrec.plugin.testing.TestModels;

/** A markov artifact (identity item embeddings, no network) served by the registry with no plugin code of its own. */
public class MarkovModelServingTests {
    /** Rows: p0_0 1, p0_1 2, p0_2 3, n0 4, n1 5. */
    private static final List<String> IDS = List.of("p0_0", "p0_1", "p0_2", "n0", "n1");

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    /**
     * Chain p0_0 -&gt; p0_1 -&gt; p0_2 (3 times each) among noise: n1 -&gt; p0_0, n0 -&gt; n1 (5 times);
     * n0 is the most popular item, so popularity alone would never put p0_1 first.
     */
    private static ModelArtifact markov() {
        TransitionCounts counts = new TransitionCounts(
                5, new int[] {0, 0, 1, 2, 2, 3, 4}, new int[] {2, 3, 5, 1}, new float[] {3, 3, 5, 3}, new float[] {
                    0, 3, 3, 3, 9, 5
                });
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                CountModels.MARKOV,
                Map.of(
                        CountModels.ITEM_EMBEDDINGS,
                        CountModels.IDENTITY,
                        CountModels.EPSILON,
                        CountModels.DEFAULT_EPSILON),
                IDS.size() + 1,
                1,
                IDS.size(),
                Map.of(),
                Map.of("users", 3),
                Map.of(),
                Instant.EPOCH.toString(),
                "plugin-tests");
        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(manifest)
                .setVocabulary(ItemVocabulary.of(IDS))
                .setIdentityItemEmbeddings();
        counts.toParameters().forEach(b::addParameter);
        return b.build();
    }

    @Test
    public void registryServesTheChainSuccessor() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        TestModels.install(config, "chains", markov());
        try (ModelRegistry registry = new ModelRegistry(new ConfigDirectoryModelSource(config), DevicePreference.CPU)) {
            LoadedModel model = registry.get("chains");
            assertTrue(model.itemEmbeddings().isIdentity());
            assertTrue("markov stores no matrix: " + model.memoryBytes(), model.memoryBytes() < 10_000);
            List<String> history = List.of("n0", "unknown", "p0_0");
            float[] user = model.encode(history);
            assertEquals(IDS.size() + 1, user.length);
            assertEquals("cpu", model.encoderDevice());
            List<RecommendedItem> top = ItemRetrieval.topItems(model, user, history, 1, true);
            assertEquals("p0_1", top.get(0).itemId());
            assertEquals(model.itemEmbeddings().dot(user, 2), top.get(0).score(), 0f);
            // no known successor: popularity order (n0 is seen, so n1 comes first)
            float[] fallback = model.encode(List.of("n0", "p0_2"));
            assertEquals(
                    "n1",
                    ItemRetrieval.topItems(model, fallback, List.of("n0", "p0_2"), 1, true)
                            .get(0)
                            .itemId());
            assertTrue(model.itemIndex() instanceof ExactItemIndex);
        }
    }

    @Test
    public void identityEmbeddingsAreSearchedExactlyAtAnySize() {
        ItemEmbeddings large = ItemEmbeddings.identity(ItemIndexConfig.DEFAULT_EXACT_MAX_ITEMS + 2);
        assertFalse(ItemIndexConfig.defaults().usesHnsw(large));
        assertFalse(ItemIndexConfig.defaults().withExactMaxItems(0).usesHnsw(large));
        try (var index = new ExactItemIndex(large)) {
            float[] u = new float[large.dim()];
            u[77] = 1f;
            assertArrayEquals(
                    new int[] {77},
                    index.search(u, 1, null).stream().mapToInt(h -> h.row()).toArray());
        }
    }
}
