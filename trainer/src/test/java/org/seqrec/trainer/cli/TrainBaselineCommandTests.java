package org.seqrec.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.trainer.data.InputFormat;
import org.seqrec.trainer.synthetic.PlantedPatternData;

/** {@code train --model pop|markov} end to end, then {@code evaluate} and {@code inspect} on the result. */
class TrainBaselineCommandTests {
    @TempDir
    Path dir;

    @Test
    void trainsEvaluatesAndInspectsMarkov() throws Exception {
        Path log = dir.resolve("planted.txt");
        PlantedPatternData.generate(PlantedPatternData.Settings.defaults(2))
                .log()
                .write(log, InputFormat.SEQUENCES);
        Path model = dir.resolve("markov.seqrec");
        CliRun train = CliRun.of(
                "train",
                "--model",
                "markov",
                "--input",
                log.toString(),
                "--format",
                "sequences",
                "--threads",
                "1",
                "--out",
                model.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("seqrec-trainer train: markov"), train.out());
        assertTrue(train.out().contains("full_excl_seen"), train.out());
        String report = Files.readString(dir.resolve("markov.seqrec.report.json"));
        assertTrue(report.contains("\"model\": \"markov\"") && report.contains("\"learning_curve\""), report);
        ModelArtifact artifact = ModelArtifact.read(model);
        assertTrue(artifact.manifest().metrics().containsKey("test_full.ndcg@10"));
        assertTrue(artifact.manifest().metrics().containsKey("val_full.ndcg@10"));
        assertTrue(artifact.manifest().metrics().containsKey("test_sampled_100.hr@10"));

        CliRun evaluate = CliRun.of(
                "evaluate",
                "--model",
                model.toString(),
                "--input",
                log.toString(),
                "--format",
                "sequences",
                "--threads",
                "1");
        assertEquals(0, evaluate.code(), evaluate.err());
        CliRun inspect = CliRun.of("inspect", model.toString());
        assertEquals(0, inspect.code(), inspect.err());
        assertTrue(inspect.out().contains("model type:      markov"), inspect.out());
        assertTrue(inspect.out().contains("params/transitions_indptr.npy"), inspect.out());
    }

    @Test
    void trainsPop() throws Exception {
        Path log = dir.resolve("planted.txt");
        PlantedPatternData.generate(PlantedPatternData.Settings.defaults(3))
                .log()
                .write(log, InputFormat.SEQUENCES);
        Path model = dir.resolve("pop.seqrec");
        CliRun train = CliRun.of(
                "train",
                "--model",
                "pop",
                "--input",
                log.toString(),
                "--format",
                "sequences",
                "--seed",
                "3",
                "--out",
                model.toString());
        assertEquals(0, train.code(), train.err());
        assertEquals("pop", ModelArtifact.read(model).manifest().modelType());
    }

    @Test
    void refusesNetworkOptionsForBaselines() {
        String out = dir.resolve("m.seqrec").toString();
        CliRun epochs = CliRun.of(
                "train", "--model", "pop", "--input", "x", "--format", "pairs", "--epochs", "3", "--out", out);
        assertEquals(2, epochs.code());
        assertTrue(
                epochs.err()
                        .contains(
                                "--epochs applies to sasrec, bsarec, gru4rec, caser, bert4rec, slirec, srgnn, din, dien, bst only; got --model pop"),
                epochs.err());
        CliRun loss = CliRun.of(
                "train", "--model", "markov", "--input", "x", "--format", "pairs", "--loss", "bce", "--out", out);
        assertEquals(2, loss.code());
        assertTrue(loss.err().contains("--loss applies to sasrec"), loss.err());
        CliRun dim = CliRun.of(
                "train", "--model", "markov", "--input", "x", "--format", "pairs", "--dim", "8", "--out", out);
        assertEquals(2, dim.code());
        CliRun window = CliRun.of(
                "train", "--model", "markov", "--input", "x", "--format", "pairs", "--window", "3", "--out", out);
        assertEquals(2, window.code());
    }
}
