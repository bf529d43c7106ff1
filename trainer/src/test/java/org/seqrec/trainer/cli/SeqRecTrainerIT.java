package org.seqrec.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.trainer.data.InputFormat;
import org.seqrec.trainer.synthetic.PlantedPatternData;

/**
 * The whole CLI on the CPU with the real PyTorch engine: generate planted data, train, check that
 * the written artifact learned the planted successors, and that {@code evaluate} reproduces the
 * test metrics {@code train} stored in the manifest.
 */
class SeqRecTrainerIT {
    @TempDir
    Path dir;

    private static String[] run(int expectedCode, String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(expectedCode, r.code(), "stdout:\n" + r.out() + "\nstderr:\n" + r.err());
        return new String[] {r.out(), r.err()};
    }

    @Test
    void trainsEvaluatesAndInspectsAPlantedPatternModel() throws Exception {
        PlantedPatternData planted = PlantedPatternData.generate(PlantedPatternData.Settings.defaults(7));
        Path log = dir.resolve("planted.csv");
        planted.log().write(log, InputFormat.CSV);
        Path model = dir.resolve("planted.seqrec");

        String[] train = run(
                0,
                "train",
                "--input",
                log.toString(),
                "--format",
                "csv",
                "--epochs",
                "6",
                "--dim",
                "32",
                "--max-len",
                "20",
                "--batch-size",
                "64",
                "--lr",
                "0.005",
                "--device",
                "cpu",
                "--threads",
                "2",
                "--seed",
                "3",
                "--out",
                model.toString());
        assertTrue(train[0].contains("training loss per epoch"), train[0]);
        assertTrue(train[1].contains("epoch 6/6"), train[1]);

        ModelArtifact artifact = ModelArtifact.read(model);
        Map<String, Object> metrics = artifact.manifest().metrics();
        assertEquals("csv", artifact.manifest().trainingData().get("format"));
        for (String key :
                List.of("test_full.ndcg@10", "test_full_excl_seen.hr@10", "test_sampled_100.mrr", "val_full.ndcg@10")) {
            assertTrue(metrics.get(key) instanceof Double, key + " missing in " + metrics.keySet());
        }
        JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("planted.seqrec.report.json")))
                .getAsJsonObject();
        assertEquals(6, report.getAsJsonArray("learning_curve").size());
        assertEquals(
                (Double) metrics.get("test_full.ndcg@10"),
                report.getAsJsonObject("test")
                        .getAsJsonObject("full")
                        .get("ndcg@10")
                        .getAsDouble(),
                1e-12);

        // the model predicts every planted successor from the chain item alone
        int learned = 0;
        Map<String, String> next = planted.plantedNext();
        try (SequenceEncoder encoder = SequenceEncoder.open(artifact, DevicePreference.CPU)) {
            for (Map.Entry<String, String> e : next.entrySet()) {
                float[] u = encoder.encode(List.of(e.getKey()));
                int best = 1;
                for (int r = 2; r <= artifact.vocabulary().size(); r++) {
                    if (artifact.itemEmbeddings().dot(u, r)
                            > artifact.itemEmbeddings().dot(u, best)) {
                        best = r;
                    }
                }
                if (artifact.vocabulary().idOf(best).equals(e.getValue())) {
                    learned++;
                }
            }
        }
        assertTrue(learned >= next.size() - 1, "learned " + learned + " of " + next.size() + " planted successors");

        // evaluate reads the log against the model's vocabulary and gets the numbers train stored
        Path results = dir.resolve("results.json");
        run(
                0,
                "evaluate",
                "--model",
                model.toString(),
                "--input",
                log.toString(),
                "--format",
                "csv",
                "--protocol",
                "sampled:100",
                "--seed",
                "3",
                "--device",
                "cpu",
                "--out",
                results.toString());
        JsonObject eval = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
        assertEquals(
                (Double) metrics.get("test_sampled_100.ndcg@10"),
                eval.getAsJsonObject("metrics")
                        .getAsJsonObject("sampled_100")
                        .get("ndcg@10")
                        .getAsDouble(),
                1e-9);

        String[] inspect = run(0, "inspect", model.toString());
        assertTrue(inspect[0].contains("best_epoch"), inspect[0]);
    }

    /**
     * Shoppers whose sessions (an hour or more apart) each walk the chain c, c+1, c+2, ... from a random
     * item: within a session the next item is certain, across sessions it is not. SR-GNN trained on the
     * sessions ({@code --sessions 30m}) learns the chain, and evaluate reads the log the same way.
     */
    @Test
    void trainsSrGnnOnSessionsCutAtGaps() throws Exception {
        Path log = dir.resolve("sessions.csv");
        StringBuilder csv = new StringBuilder("user,item,timestamp\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(5);
        int items = 12;
        int events = 0;
        for (int u = 0; u < 150; u++) {
            long time = 1_700_000_000L + random.nextInt(86_400);
            for (int session = 0; session < 3; session++) {
                int item = random.nextInt(items);
                int length = 3 + random.nextInt(6);
                for (int e = 0; e < length; e++) {
                    csv.append("u")
                            .append(u)
                            .append(",i")
                            .append((item + e) % items)
                            .append(",")
                            .append(time)
                            .append("\n");
                    time += 60 + random.nextInt(120);
                    events++;
                }
                time += 3600 + random.nextInt(86_400);
            }
        }
        Files.writeString(log, csv);
        Path model = dir.resolve("srgnn.seqrec");

        String[] train = run(
                0,
                "train",
                "--input",
                log.toString(),
                "--format",
                "csv",
                "--sessions",
                "30m",
                "--model",
                "srgnn",
                "--epochs",
                "30",
                "--dim",
                "16",
                "--max-len",
                "10",
                "--lr",
                "0.01",
                "--device",
                "cpu",
                "--seed",
                "3",
                "--out",
                model.toString());
        assertTrue(
                train[1].contains("450 users, 12 items, " + events + " interactions; 450 users have validation"),
                train[1]);

        ModelArtifact artifact = ModelArtifact.read(model);
        assertEquals("srgnn", artifact.manifest().modelType());
        assertEquals("30m", artifact.manifest().trainingData().get("sessions"));
        double mrr = (Double) artifact.manifest().metrics().get("test_full.mrr");
        assertTrue(mrr > 0.8, "test MRR on the sessions' certain next items: " + mrr + "\n" + train[1]);

        Path results = dir.resolve("results.json");
        run(
                0,
                "evaluate",
                "--model",
                model.toString(),
                "--input",
                log.toString(),
                "--format",
                "csv",
                "--sessions",
                "30m",
                "--device",
                "cpu",
                "--out",
                results.toString());
        JsonObject eval = JsonParser.parseString(Files.readString(results)).getAsJsonObject();
        assertEquals(
                mrr,
                eval.getAsJsonObject("metrics")
                        .getAsJsonObject("full")
                        .get("mrr")
                        .getAsDouble(),
                1e-9);

        Path sequences = Files.writeString(dir.resolve("seqs.txt"), "u1 i1 i2 i3\n");
        CliRun blind = CliRun.of(
                "train",
                "--input",
                sequences.toString(),
                "--format",
                "sequences",
                "--sessions",
                "30m",
                "--out",
                dir.resolve("x.seqrec").toString());
        assertEquals(2, blind.code(), blind.err());
        assertTrue(blind.err().contains("--sessions cuts the log at gaps between event times"), blind.err());
    }
}
