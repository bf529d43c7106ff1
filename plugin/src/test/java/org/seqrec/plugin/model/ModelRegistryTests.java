package org.seqrec.plugin.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.opensearch.ResourceNotFoundException;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.plugin.stats.SeqRecStats;
import org.seqrec.plugin.testing.TestModels;

public class ModelRegistryTests {
    private static ModelArtifact artifact;

    @Rule
    public TemporaryFolder tmp = new TemporaryFolder();

    @BeforeClass
    public static void buildModel() {
        artifact = TestModels.sasrec(20, 8, 5, 42L);
    }

    @AfterClass
    public static void dropModel() {
        artifact = null;
    }

    @Test
    public void loadsOnceAndEncodesLikeTheEncoder() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        TestModels.install(config, "shop", artifact);
        CountingSource source = new CountingSource(new ConfigDirectoryModelSource(config));
        try (ModelRegistry registry = new ModelRegistry(source, DevicePreference.CPU)) {
            LoadedModel first = registry.get("shop");
            assertSame(first, registry.get("shop"));
            assertEquals(1, source.reads.get());
            assertEquals(20, first.vocabulary().size());
            assertEquals(5, first.maxSeqLen());

            List<String> history = List.of("sku-3", "unknown", "sku-7", "sku-1");
            float[] vector = first.encode(history);
            try (SequenceEncoder reference = SequenceEncoder.open(artifact, DevicePreference.CPU)) {
                assertArrayEquals(reference.encode(history), vector, 1e-6f);
            }
            assertNotEquals(
                    first.itemEmbeddings().dot(vector, 1),
                    first.itemEmbeddings().dot(vector, 2),
                    0f);
        }
    }

    @Test
    public void concurrentFirstUsesShareOneRead() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        TestModels.install(config, "shop", artifact);
        CountingSource source = new CountingSource(new ConfigDirectoryModelSource(config));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ModelRegistry registry = new ModelRegistry(source, DevicePreference.CPU)) {
            List<Future<LoadedModel>> futures = pool.invokeAll(List.of(
                    () -> registry.get("shop"),
                    () -> registry.get("shop"),
                    () -> registry.get("shop"),
                    () -> registry.get("shop")));
            LoadedModel model = futures.get(0).get();
            for (Future<LoadedModel> f : futures) {
                assertSame(model, f.get());
            }
            assertEquals(1, source.reads.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    public void unknownModelIsNotFoundAndNotCached() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        try (ModelRegistry registry = new ModelRegistry(new ConfigDirectoryModelSource(config), DevicePreference.CPU)) {
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> registry.get("later"));
            assertTrue(
                    e.getMessage(),
                    e.getMessage()
                            .startsWith("seqrec model [later] not found: it is not in the cluster's model store"));
            assertTrue(
                    e.getMessage(),
                    e.getMessage().contains("no file [config/seqrec/models/later.seqrec] on this node"));
            TestModels.install(config, "later", artifact);
            assertEquals(20, registry.get("later").vocabulary().size());
        }
    }

    @Test
    public void invalidArtifactIsABadRequestWithTheReason() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        Path file = TestModels.install(config, "broken", artifact);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        try (ModelRegistry registry = new ModelRegistry(new ConfigDirectoryModelSource(config), DevicePreference.CPU)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("broken"));
            assertTrue(e.getMessage(), e.getMessage().startsWith("seqrec model [broken] is invalid: "));
            assertTrue(e.getCause() instanceof ArtifactException);
        }
    }

    @Test
    public void rejectsBadIdsBeforeTouchingFiles() throws Exception {
        CountingSource source = new CountingSource(
                new ConfigDirectoryModelSource(tmp.newFolder("config").toPath()));
        try (ModelRegistry registry = new ModelRegistry(source, DevicePreference.CPU)) {
            assertThrows(IllegalArgumentException.class, () -> registry.get("../../etc/passwd"));
            assertEquals(0, source.reads.get());
        }
    }

    @Test
    public void closedRegistryAndModelsRefuseWork() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        TestModels.install(config, "shop", artifact);
        ModelRegistry registry = new ModelRegistry(new ConfigDirectoryModelSource(config), DevicePreference.CPU);
        LoadedModel model = registry.get("shop");
        model.encode(List.of("sku-1"));
        registry.close();
        assertThrows(IllegalStateException.class, () -> registry.get("shop"));
        assertThrows(IllegalStateException.class, () -> model.encode(List.of("sku-1")));
    }

    /** Counts reads, to check the registry's caching. */
    private static final class CountingSource implements ModelSource {
        final AtomicInteger reads = new AtomicInteger();
        private final ModelSource delegate;

        CountingSource(ModelSource delegate) {
            this.delegate = delegate;
        }

        @Override
        public Optional<ModelRef> resolve(String modelId) {
            return delegate.resolve(modelId);
        }

        @Override
        public boolean isServable(ModelRef ref) {
            return delegate.isServable(ref);
        }

        @Override
        public ModelArtifact read(ModelRef ref) throws ArtifactException, java.io.IOException {
            reads.incrementAndGet();
            return delegate.read(ref);
        }
    }

    @Test
    public void eachVersionLoadsOnceAndUnservableVersionsAreClosed() {
        VersionedSource source = new VersionedSource();
        source.publish("shop", "v1");
        try (ModelRegistry registry = new ModelRegistry(source, DevicePreference.CPU)) {
            ModelRef v1 = registry.resolve("shop");
            LoadedModel first = registry.get(v1);
            first.encode(List.of("sku-1"));
            source.publish("shop", "v2");
            ModelRef v2 = registry.resolve("shop");
            assertEquals("v2", v2.version());
            LoadedModel second = registry.get(v2);
            assertNotSame(first, second);
            assertSame(first, registry.get(v1));
            registry.retainServable();
            assertFalse("v1 is still servable (the previous version)", first.isClosed());
            source.publish("shop", "v3");
            registry.retainServable();
            assertTrue("v1 dropped out of the catalogue", first.isClosed());
            assertFalse(registry.isLoaded(v1));
            assertThrows(ModelClosedException.class, () -> first.encode(List.of("sku-1")));
            assertThrows(ResourceNotFoundException.class, () -> registry.get(v1));
            assertSame(second, registry.get(v2));
        }
    }

    @Test
    public void theMemoryBoundUnloadsTheLeastRecentlyUsedModel() {
        VersionedSource source = new VersionedSource();
        source.publish("a", "1");
        source.publish("b", "1");
        source.publish("c", "1");
        // a loaded model also counts the exact scan's copy of its embeddings
        long one = ModelMemory.estimate(artifact)
                + org.seqrec.index.ExactItemIndex.blockedScanBytes(artifact.itemEmbeddings());
        try (ModelRegistry registry = new ModelRegistry(
                List.of(source), DevicePreference.CPU, 2 * one + 1, new SeqRecStats(), Runnable::run)) {
            LoadedModel a = registry.get("a");
            LoadedModel b = registry.get("b");
            registry.get("a"); // a is now more recently used than b
            LoadedModel c = registry.get("c");
            assertTrue(b.isClosed());
            assertFalse(a.isClosed());
            assertFalse(c.isClosed());
            assertEquals(2, registry.loaded().size());
        }
        try (ModelRegistry tiny =
                new ModelRegistry(List.of(source), DevicePreference.CPU, one / 2, new SeqRecStats(), Runnable::run)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny.get("a"));
            assertTrue(e.getMessage(), e.getMessage().contains("plugins.seqrec.model_cache.max_size"));
        }
    }

    /** Serves the shared artifact under versions set by the test; the current and previous versions are servable. */
    private static final class VersionedSource implements ModelSource {
        private final java.util.Map<String, List<String>> versions = new java.util.concurrent.ConcurrentHashMap<>();

        void publish(String modelId, String version) {
            versions.merge(modelId, List.of(version), (old, v) -> List.of(v.get(0), old.get(0)));
        }

        @Override
        public Optional<ModelRef> resolve(String modelId) {
            return Optional.ofNullable(versions.get(modelId)).map(v -> new ModelRef(modelId, v.get(0)));
        }

        @Override
        public boolean isServable(ModelRef ref) {
            return versions.getOrDefault(ref.modelId(), List.of()).contains(ref.version());
        }

        @Override
        public ModelArtifact read(ModelRef ref) {
            return artifact;
        }
    }
}
