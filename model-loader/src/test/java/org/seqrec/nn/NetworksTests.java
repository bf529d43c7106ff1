package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.seqrec.nn.NetworkFixtures.rows;

import ai.djl.ndarray.NDManager;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.model.ModelTypes;

/**
 * Every network type through the artifact: export, file, its manifest read back through the registry
 * ({@link ModelTypes#networkConfig}), {@link Networks#fromArtifact}, the encoder.
 */
class NetworksTests {
    @TempDir
    Path dir;

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    static List<NetworkConfig> configs() {
        return NetworkFixtures.all();
    }

    @ParameterizedTest
    @MethodSource("configs")
    void anArtifactFileGivesBackTheSameUserVectors(NetworkConfig config) throws Exception {
        Path file = dir.resolve(config.modelType() + ".seqrec");
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(m, 11);
            NetworkFixtures.artifact(net).write(file);
            ModelArtifact read = ModelArtifact.read(file);
            assertEquals(config, ModelTypes.networkConfig(read.manifest()));
            SequenceNetwork back = Networks.fromArtifact(config, read, m);
            assertEquals(net.parameters().keySet(), back.parameters().keySet());
            long[][] histories = {{0, 0, 0, 5, 6, 7}, {1, 2, 3, 4, 5, 6}};
            assertArrayEquals(
                    net.userVectors(rows(m, histories)).toFloatArray(),
                    back.userVectors(rows(m, histories)).toFloatArray(),
                    0f);
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theEncoderServesEveryType(NetworkConfig config) throws Exception {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(m, 12);
            try (SequenceEncoder encoder = SequenceEncoder.open(NetworkFixtures.artifact(net), DevicePreference.CPU)) {
                float[] encoded = encoder.encode(List.of("sku-3", "unknown", "sku-9", "sku-4"));
                float[] direct =
                        net.userVectors(rows(m, new long[] {0, 0, 0, 3, 9, 4})).toFloatArray();
                assertArrayEquals(direct, encoded, 1e-5f);
                assertEquals(config.dim(), encoder.encode(List.of()).length);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void wrongParameterShapesMissingAndExtraParametersAreRefused(NetworkConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            SequenceNetwork net = config.initialize(m, 13);
            FloatTensor items = Networks.toTensor(net.itemEmbeddings());
            for (String name : Networks.exportParameters(net).keySet()) {
                Map<String, FloatTensor> params = new LinkedHashMap<>(Networks.exportParameters(net));
                FloatTensor t = params.get(name);
                long[] shape = t.shape().clone();
                shape[0] += 1;
                params.put(
                        name,
                        new FloatTensor(shape, new float[t.data().length + t.data().length / (int) t.shape()[0]]));
                ArtifactException e = assertThrows(
                        ArtifactException.class,
                        () -> Networks.fromArtifact(config, NetworkFixtures.artifact(config, params, items), m));
                assertTrue(e.getMessage().startsWith("parameter '" + name + "' has shape "), e.getMessage());
            }
            Map<String, FloatTensor> missing = new LinkedHashMap<>(Networks.exportParameters(net));
            String dropped = missing.keySet().iterator().next();
            missing.remove(dropped);
            ArtifactException e = assertThrows(
                    ArtifactException.class,
                    () -> Networks.fromArtifact(config, NetworkFixtures.artifact(config, missing, items), m));
            assertEquals("artifact lacks parameters [" + dropped + "]", e.getMessage());
            Map<String, FloatTensor> extra = new LinkedHashMap<>(Networks.exportParameters(net));
            extra.put("stray", new FloatTensor(new long[] {1}, new float[1]));
            e = assertThrows(
                    ArtifactException.class,
                    () -> Networks.fromArtifact(config, NetworkFixtures.artifact(config, extra, items), m));
            assertEquals("artifact has parameters the network does not use: [stray]", e.getMessage());
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void hyperParametersOutOfRangeAreRefusedWithTheirName(NetworkConfig config) {
        Map<String, Object> hyper = new LinkedHashMap<>(config.toHyperParameters());
        hyper.put("dropout", 1.5);
        ArtifactException e = assertThrows(
                ArtifactException.class,
                () -> ModelTypes.networkConfig(NetworkFixtures.artifact(config, hyper, Map.of(), emptyItems(config))
                        .manifest()));
        assertEquals("manifest hyper_parameters: dropout must be in [0, 1), got 1.5", e.getMessage());
    }

    @Test
    void anUnknownModelTypeListsTheSupportedOnes() {
        NetworkConfig config = new Gru4RecConfig(4, 2, 3, 1, 0f);
        ModelArtifact a = NetworkFixtures.artifact(config, Map.of(), emptyItems(config));
        ModelArtifact renamed = a.withManifest(new org.seqrec.artifact.Manifest(
                1,
                "transformer-xl",
                a.manifest().hyperParameters(),
                2,
                3,
                4,
                Map.of(),
                Map.of(),
                Map.of(),
                "",
                "test"));
        ArtifactException e = assertThrows(ArtifactException.class, () -> ModelTypes.networkConfig(renamed.manifest()));
        assertEquals(
                "unknown model_type 'transformer-xl' (this version serves: sasrec, bsarec, gru4rec, caser, bert4rec, slirec, srgnn)",
                e.getMessage());
    }

    @Test
    void aSasRecManifestWithoutLayerNormReadsAsPre() throws Exception {
        SasRecConfig post = new SasRecConfig(4, 2, 3, 1, 1, 0f, LayerNormPlacement.POST);
        Map<String, Object> hyper = new LinkedHashMap<>(post.toHyperParameters());
        hyper.remove("layer_norm");
        SasRecConfig read = (SasRecConfig)
                ModelTypes.networkConfig(NetworkFixtures.artifact(post, hyper, Map.of(), emptyItems(post))
                        .manifest());
        assertEquals(LayerNormPlacement.PRE, read.layerNorm());
        hyper.put("layer_norm", "sideways");
        ArtifactException e = assertThrows(
                ArtifactException.class,
                () -> ModelTypes.networkConfig(NetworkFixtures.artifact(post, hyper, Map.of(), emptyItems(post))
                        .manifest()));
        assertEquals("manifest hyper_parameters: layer_norm must be 'pre' or 'post', got 'sideways'", e.getMessage());
    }

    @Test
    void optionalHyperParametersTakeTheirDefaults() throws Exception {
        CaserConfig caser = new CaserConfig(4, 2, 8, 2, 3, 1, 0f);
        Map<String, Object> hyper = new LinkedHashMap<>(caser.toHyperParameters());
        hyper.keySet().removeAll(List.of("window", "h_filters", "v_filters"));
        assertEquals(
                new CaserConfig(
                        4,
                        2,
                        8,
                        CaserConfig.DEFAULT_WINDOW,
                        CaserConfig.DEFAULT_H_FILTERS,
                        CaserConfig.DEFAULT_V_FILTERS,
                        0f),
                ModelTypes.networkConfig(NetworkFixtures.artifact(caser, hyper, Map.of(), emptyItems(caser))
                        .manifest()));
        Gru4RecConfig gru = new Gru4RecConfig(4, 2, 8, 3, 0f);
        Map<String, Object> gruHyper = new LinkedHashMap<>(gru.toHyperParameters());
        gruHyper.remove("layers");
        assertEquals(
                Gru4RecConfig.DEFAULT_LAYERS,
                ((Gru4RecConfig) ModelTypes.networkConfig(
                                NetworkFixtures.artifact(gru, gruHyper, Map.of(), emptyItems(gru))
                                        .manifest()))
                        .layers());
        Bert4RecConfig bert = new Bert4RecConfig(4, 2, 8, 1, 1, 0f, 0.5f);
        Map<String, Object> bertHyper = new LinkedHashMap<>(bert.toHyperParameters());
        bertHyper.remove("mask_prob");
        assertEquals(
                Bert4RecConfig.DEFAULT_MASK_PROB,
                ((Bert4RecConfig) ModelTypes.networkConfig(
                                NetworkFixtures.artifact(bert, bertHyper, Map.of(), emptyItems(bert))
                                        .manifest()))
                        .maskProb());
    }

    @Test
    void manifestSizesMustAgreeWithTheHyperParameters() {
        Gru4RecConfig config = new Gru4RecConfig(4, 2, 3, 1, 0f);
        Map<String, Object> hyper = new LinkedHashMap<>(config.toHyperParameters());
        hyper.put("max_len", 5);
        ArtifactException e = assertThrows(
                ArtifactException.class,
                () -> ModelTypes.networkConfig(NetworkFixtures.artifact(config, hyper, Map.of(), emptyItems(config))
                        .manifest()));
        assertEquals(
                "manifest embedding_dim/max_seq_len (2/3) disagree with hyper_parameters dim/max_len (2/5)",
                e.getMessage());
    }

    private static FloatTensor emptyItems(NetworkConfig config) {
        return new FloatTensor(
                new long[] {config.numItems() + 1, config.dim()}, new float[(config.numItems() + 1) * config.dim()]);
    }
}
