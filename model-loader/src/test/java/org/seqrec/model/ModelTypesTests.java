package org.seqrec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;
import org.seqrec.nn.Bert4RecConfig;
import org.seqrec.nn.Gru4RecConfig;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.TimeFeatures;
import org.seqrec.testing.CountArtifacts;

/** The registry: each type once, its declared hyper-parameters exactly those its config reads, manifests read back. */
class ModelTypesTests {
    /** Valid for every network type. */
    private static final NetworkHyperParameters BASE =
            new NetworkHyperParameters(8, 6, 1, 1, 0.1f, LayerNormPlacement.PRE, 1, 3, 2, 2, 0.2f);

    static List<NetworkType> networks() {
        return ModelTypes.networks();
    }

    @Test
    void everyTypeIsRegisteredOnceNetworksFirst() {
        assertEquals(
                List.of(
                        "sasrec",
                        "bsarec",
                        "gru4rec",
                        "caser",
                        "bert4rec",
                        "slirec",
                        "srgnn",
                        "din",
                        "dien",
                        "bst",
                        "pop",
                        "markov"),
                ModelTypes.names(ModelTypes.all()));
        assertEquals(List.of("din", "dien", "bst"), ModelTypes.names(ModelTypes.ranking()));
        assertTrue(ModelTypes.isRanking("din"));
        assertFalse(ModelTypes.isRanking("sasrec"));
        assertFalse(ModelTypes.names(ModelTypes.retrieval()).contains("din"));
        assertEquals(
                List.of("sasrec", "bsarec", "gru4rec", "caser", "bert4rec", "slirec", "srgnn"),
                ModelTypes.names(ModelTypes.networks()));
        assertEquals(List.of("pop", "markov"), ModelTypes.names(ModelTypes.counting()));
        assertEquals("sasrec", ModelTypes.DEFAULT.name());
        assertTrue(ModelTypes.isCounting("markov"));
        assertFalse(ModelTypes.isCounting("sasrec"));
        assertFalse(ModelTypes.isCounting("itemknn"));
        assertEquals(
                TrainingTask.CLOZE, ((NetworkType) ModelTypes.find("bert4rec").orElseThrow()).task());
        assertEquals(
                CountingType.Counts.TRANSITIONS,
                ((CountingType) ModelTypes.find("markov").orElseThrow()).counts());
    }

    @ParameterizedTest
    @MethodSource("networks")
    void aConfigMadeFromHyperParametersCarriesTheTypeAndReadsBackFromItsManifest(NetworkType type) throws Exception {
        NetworkConfig config = type.config(10, BASE);
        assertEquals(type.name(), config.modelType());
        assertEquals(config, type.configFromManifest(manifest(config, config.toHyperParameters())));
        assertEquals(config, ModelTypes.networkConfig(manifest(config, config.toHyperParameters())));
        assertEquals(type, ModelTypes.of(manifest(config, Map.of())));
    }

    @ParameterizedTest
    @MethodSource("networks")
    void aTypeReadsExactlyTheHyperParametersItDeclares(NetworkType type) {
        NetworkConfig base = type.config(10, BASE);
        for (HyperParameter h : HyperParameter.values()) {
            NetworkConfig changed = type.config(10, changed(h).apply(BASE));
            if (type.reads().contains(h)) {
                assertNotEquals(base, changed, type + " declares " + h + " but ignores it");
            } else {
                assertEquals(base, changed, type + " reads " + h + " without declaring it");
            }
        }
    }

    @Test
    void checksAcrossHyperParametersNameThemAsTheCallerDoes() {
        NetworkType caser = (NetworkType) ModelTypes.find("caser").orElseThrow();
        NetworkHyperParameters wide =
                new NetworkHyperParameters(8, 6, 1, 1, 0.1f, LayerNormPlacement.PRE, 1, 8, 2, 2, 0.2f);
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> caser.checkHyperParameters(wide, h -> "<" + h.key() + ">"));
        assertEquals("<window> (8) must not exceed <max_len> (6)", e.getMessage());
        ModelTypes.find("sasrec")
                .map(NetworkType.class::cast)
                .orElseThrow()
                .checkHyperParameters(wide, HyperParameter::key);

        NetworkType bert = (NetworkType) ModelTypes.find("bert4rec").orElseThrow();
        NetworkHyperParameters one =
                new NetworkHyperParameters(8, 1, 1, 1, 0.1f, LayerNormPlacement.PRE, 1, 1, 2, 2, 0.2f);
        e = assertThrows(IllegalArgumentException.class, () -> bert.checkHyperParameters(one, HyperParameter::key));
        assertEquals(
                "max_len must be at least 2 for bert4rec (the mask token takes one position), got 1", e.getMessage());
    }

    @Test
    void aGru4RecManifestWithoutProjectionIsAnArtifactFromBeforeIt() throws Exception {
        Gru4RecConfig projected = new Gru4RecConfig(10, 8, 6, 1, 0f);
        assertEquals(true, projected.toHyperParameters().get("projection"));
        Map<String, Object> older = new LinkedHashMap<>(projected.toHyperParameters());
        older.remove("projection");
        assertEquals(new Gru4RecConfig(10, 8, 6, 1, 0f, false), ModelTypes.networkConfig(manifest(projected, older)));
        older.put("projection", "yes");
        ArtifactException e =
                assertThrows(ArtifactException.class, () -> ModelTypes.networkConfig(manifest(projected, older)));
        assertEquals("hyper-parameter 'projection' must be true or false, got yes", e.getMessage());
    }

    @Test
    void theClozeMaskRowIsTheOneBert4RecEmbeds() {
        assertEquals(new Bert4RecConfig(10, 8, 6, 1, 1, 0f, 0.2f).maskRow(), TrainingTask.maskRow(10));
    }

    @Test
    void unknownTypesListWhatIsServed() {
        NetworkConfig config = ((NetworkType) ModelTypes.DEFAULT).config(4, BASE);
        Manifest other = new Manifest(
                1, "transformer-xl", config.toHyperParameters(), 8, 6, 4, Map.of(), Map.of(), Map.of(), "", "test");
        ArtifactException e = assertThrows(ArtifactException.class, () -> ModelTypes.of(other));
        assertEquals(
                "unknown model_type 'transformer-xl' (this version serves: sasrec, bsarec, gru4rec, caser, bert4rec, slirec, srgnn, din, dien, bst, pop, markov)",
                e.getMessage());
        e = assertThrows(
                ArtifactException.class,
                () -> ModelTypes.networkConfig(CountArtifacts.pop().manifest()));
        assertEquals(
                "unknown model_type 'pop' (this version serves: sasrec, bsarec, gru4rec, caser, bert4rec, slirec, srgnn)",
                e.getMessage());
    }

    @Test
    void countingTypesServeTheirArtifactsInJava() throws Exception {
        CountingType pop = assertInstanceOf(
                CountingType.class, ModelTypes.of(CountArtifacts.pop().manifest()));
        try (UserStates states = pop.userStates(CountArtifacts.pop())) {
            assertEquals("cpu", states.deviceName());
            assertEquals(1, states.userVectors(new int[][] {{1, 2}})[0].length);
        }
        assertTrue(pop.reads().isEmpty());
    }

    /** {@code base} with {@code h} set to another valid value. */
    private static UnaryOperator<NetworkHyperParameters> changed(HyperParameter h) {
        return p -> new NetworkHyperParameters(
                h == HyperParameter.DIM ? 16 : p.dim(),
                h == HyperParameter.MAX_LEN ? 7 : p.maxLen(),
                h == HyperParameter.BLOCKS ? 2 : p.blocks(),
                h == HyperParameter.HEADS ? 2 : p.heads(),
                h == HyperParameter.DROPOUT ? 0.3f : p.dropout(),
                h == HyperParameter.LAYER_NORM ? LayerNormPlacement.POST : p.layerNorm(),
                h == HyperParameter.LAYERS ? 2 : p.layers(),
                h == HyperParameter.WINDOW ? 4 : p.window(),
                h == HyperParameter.H_FILTERS ? 3 : p.hFilters(),
                h == HyperParameter.V_FILTERS ? 3 : p.vFilters(),
                h == HyperParameter.MASK_PROB ? 0.4f : p.maskProb(),
                h == HyperParameter.TIME_FEATURES ? TimeFeatures.GAP_HOUR : p.timeFeatures(),
                h == HyperParameter.ALPHA ? 0.5f : p.alpha(),
                h == HyperParameter.LOW_PASS ? 3 : p.lowPass());
    }

    private static Manifest manifest(NetworkConfig config, Map<String, Object> hyper) {
        return new Manifest(
                Manifest.FORMAT_VERSION,
                config.modelType(),
                hyper,
                config.dim(),
                config.maxLen(),
                config.numItems(),
                Map.of(),
                Map.of(),
                Map.of(),
                Instant.EPOCH.toString(),
                "test",
                config.readsTimes());
    }
}
