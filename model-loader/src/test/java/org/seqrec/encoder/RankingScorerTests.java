package org.seqrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.BstConfig;
import org.seqrec.nn.DienConfig;
import org.seqrec.nn.DinConfig;
import org.seqrec.nn.RankingConfig;
import org.seqrec.testing.TinyModels;

/** A ranking model's scores on the DJL network (what a GPU runs) equal the plain-Java pass's. */
class RankingScorerTests {
    private static final int N = 12;
    private static final int D = 8;
    private static final int L = 5;

    @BeforeAll
    static void djl() {
        DjlRuntime.configure(null, 1);
    }

    static List<RankingConfig> configs() {
        return List.of(new DinConfig(N, D, L, 0.1f), new DienConfig(N, D, L, 0.1f), new BstConfig(N, D, L, 2, 2, 0.1f));
    }

    @ParameterizedTest
    @MethodSource("configs")
    void theDjlNetworkScoresAsThePlainJavaPass(RankingConfig config) throws Exception {
        ModelArtifact artifact = TinyModels.ranking(config, 3);
        try (RankingScorer java = RankingScorer.open(artifact, DevicePreference.CPU, CpuInference.JAVA);
                RankingScorer djl = RankingScorer.open(artifact, DevicePreference.CPU, CpuInference.DJL)) {
            assertTrue(java.runsInJava());
            assertFalse(djl.runsInJava());
            assertEquals("cpu", djl.deviceName());
            int[] candidates = {1, 7, 12, 3, 3};
            // longer than L (only the latest L are read), short, and empty
            for (int[] history : new int[][] {{2, 4, 6, 8, 10, 11, 9}, {5}, {}}) {
                assertArrayEquals(java.scores(history, candidates), djl.scores(history, candidates), 1e-5f);
            }
            assertEquals(0, djl.scores(new int[] {1}, new int[0]).length);
            assertThrows(IllegalArgumentException.class, () -> djl.scores(new int[] {N + 1}, candidates));
            assertThrows(IllegalArgumentException.class, () -> djl.scores(new int[] {1}, new int[] {0}));
            djl.close();
            assertThrows(IllegalStateException.class, () -> djl.scores(new int[] {1}, candidates));
            java.close(); // heap arrays only: it keeps scoring
            assertEquals(candidates.length, java.scores(new int[] {1}, candidates).length);
        }
    }

    @ParameterizedTest
    @EnumSource(CpuInference.class)
    void aRetrievalModelIsRefused(CpuInference cpu) {
        ArtifactException e = assertThrows(
                ArtifactException.class,
                () -> RankingScorer.open(TinyModels.sasrec(N, D, L, 1), DevicePreference.CPU, cpu));
        assertEquals("model type sasrec is not a ranking model (din, dien, bst)", e.getMessage());
    }
}
