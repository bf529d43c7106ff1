package org.seqrec.plugin.model;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
import org.seqrec.encoder.Device;
import org.seqrec.encoder.SequenceEncoder;
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
        try (ModelRegistry registry = new ModelRegistry(source, Device.CPU)) {
            LoadedModel first = registry.get("shop");
            assertSame(first, registry.get("shop"));
            assertEquals(1, source.reads.get());
            assertEquals(20, first.vocabulary().size());
            assertEquals(5, first.maxSeqLen());

            List<String> history = List.of("sku-3", "unknown", "sku-7", "sku-1");
            float[] vector = first.encode(history);
            try (SequenceEncoder reference = SequenceEncoder.open(artifact, Device.CPU)) {
                assertArrayEquals(reference.encode(history), vector, 1e-6f);
            }
            assertNotEquals(first.itemEmbeddings().dot(vector, 1), first.itemEmbeddings().dot(vector, 2), 0f);
        }
    }

    @Test
    public void concurrentFirstUsesShareOneRead() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        TestModels.install(config, "shop", artifact);
        CountingSource source = new CountingSource(new ConfigDirectoryModelSource(config));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (ModelRegistry registry = new ModelRegistry(source, Device.CPU)) {
            List<Future<LoadedModel>> futures = pool.invokeAll(List.of(() -> registry.get("shop"), () -> registry.get("shop"),
                    () -> registry.get("shop"), () -> registry.get("shop")));
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
        try (ModelRegistry registry = new ModelRegistry(new ConfigDirectoryModelSource(config), Device.CPU)) {
            ResourceNotFoundException e = assertThrows(ResourceNotFoundException.class, () -> registry.get("later"));
            assertEquals("seqrec model [later] not found: no file [later.seqrec] in [config/seqrec/models] on this node", e.getMessage());
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
        try (ModelRegistry registry = new ModelRegistry(new ConfigDirectoryModelSource(config), Device.CPU)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("broken"));
            assertTrue(e.getMessage(), e.getMessage().startsWith("seqrec model [broken] is invalid: "));
            assertTrue(e.getCause() instanceof ArtifactException);
        }
    }

    @Test
    public void rejectsBadIdsBeforeTouchingFiles() throws Exception {
        CountingSource source = new CountingSource(new ConfigDirectoryModelSource(tmp.newFolder("config").toPath()));
        try (ModelRegistry registry = new ModelRegistry(source, Device.CPU)) {
            assertThrows(IllegalArgumentException.class, () -> registry.get("../../etc/passwd"));
            assertEquals(0, source.reads.get());
        }
    }

    @Test
    public void closedRegistryAndModelsRefuseWork() throws Exception {
        Path config = tmp.newFolder("config").toPath();
        TestModels.install(config, "shop", artifact);
        ModelRegistry registry = new ModelRegistry(new ConfigDirectoryModelSource(config), Device.CPU);
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
        public ModelArtifact read(String modelId) throws ArtifactException, java.io.IOException {
            reads.incrementAndGet();
            return delegate.read(modelId);
        }
    }
}
