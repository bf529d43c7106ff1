package org.seqrec.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.ModelTypes;

/** {@code train --model bst --retrieval} and {@code --warm-start} through the real command line. */
class RankingCommandTests {
    @TempDir
    Path dir;

    private Path log;
    private Path sasrec;

    /** A sequences log of short chains and a small SASRec trained on it. */
    @BeforeEach
    void sasrec() throws Exception {
        Random random = new Random(4);
        StringBuilder text = new StringBuilder();
        for (int u = 0; u < 120; u++) {
            text.append("u").append(u);
            int start = random.nextInt(20);
            for (int i = 0; i < 5; i++) {
                text.append(" i").append((start + i) % 20);
            }
            text.append('\n');
        }
        log = dir.resolve("log.txt");
        Files.writeString(log, text, StandardCharsets.UTF_8);
        sasrec = dir.resolve("sasrec.seqrec");
        CliRun run = train("sasrec", sasrec);
        assertEquals(0, run.code(), run.err());
    }

    private CliRun train(String model, Path out, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "train",
                "--input",
                log.toString(),
                "--format",
                "sequences",
                "--model",
                model,
                "--epochs",
                "2",
                "--dim",
                "8",
                "--max-len",
                "5",
                "--threads",
                "1",
                "--device",
                "cpu",
                "--out",
                out.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(new String[0]));
    }

    /**
     * With --retrieval a SASRec of its shape, bst starts from its weights by default, at a tenth of the
     * default learning rate unless --lr is given, and says so.
     */
    @Test
    void bstStartsFromTheRetrievalModelByDefault() throws Exception {
        Path out = dir.resolve("bst.seqrec");
        CliRun run = train("bst", out, "--retrieval", sasrec.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("bst starts from the weights of " + sasrec + " (--lr 0.0001)"), run.err());
        assertEquals("bst", ModelArtifact.read(out).manifest().modelType());

        CliRun faster = train("bst", dir.resolve("lr.seqrec"), "--retrieval", sasrec.toString(), "--lr", "0.02");
        assertEquals(0, faster.code(), faster.err());
        assertTrue(faster.err().contains("(--lr 0.02)"), faster.err());

        CliRun fresh = train("bst", dir.resolve("fresh.seqrec"), "--retrieval", sasrec.toString(), "--no-warm-start");
        assertEquals(0, fresh.code(), fresh.err());
        assertFalse(fresh.err().contains("starts from the weights"), fresh.err());
    }

    /**
     * With --item-features, bst warm-starts from a SASRec trained with them and starts exactly at its
     * ranking (F at 0, the SASRec's E' as E): at a learning rate too small to move anything, the
     * ranker's scores are the SASRec's dot products. The artifact carries the features.
     */
    @Test
    void bstWithItemFeaturesStartsExactlyFromASasRecWithThem() throws Exception {
        StringBuilder csv = new StringBuilder("item,group\n");
        for (int i = 0; i < 20; i++) {
            csv.append('i').append(i).append(",g").append(i % 4).append('\n');
        }
        Path features = dir.resolve("features.csv");
        Files.writeString(features, csv, StandardCharsets.UTF_8);
        String[] withFeatures = {"--item-features", features.toString(), "--feature-cols", "group"};
        Path sasrecWith = dir.resolve("sasrec-f.seqrec");
        CliRun base = train("sasrec", sasrecWith, withFeatures);
        assertEquals(0, base.code(), base.err());

        Path out = dir.resolve("bst-f.seqrec");
        List<String> extra = new ArrayList<>(List.of(withFeatures));
        extra.addAll(List.of("--retrieval", sasrecWith.toString(), "--lr", "0.000000001"));
        CliRun run = train("bst", out, extra.toArray(new String[0]));
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("bst starts from the weights of " + sasrecWith), run.err());
        ModelArtifact bst = ModelArtifact.read(out);
        assertEquals(List.of("group"), bst.manifest().hyperParameters().get("feature_fields"));
        assertTrue(bst.features().isPresent());

        ModelArtifact retrieval = ModelArtifact.read(sasrecWith);
        int[] history = {
            retrieval.vocabulary().rowOf("i3"), retrieval.vocabulary().rowOf("i4")
        };
        int[] candidates = {
            retrieval.vocabulary().rowOf("i5"), retrieval.vocabulary().rowOf("i9")
        };
        float[] user = ModelTypes.cpuNetwork(retrieval).userVector(history);
        float[] scores = ModelTypes.cpuRanking(bst).scores(history, candidates);
        for (int c = 0; c < candidates.length; c++) {
            float[] e = retrieval.itemEmbeddings().row(candidates[c]);
            float dot = 0;
            for (int j = 0; j < e.length; j++) {
                dot += user[j] * e[j];
            }
            assertEquals(dot, scores[c], 1e-3f * Math.max(1f, Math.abs(dot)));
        }
    }

    @Test
    void aWarmStartThatCannotBeIsAUsageError() throws Exception {
        CliRun wider = train("bst", dir.resolve("a.seqrec"), "--retrieval", sasrec.toString(), "--heads", "2");
        assertEquals(2, wider.code(), wider.err());
        assertTrue(wider.err().contains("--warm-start: bst starts from a sasrec of its own shape"), wider.err());
        assertTrue(wider.err().contains("--no-warm-start trains bst from scratch"), wider.err());

        CliRun din = train("din", dir.resolve("b.seqrec"), "--retrieval", sasrec.toString(), "--warm-start");
        assertEquals(2, din.code(), din.err());
        assertTrue(din.err().contains("din cannot start from a retrieval model's weights"), din.err());

        CliRun alone = train("bst", dir.resolve("c.seqrec"), "--warm-start");
        assertEquals(2, alone.code(), alone.err());
        assertTrue(alone.err().contains("--warm-start starts from the --retrieval model"), alone.err());

        CliRun retrieval = train("sasrec", dir.resolve("d.seqrec"), "--warm-start");
        assertEquals(2, retrieval.code(), retrieval.err());
        assertTrue(retrieval.err().contains("--warm-start applies to bst"), retrieval.err());
        assertFalse(Files.exists(dir.resolve("a.seqrec")));
    }
}
