package org.seqrec.nn.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.model.ModelTypes;
import org.seqrec.nn.Bert4RecConfig;
import org.seqrec.nn.BsaRecConfig;
import org.seqrec.nn.CaserConfig;
import org.seqrec.nn.Gru4RecConfig;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.nn.SliRecConfig;
import org.seqrec.nn.SrGnnConfig;
import org.seqrec.nn.TimeCodes;
import org.seqrec.nn.TimeFeatures;
import org.seqrec.testing.NetworkArtifacts;

/**
 * The CPU forward pass of every network type against the DJL network served by
 * {@link SequenceEncoder} on the same weights: random initialisations (several seeds, some with
 * every parameter perturbed so that biases and layer-norm offsets matter), histories of length 0,
 * 1, short, exactly L and longer than L. Equal when {@code max_j |u_cpu[j] - u_djl[j]|} is at most
 * {@value #TOLERANCE} times {@code max(1, max_j |u_djl[j]|)}: absolute for vectors of norm up to 1,
 * relative to the largest component above.
 */
class CpuNetworksTests {
    static final double TOLERANCE = 1e-5;
    private static double worst;
    private static String worstCase = "";

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    @AfterAll
    static void report() {
        System.out.printf(
                Locale.ROOT, "CpuNetworksTests: largest difference to DJL %.3g (scaled), %s%n", worst, worstCase);
    }

    static List<Arguments> configs() {
        return List.of(
                Arguments.of("sasrec pre", new SasRecConfig(40, 16, 6, 2, 2, 0.2f, LayerNormPlacement.PRE)),
                Arguments.of("sasrec post", new SasRecConfig(40, 16, 6, 2, 2, 0.2f, LayerNormPlacement.POST)),
                Arguments.of(
                        "sasrec pre, 1 block, 4 heads",
                        new SasRecConfig(30, 32, 9, 1, 4, 0.2f, LayerNormPlacement.PRE)),
                Arguments.of("sasrec post, 3 blocks", new SasRecConfig(30, 24, 7, 3, 1, 0.2f, LayerNormPlacement.POST)),
                Arguments.of("gru4rec 1 layer", new Gru4RecConfig(40, 16, 6, 1, 0.2f)),
                Arguments.of("gru4rec 2 layers", new Gru4RecConfig(40, 16, 6, 2, 0.2f)),
                Arguments.of("gru4rec without projection", new Gru4RecConfig(40, 16, 6, 1, 0.2f, false)),
                Arguments.of("caser window 3", new CaserConfig(40, 16, 6, 3, 4, 2, 0.3f)),
                Arguments.of("caser window 1", new CaserConfig(40, 16, 6, 1, 3, 2, 0.3f)),
                Arguments.of("caser window L", new CaserConfig(40, 12, 5, 5, 2, 3, 0.3f)),
                Arguments.of("bert4rec", new Bert4RecConfig(40, 16, 6, 2, 2, 0.2f, 0.2f)),
                Arguments.of("bert4rec L 2, 1 block", new Bert4RecConfig(40, 8, 2, 1, 1, 0.2f, 0.2f)),
                Arguments.of("srgnn", new SrGnnConfig(40, 16, 6, 0.2f)),
                Arguments.of("srgnn, few items (repeats)", new SrGnnConfig(3, 8, 7, 0.2f)),
                Arguments.of("srgnn L 1", new SrGnnConfig(40, 8, 1, 0.2f)),
                Arguments.of("bsarec", new BsaRecConfig(40, 16, 6, 2, 2, 0.2f, 0.7f, 3)),
                Arguments.of("bsarec alpha 1, low pass L", new BsaRecConfig(40, 8, 5, 1, 1, 0.2f, 1f, 5)));
    }

    /** The networks that read event times: SLi-Rec, and SASRec with {@code time_features gap_hour} (both layer norms). */
    static List<Arguments> timeConfigs() {
        return List.of(
                Arguments.of(
                        "sasrec pre, gap_hour",
                        new SasRecConfig(40, 16, 6, 2, 2, 0.2f, LayerNormPlacement.PRE, TimeFeatures.GAP_HOUR)),
                Arguments.of(
                        "sasrec post, gap_hour",
                        new SasRecConfig(40, 16, 6, 2, 2, 0.2f, LayerNormPlacement.POST, TimeFeatures.GAP_HOUR)),
                Arguments.of("slirec", new SliRecConfig(40, 16, 6, 0.2f)),
                Arguments.of("slirec d64 L50", new SliRecConfig(500, 64, 50, 0.2f)),
                Arguments.of(
                        "sasrec d64 L50 pre, gap_hour",
                        new SasRecConfig(500, 64, 50, 2, 1, 0.2f, LayerNormPlacement.PRE, TimeFeatures.GAP_HOUR)));
    }

    /** The model size of the serving benchmark: SASRec d 64, L 50, 2 blocks, 1 head, 12,101 items. */
    static List<Arguments> servingSizes() {
        return List.of(
                Arguments.of(
                        "sasrec d64 L50 pre", new SasRecConfig(12_101, 64, 50, 2, 1, 0.2f, LayerNormPlacement.PRE)),
                Arguments.of(
                        "sasrec d64 L50 post", new SasRecConfig(12_101, 64, 50, 2, 1, 0.2f, LayerNormPlacement.POST)),
                Arguments.of("gru4rec d64 L50", new Gru4RecConfig(12_101, 64, 50, 1, 0.2f)),
                Arguments.of("caser d64 L50", new CaserConfig(12_101, 64, 50, 5, 16, 4, 0.5f)),
                Arguments.of("bert4rec d64 L50", new Bert4RecConfig(12_101, 64, 50, 2, 1, 0.2f, 0.2f)),
                Arguments.of("srgnn d64 L50", new SrGnnConfig(12_101, 64, 50, 0.2f)),
                Arguments.of("bsarec d64 L50", new BsaRecConfig(12_101, 64, 50, 2, 1, 0.5f, 0.7f, 5)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void equalsTheDjlNetworkForEverySeedAndHistoryLength(String name, NetworkConfig config) throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            ModelArtifact artifact = seed == 1
                    ? NetworkArtifacts.initialized(config, seed)
                    : NetworkArtifacts.perturbed(config, seed, 0.2f);
            compare(name + ", seed " + seed, artifact, histories(config, seed));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servingSizes")
    void equalsTheDjlNetworkAtServingSize(String name, NetworkConfig config) throws Exception {
        compare(name, NetworkArtifacts.perturbed(config, 11, 0.05f), histories(config, 11));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("timeConfigs")
    void aTimeReadingNetworkEqualsTheDjlNetworkAndReadsItsTimes(String name, NetworkConfig config) throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            ModelArtifact artifact = seed == 1
                    ? NetworkArtifacts.initialized(config, seed)
                    : NetworkArtifacts.perturbed(config, seed, 0.2f);
            int[][] histories = histories(config, seed);
            int[][] codes = timeCodes(histories, seed);
            compare(name + ", seed " + seed, artifact, histories, codes);
            // the same items at other times give other vectors: the times are read
            CpuSequenceNetwork cpu = fromArtifact(artifact);
            int[][] later = timeCodes(histories, seed + 100);
            float[][] a = cpu.userVectors(histories, codes);
            float[][] b = cpu.userVectors(histories, later);
            for (int h = 1; h < histories.length; h++) {
                assertFalse(Arrays.equals(a[h], b[h]), name + ": history " + h + " ignores its times");
            }
        }
    }

    @Test
    void aTimeReadingNetworkRefusesHistoriesWithoutTimesAndATimeBlindOneIgnoresThem() throws Exception {
        NetworkConfig timed = (NetworkConfig) timeConfigs().get(0).get()[1];
        CpuSequenceNetwork cpu = fromArtifact(NetworkArtifacts.initialized(timed, 1));
        assertTrue(cpu.readsTimes());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> cpu.userVector(new int[] {1, 2}));
        assertTrue(e.getMessage().contains("reads event times"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> cpu.userVectors(new int[][] {{1, 2}}, new int[][] {{1}}));
        assertThrows(
                IllegalArgumentException.class,
                () -> cpu.userVectors(new int[][] {{1}}, new int[][] {{TimeCodes.CODES}}));

        CpuSequenceNetwork blind = fromArtifact(NetworkArtifacts.perturbed(configOf(0), 2, 0.2f));
        assertFalse(blind.readsTimes());
        int[] h = {3, 4, 5};
        assertArrayEquals(blind.userVector(h), blind.userVectors(new int[][] {h}, new int[][] {{26, 400, 799}})[0], 0f);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("configs")
    void aBatchGivesEachHistoryItsOwnVector(String name, NetworkConfig config) throws Exception {
        CpuSequenceNetwork cpu = fromArtifact(NetworkArtifacts.perturbed(config, 5, 0.2f));
        // Longest first, so that a history reading stale scratch rows of the previous one would show
        int[][] histories = histories(config, 5);
        Arrays.sort(histories, (a, b) -> b.length - a.length);
        float[][] batch = cpu.userVectors(histories);
        assertEquals(histories.length, batch.length);
        for (int b = 0; b < histories.length; b++) {
            assertArrayEquals(cpu.userVector(histories[b]), batch[b], 0f, "history " + b);
        }
        assertFalse(Arrays.equals(batch[1], batch[2]), "different histories, different vectors");
    }

    @Test
    void theVectorApiKernelRunsWhereverTheJvmReadsItsModule() {
        // surefire passes --add-modules jdk.incubator.vector, as OpenSearch's jvm.options do
        assumeTrue(
                ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "JVM without jdk.incubator.vector");
        assertTrue(MatMulKernel.vectorApi() != null, "Vector API kernel unavailable or failed its self-check");
        assertTrue(CpuNetworks.kernelDescription().startsWith("Vector API"), CpuNetworks.kernelDescription());
    }

    @Test
    void warmUpStopsAtItsCallsOrItsBudget() throws Exception {
        CpuSequenceNetwork cpu = fromArtifact(NetworkArtifacts.initialized(configOf(0), 1));
        assertEquals(25, CpuNetworks.warmUp(cpu, 25, Duration.ofMinutes(1)));
        assertEquals(0, CpuNetworks.warmUp(cpu, 1000, Duration.ZERO));
    }

    @Test
    void concurrentCallsGetTheSameVectorsAsOneThread() throws Exception {
        NetworkConfig config = new SasRecConfig(200, 32, 20, 2, 2, 0.2f, LayerNormPlacement.PRE);
        CpuSequenceNetwork cpu = fromArtifact(NetworkArtifacts.perturbed(config, 21, 0.2f));
        int[][] histories = histories(config, 21);
        float[][] expected = cpu.userVectors(histories);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Boolean>> results = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                int offset = task;
                results.add(pool.submit(() -> {
                    for (int call = 0; call < 200; call++) {
                        int b = (offset + call) % histories.length;
                        if (!Arrays.equals(expected[b], cpu.userVector(histories[b]))) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> r : results) {
                assertTrue(r.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void itemRowsOutsideTheVocabularyAreRejected() throws Exception {
        CpuSequenceNetwork cpu = fromArtifact(NetworkArtifacts.initialized(configOf(0), 1));
        assertThrows(IllegalArgumentException.class, () -> cpu.userVector(new int[] {3, 0}));
        assertThrows(IllegalArgumentException.class, () -> cpu.userVector(new int[] {41}));
        assertEquals(0, cpu.userVectors(new int[0][]).length);
    }

    @Test
    void parametersThatDoNotFitTheConfigAreRejected() {
        NetworkConfig config = configOf(0);
        ModelArtifact good = NetworkArtifacts.initialized(config, 1);
        Map<String, FloatTensor> wrongShape = new LinkedHashMap<>(good.parameters());
        wrongShape.put(Networks.ITEM_EMBEDDING, good.itemEmbeddings().asTensor());
        wrongShape.put("position_embedding", new FloatTensor(new long[] {5, 16}, new float[80]));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> of(config, wrongShape, MatMulKernel.DEFAULT));
        assertTrue(e.getMessage().contains("position_embedding"), e.getMessage());

        Map<String, FloatTensor> extra = new LinkedHashMap<>(good.parameters());
        extra.put(Networks.ITEM_EMBEDDING, good.itemEmbeddings().asTensor());
        extra.put("unused", new FloatTensor(new long[] {1}, new float[1]));
        e = assertThrows(IllegalArgumentException.class, () -> of(config, extra, MatMulKernel.DEFAULT));
        assertTrue(e.getMessage().contains("unused"), e.getMessage());

        Map<String, FloatTensor> missing = new LinkedHashMap<>(good.parameters());
        e = assertThrows(IllegalArgumentException.class, () -> of(config, missing, MatMulKernel.DEFAULT));
        assertTrue(e.getMessage().contains("item_embedding"), e.getMessage());
    }

    private static NetworkConfig configOf(int index) {
        return (NetworkConfig) configs().get(index).get()[1];
    }

    /** The kernels this JVM can run: the portable one, and the Vector API one where the module is read. */
    static List<MatMulKernel> kernels() {
        List<MatMulKernel> out = new ArrayList<>(List.of(MatMulKernel.portable()));
        MatMulKernel vector = MatMulKernel.vectorApi();
        if (vector != null) {
            out.add(vector);
        }
        return out;
    }

    /** The CPU network of the artifact with a given kernel. */
    static CpuSequenceNetwork cpu(ModelArtifact artifact, MatMulKernel kernel) throws Exception {
        Map<String, FloatTensor> parameters = new LinkedHashMap<>(artifact.parameters());
        parameters.put(Networks.ITEM_EMBEDDING, artifact.itemEmbeddings().asTensor());
        return of(ModelTypes.networkConfig(artifact.manifest()), parameters, kernel);
    }

    /** The CPU network of each config type, with {@code kernel} (serving takes the default one, through the registry). */
    private static CpuSequenceNetwork of(
            NetworkConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return switch (config) {
            case SasRecConfig c -> CpuSasRec.of(c, parameters, kernel);
            case Gru4RecConfig c -> CpuGru4Rec.of(c, parameters, kernel);
            case CaserConfig c -> CpuCaser.of(c, parameters, kernel);
            case Bert4RecConfig c -> CpuBert4Rec.of(c, parameters, kernel);
            case SliRecConfig c -> CpuSliRec.of(c, parameters, kernel);
            case SrGnnConfig c -> CpuSrGnn.of(c, parameters, kernel);
            case BsaRecConfig c -> CpuBsaRec.of(c, parameters, kernel);
            default -> throw new IllegalArgumentException("no CPU network for " + config.modelType());
        };
    }

    /** The artifact's CPU network as serving builds it. */
    static CpuSequenceNetwork fromArtifact(ModelArtifact artifact) throws Exception {
        return ModelTypes.cpuNetwork(artifact);
    }

    private static void compare(String name, ModelArtifact artifact, int[][] histories) throws Exception {
        compare(name, artifact, histories, null);
    }

    /** @param codes the histories' time codes, null for a time-blind network */
    private static void compare(String name, ModelArtifact artifact, int[][] histories, int[][] codes)
            throws Exception {
        float[][] expected;
        try (SequenceEncoder djl = SequenceEncoder.open(artifact, DevicePreference.CPU, CpuInference.DJL)) {
            expected = codes == null ? djl.encodeRows(histories) : djl.encodeRows(histories, codes);
        }
        float[][] first = null;
        for (MatMulKernel kernel : kernels()) {
            CpuSequenceNetwork network = cpu(artifact, kernel);
            float[][] actual = codes == null ? network.userVectors(histories) : network.userVectors(histories, codes);
            for (int b = 0; b < histories.length; b++) {
                double max = 0;
                double diff = 0;
                for (int j = 0; j < expected[b].length; j++) {
                    max = Math.max(max, Math.abs(expected[b][j]));
                    diff = Math.max(diff, Math.abs(expected[b][j] - actual[b][j]));
                }
                double scaled = diff / Math.max(1, max);
                String what = name + ", history of " + histories[b].length + ", " + kernel.description();
                if (scaled > worst) {
                    worst = scaled;
                    worstCase = what;
                }
                assertTrue(
                        scaled <= TOLERANCE,
                        String.format(
                                Locale.ROOT,
                                "%s: max |cpu - djl| %.3g, max |u| %.3g%n djl %s%n" + " cpu %s",
                                what,
                                diff,
                                max,
                                Arrays.toString(expected[b]),
                                Arrays.toString(actual[b])));
                if (first != null) {
                    assertArrayEquals(
                            first[b], actual[b], 0f, what + ": both kernels add the same products in the same order");
                }
            }
            first = actual;
        }
    }

    /**
     * Time codes for the histories from random event times: gaps from seconds to months, "now" up to a
     * week after the last event.
     */
    private static int[][] timeCodes(int[][] histories, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 17 + 3);
        int[][] out = new int[histories.length][];
        for (int b = 0; b < histories.length; b++) {
            double[] times = new double[histories[b].length];
            double t = 1_700_000_000 + random.nextInt(1_000_000);
            for (int i = 0; i < times.length; i++) {
                t += Math.exp(random.nextDouble() * 16);
                times[i] = t;
            }
            out[b] = TimeCodes.of(times, t + random.nextInt(7 * 86_400));
        }
        return out;
    }

    /** Lengths 0, 1, 2, short, L - 1, L and L + 3 of random rows in 1..n. */
    private static int[][] histories(NetworkConfig config, long seed) {
        SplittableRandom random = new SplittableRandom(seed * 31 + 7);
        int len = config.maxLen();
        List<int[]> out = new ArrayList<>();
        for (int n : new int[] {0, 1, 2, Math.max(1, len / 2), len - 1, len, len + 3}) {
            int[] h = new int[n];
            for (int i = 0; i < n; i++) {
                h[i] = 1 + random.nextInt(config.numItems());
            }
            out.add(h);
        }
        return out.toArray(new int[0][]);
    }
}
