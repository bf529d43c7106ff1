package org.seqrec.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.seqrec.nn.NetworkFixtures.rows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.nn.cpu.CpuDien;
import org.seqrec.nn.cpu.CpuDin;
import org.seqrec.nn.cpu.CpuRankingNetwork;

/** DIN and DIEN, the networks of DIN's target attention: DJL and plain Java agree, and queries are causal. */
class TargetAttentionNetworksTests {
    private static final int N = 9;
    private static final int D = 8;
    private static final int L = 6;

    static List<Arguments> configs() {
        BiFunction<RankingConfig, Map<String, FloatTensor>, CpuRankingNetwork> din =
                (c, p) -> CpuDin.of((DinConfig) c, p);
        BiFunction<RankingConfig, Map<String, FloatTensor>, CpuRankingNetwork> dien =
                (c, p) -> CpuDien.of((DienConfig) c, p);
        return List.of(
                Arguments.of(new DinConfig(N, D, L, 0.2f), din), Arguments.of(new DienConfig(N, D, L, 0.2f), dien));
    }

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    /** The plain-Java pass gives the DJL network's logits: full, short, repeated and empty histories. */
    @ParameterizedTest
    @MethodSource("configs")
    void theCpuPassEqualsTheDjlNetwork(
            RankingConfig config, BiFunction<RankingConfig, Map<String, FloatTensor>, CpuRankingNetwork> cpu) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            RankingNetwork net = config.initialize(m, 3);
            NetworkFixtures.assertCpuScoresAsDjl(m, net, cpu.apply(config, tensors(net)), 1e-5f);
        }
    }

    /** A query at position t reads the items up to t only: later items change nothing there. */
    @ParameterizedTest
    @MethodSource("configs")
    void aQueryReadsNoItemAfterItsPosition(RankingConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            RankingNetwork net = config.initialize(m, 5);
            NDArray positions = m.create(new long[] {2, 5});
            NDArray candidates = m.create(new long[] {4, 8, 4, 8}, new Shape(2, 2));
            float[] a = net.logits(rows(m, new long[] {0, 1, 2, 3, 4, 5}), positions, candidates, false)
                    .toFloatArray();
            float[] b = net.logits(rows(m, new long[] {0, 1, 2, 9, 9, 9}), positions, candidates, false)
                    .toFloatArray();
            assertArrayEquals(Arrays.copyOf(a, 2), Arrays.copyOf(b, 2), 1e-6f, "position 2 reads items 0..2");
            assertNotEquals(a[2], b[2], "position 5 reads the changed items");
            // position 2 of the full history is the last position of its prefix, padded
            float[] prefix = net.lastLogits(
                            rows(m, new long[] {0, 0, 0, 0, 1, 2}), m.create(new long[] {4, 8}, new Shape(1, 2)))
                    .toFloatArray();
            assertArrayEquals(prefix, Arrays.copyOf(a, 2), 1e-5f);
        }
    }

    /** One backward pass of binary cross-entropy reaches every parameter. */
    @ParameterizedTest
    @MethodSource("configs")
    void gradientsReachEveryParameter(RankingConfig config) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NetworkFixtures.assertGradientsReachEveryParameter(m, config.initialize(m, 7));
        }
    }

    @ParameterizedTest
    @MethodSource("configs")
    void refusesPositionsOutsideTheRows(
            RankingConfig config, BiFunction<RankingConfig, Map<String, FloatTensor>, CpuRankingNetwork> cpu) {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            RankingNetwork net = config.initialize(m, 7);
            CpuRankingNetwork plain = cpu.apply(config, tensors(net));
            NetworkFixtures.assertRefusesRowsOutsideTheModel(m, net, plain, N);
            assertEquals(0, plain.scores(new int[] {1}, new int[0]).length);
        }
    }

    /**
     * DIEN's interest extractor is a GRU over the history: its state at each query, the auxiliary
     * loss's user vector, is GRU4Rec's hidden state with the same embeddings and GRU weights.
     */
    @Test
    void dienExtractsTheInterestWithAGruOverTheHistory() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            DienConfig config = new DienConfig(N, D, L, 0.2f);
            DienNetwork dien = DienNetwork.initialize(config, m, 11);
            Map<String, NDArray> gru = new LinkedHashMap<>();
            gru.put(Networks.ITEM_EMBEDDING, dien.itemEmbeddings());
            for (String w : new String[] {"w_ih", "w_hh", "b_ih", "b_hh"}) {
                gru.put("gru.l0." + w, dien.parameters().get(DienNetwork.EXTRACTOR + w));
            }
            Gru4RecNetwork gru4rec = Gru4RecNetwork.fromParameters(new Gru4RecConfig(N, D, L, 1, 0.2f, false), gru);
            NDArray rows = rows(m, new long[] {0, 0, 0, 3, 1, 4}, new long[] {5, 9, 2, 6, 5, 3});
            NDArray positions = m.create(new long[] {3, 5, 8, 11});
            NDArray candidates = m.create(new long[] {1, 2, 3, 4, 5, 6, 7, 8}, new Shape(4, 2));
            NDArray extracted = dien.logitsAndUserVectors(rows, positions, candidates, false)[1];
            NDArray hidden = gru4rec.hidden(rows, false).reshape(2L * L, D);
            for (int q = 0; q < 4; q++) {
                long p = positions.toLongArray()[q];
                assertArrayEquals(hidden.get(p).toFloatArray(), extracted.get(q).toFloatArray(), 1e-6f, "query " + q);
            }
        }
    }

    /** DIEN reads the history in order (two GRUs), with no position table: reversing it changes every score. */
    @Test
    void dienScoresDependOnTheHistorysOrder() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            DienConfig config = new DienConfig(N, D, L, 0.2f);
            CpuRankingNetwork cpu = CpuDien.of(config, tensors(DienNetwork.initialize(config, m, 13)));
            int[] candidates = {1, 2, 3};
            float[] forward = cpu.scores(new int[] {4, 5, 6, 7}, candidates);
            float[] reversed = cpu.scores(new int[] {7, 6, 5, 4}, candidates);
            for (int i = 0; i < candidates.length; i++) {
                assertNotEquals(forward[i], reversed[i], 1e-6f, "candidate " + candidates[i]);
            }
        }
    }

    private static Map<String, FloatTensor> tensors(RankingNetwork net) {
        Map<String, FloatTensor> out = new LinkedHashMap<>();
        net.parameters().forEach((k, v) -> out.put(k, Networks.toTensor(v)));
        return out;
    }
}
