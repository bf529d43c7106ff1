package org.seqrec.encoder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.testing.CountArtifacts;

/** The encoder serving the counting baselines (fixture: {@link CountArtifacts}). */
class CountModelEncoderTests {
    private static final double EPS = CountArtifacts.EPSILON;

    @TempDir
    Path dir;

    @Test
    void popGivesEveryHistoryTheSameVectorAndScoresByLogCount() throws Exception {
        ModelArtifact a = CountArtifacts.pop();
        try (SequenceEncoder enc = SequenceEncoder.open(a, DevicePreference.GPU)) {
            assertEquals("cpu", enc.deviceName(), "baselines are computed in Java whatever the device");
            float[][] u = enc.encodeBatch(List.of(List.of("a", "b"), List.of(), List.of("unknown")));
            for (float[] v : u) {
                assertArrayEquals(new float[] {1f}, v);
            }
            assertEquals(List.of("c", "a", "b", "d"), ranking(a, u[0]));
        }
    }

    @Test
    void markovScoresTheSuccessorsOfTheLastKnownItem() throws Exception {
        ModelArtifact a = CountArtifacts.markov();
        try (SequenceEncoder enc = SequenceEncoder.open(a, DevicePreference.AUTO)) {
            assertEquals("cpu", enc.deviceName());
            float[] u = enc.encode(List.of("c", "a", "nope"));
            assertEquals(5, u.length);
            // a -> b twice, a -> c once; popularity a 3, b 2, c 4, d 1 (max 4)
            assertArrayEquals(
                    new float[] {
                        0f,
                        (float) (EPS * 3 / 4),
                        (float) (2.0 / 3 + EPS * 2 / 4),
                        (float) (1.0 / 3 + EPS),
                        (float) (EPS / 4)
                    },
                    u,
                    1e-7f);
            assertEquals(List.of("b", "c", "a", "d"), ranking(a, u));
        }
    }

    @Test
    void markovFallsBackToPopularity() throws Exception {
        ModelArtifact a = CountArtifacts.markov();
        try (SequenceEncoder enc = SequenceEncoder.open(a, DevicePreference.CPU)) {
            List<String> popularity = List.of("c", "a", "b", "d");
            assertEquals(popularity, ranking(a, enc.encode(List.of())), "empty history");
            assertEquals(popularity, ranking(a, enc.encode(List.of("unknown"))), "no known item");
            assertEquals(popularity, ranking(a, enc.encode(List.of("a", "d"))), "last item without successors");
            // b -> d only: the least popular item first, then the unseen ones by popularity
            assertEquals(List.of("d", "c", "a", "b"), ranking(a, enc.encode(List.of("b"))));
        }
    }

    @Test
    void writtenAndReadArtifactsScoreTheSame() throws Exception {
        for (ModelArtifact a : List.of(CountArtifacts.pop(), CountArtifacts.markov())) {
            Path file = dir.resolve(a.manifest().modelType() + ".seqrec");
            a.write(file);
            ModelArtifact b = ModelArtifact.read(file);
            int[][] rows = {{}, {1}, {3, 1}, {2}, {4}};
            try (SequenceEncoder ea = SequenceEncoder.open(a, DevicePreference.CPU);
                    SequenceEncoder eb = SequenceEncoder.open(b, DevicePreference.CPU)) {
                float[][] ua = ea.encodeRows(rows);
                float[][] ub = eb.encodeRows(rows);
                for (int i = 0; i < rows.length; i++) {
                    assertArrayEquals(
                            a.itemEmbeddings().dotAll(ua[i]), b.itemEmbeddings().dotAll(ub[i]), 0f);
                }
            }
        }
    }

    @Test
    void unknownModelTypeListsEveryServedType() throws Exception {
        ModelArtifact a = CountArtifacts.pop();
        ModelArtifact other = a.withManifest(CountArtifacts.manifest("itemknn", java.util.Map.of(), 1));
        var e = assertThrows(
                org.seqrec.artifact.ArtifactException.class, () -> SequenceEncoder.open(other, DevicePreference.CPU));
        assertTrue(e.getMessage().contains("sasrec") && e.getMessage().contains("markov"), e.getMessage());
    }

    @Test
    void closedEncoderRefusesWork() throws Exception {
        SequenceEncoder enc = SequenceEncoder.open(CountArtifacts.markov(), DevicePreference.CPU);
        enc.close();
        assertThrows(IllegalStateException.class, () -> enc.encode(List.of("a")));
    }

    /** Item ids best first by u . E[row]; ties keep row order. */
    private static List<String> ranking(ModelArtifact a, float[] u) {
        float[] scores = a.itemEmbeddings().dotAll(u);
        return IntStream.rangeClosed(1, a.vocabulary().size())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer r) -> -scores[r]))
                .map(r -> a.vocabulary().idOf(r))
                .toList();
    }
}
