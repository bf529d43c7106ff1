package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.cpu.CpuRankingNetwork;

/** Small configs of every network type, row tensors and artifacts for the nn tests. */
final class NetworkFixtures {
    static final int ITEMS = 40;
    static final int DIM = 16;
    static final int LEN = 6;

    private NetworkFixtures() {}

    /** One small config per model type (and both SASRec layer-norm placements). */
    static List<NetworkConfig> all() {
        return List.of(
                new SasRecConfig(ITEMS, DIM, LEN, 2, 2, 0.2f, LayerNormPlacement.PRE),
                new SasRecConfig(ITEMS, DIM, LEN, 2, 2, 0.2f, LayerNormPlacement.POST),
                new Gru4RecConfig(ITEMS, DIM, LEN, 2, 0.2f),
                new CaserConfig(ITEMS, DIM, LEN, 3, 4, 2, 0.3f),
                new Bert4RecConfig(ITEMS, DIM, LEN, 2, 2, 0.2f, 0.2f),
                new SrGnnConfig(ITEMS, DIM, LEN, 0.2f),
                new BsaRecConfig(ITEMS, DIM, LEN, 2, 2, 0.2f, 0.7f, 3));
    }

    /** The same config reading {@code maxLen} positions instead. */
    static NetworkConfig withMaxLen(NetworkConfig c, int maxLen) {
        return switch (c) {
            case SasRecConfig s ->
                new SasRecConfig(s.numItems(), s.dim(), maxLen, s.blocks(), s.heads(), s.dropout(), s.layerNorm());
            case Gru4RecConfig g -> new Gru4RecConfig(g.numItems(), g.dim(), maxLen, g.layers(), g.dropout());
            case CaserConfig k ->
                new CaserConfig(k.numItems(), k.dim(), maxLen, k.window(), k.hFilters(), k.vFilters(), k.dropout());
            case Bert4RecConfig b ->
                new Bert4RecConfig(b.numItems(), b.dim(), maxLen, b.blocks(), b.heads(), b.dropout(), b.maskProb());
            case BsaRecConfig b ->
                new BsaRecConfig(
                        b.numItems(),
                        b.dim(),
                        maxLen,
                        b.blocks(),
                        b.heads(),
                        b.dropout(),
                        b.alpha(),
                        Math.min(b.lowPass(), maxLen));
            case SrGnnConfig g -> new SrGnnConfig(g.numItems(), g.dim(), maxLen, g.dropout());
            default -> throw new IllegalArgumentException("no fixture for " + c.modelType());
        };
    }

    /** (B, L) int64 rows, one array per sequence. */
    static NDArray rows(NDManager m, long[]... sequences) {
        int len = sequences[0].length;
        long[] flat = new long[sequences.length * len];
        for (int b = 0; b < sequences.length; b++) {
            System.arraycopy(sequences[b], 0, flat, b * len, len);
        }
        return m.create(flat, new Shape(sequences.length, len));
    }

    /** The network's parameters as a manifest, vocabulary sku-1..sku-n and tensors. */
    static ModelArtifact artifact(SequenceNetwork net) {
        return artifact(net.config(), Networks.exportParameters(net), Networks.toTensor(net.itemEmbeddings()));
    }

    static ModelArtifact artifact(NetworkConfig config, Map<String, FloatTensor> params, FloatTensor itemEmbeddings) {
        return artifact(config, config.toHyperParameters(), params, itemEmbeddings);
    }

    static ModelArtifact artifact(
            NetworkConfig config,
            Map<String, Object> hyper,
            Map<String, FloatTensor> params,
            FloatTensor itemEmbeddings) {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= config.numItems(); i++) {
            ids.add("sku-" + i);
        }
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                config.modelType(),
                new LinkedHashMap<>(hyper),
                config.dim(),
                config.maxLen(),
                config.numItems(),
                Map.of(),
                Map.of(),
                Map.of(),
                Instant.EPOCH.toString(),
                "test",
                config.readsTimes());
        ModelArtifact.Builder b = ModelArtifact.builder()
                .setManifest(manifest)
                .setVocabulary(ItemVocabulary.of(ids))
                .setItemEmbeddings(itemEmbeddings);
        params.forEach(b::addParameter);
        return b.build();
    }

    /**
     * Histories (full, short, repeated, empty) and three candidates each, on which a ranking network's
     * plain-Java pass must give its DJL logits.
     */
    static final long[][] RANKING_HISTORIES = {
        {1, 2, 3, 4, 5, 6}, {0, 0, 0, 7, 7, 2}, {0, 0, 0, 0, 0, 9}, {0, 0, 0, 0, 0, 0}
    };

    static final long[] RANKING_CANDIDATES = {1, 5, 9, 2, 3, 3, 8, 4, 6, 7, 1, 2};

    /** Asserts that {@code cpu} scores {@link #RANKING_HISTORIES} as {@code net} does, within {@code delta}. */
    static void assertCpuScoresAsDjl(NDManager m, RankingNetwork net, CpuRankingNetwork cpu, float delta) {
        long[][] histories = RANKING_HISTORIES;
        long[] candidates = RANKING_CANDIDATES;
        float[] djl = net.lastLogits(rows(m, histories), m.create(candidates, new Shape(histories.length, 3)))
                .toFloatArray();
        for (int b = 0; b < histories.length; b++) {
            int[] history = Arrays.stream(histories[b])
                    .filter(r -> r > 0)
                    .mapToInt(r -> (int) r)
                    .toArray();
            int[] cands = Arrays.stream(candidates, b * 3, b * 3 + 3)
                    .mapToInt(r -> (int) r)
                    .toArray();
            assertArrayEquals(Arrays.copyOfRange(djl, b * 3, b * 3 + 3), cpu.scores(history, cands), delta);
        }
    }

    /**
     * One backward pass of binary cross-entropy over a ranking network's logits (rows 0..5, queries
     * at positions 3 and 5, two candidates each) reaches every parameter. Binary, not softmax: a
     * softmax would cancel the output bias.
     */
    static void assertGradientsReachEveryParameter(NDManager m, RankingNetwork net) {
        net.parameters().values().forEach(p -> p.setRequiresGradient(true));
        try (NDManager batch = m.newSubManager();
                GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray logits = net.logits(
                    rows(batch, new long[] {0, 1, 2, 3, 4, 5}),
                    batch.create(new long[] {3, 5}),
                    batch.create(new long[] {6, 7, 8, 9}, new Shape(2, 2)),
                    true);
            NDArray pos = logits.get(":, 0").getNDArrayInternal().sigmoid();
            NDArray neg = logits.get(":, 1").neg().getNDArrayInternal().sigmoid();
            gc.backward(pos.log().add(neg.log()).sum().neg());
        }
        net.parameters()
                .forEach(
                        (name, p) -> assertTrue(p.getGradient().abs().sum().getFloat() > 0, name + " got no gradient"));
    }

    /**
     * A ranking network of L 6 over n items refuses a position past its rows, and its plain-Java pass
     * refuses item rows outside 1..n, as candidates and in the history.
     */
    static void assertRefusesRowsOutsideTheModel(NDManager m, RankingNetwork net, CpuRankingNetwork cpu, int n) {
        assertThrows(
                IllegalArgumentException.class,
                () -> net.logits(
                        rows(m, new long[] {0, 1, 2, 3, 4, 5}),
                        m.create(new long[] {6}),
                        m.create(new long[] {1}, new Shape(1, 1)),
                        false));
        assertThrows(IllegalArgumentException.class, () -> cpu.scores(new int[] {1}, new int[] {n + 1}));
        assertThrows(IllegalArgumentException.class, () -> cpu.scores(new int[] {0}, new int[] {1}));
    }
}
