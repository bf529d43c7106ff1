package org.seqrec.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.ModelArtifact;

/** {@code train --item-features} and {@code cold-start} through the real command line. */
class FeatureCommandTests {
    @TempDir
    Path dir;

    /** A sequences log where item i is followed by an item of the same brand, and brands in a CSV. */
    private Path[] files() throws Exception {
        Random random = new Random(9);
        StringBuilder log = new StringBuilder();
        for (int u = 0; u < 200; u++) {
            log.append("u").append(u);
            int brand = random.nextInt(4);
            for (int i = 0; i < 6; i++) {
                log.append(' ').append("b").append(brand).append("-").append(random.nextInt(6));
            }
            log.append('\n');
        }
        StringBuilder csv = new StringBuilder("sku,brand,colour\n");
        for (int b = 0; b < 4; b++) {
            for (int i = 0; i < 6; i++) {
                csv.append("b")
                        .append(b)
                        .append("-")
                        .append(i)
                        .append(",brand")
                        .append(b)
                        .append(",c")
                        .append(i % 2)
                        .append('\n');
            }
        }
        Path logFile = dir.resolve("log.txt");
        Path features = dir.resolve("features.csv");
        Files.writeString(logFile, log, StandardCharsets.UTF_8);
        Files.writeString(features, csv, StandardCharsets.UTF_8);
        return new Path[] {logFile, features};
    }

    @Test
    void trainWritesTheFeaturesIntoTheArtifact() throws Exception {
        Path[] f = files();
        Path model = dir.resolve("m.seqrec");
        CliRun run = CliRun.of(
                "train",
                "--input",
                f[0].toString(),
                "--format",
                "sequences",
                "--item-features",
                f[1].toString(),
                "--feature-item-col",
                "sku",
                "--feature-cols",
                "brand",
                "--epochs",
                "1",
                "--dim",
                "8",
                "--max-len",
                "6",
                "--threads",
                "1",
                "--device",
                "cpu",
                "--out",
                model.toString());
        assertEquals(0, run.code(), run.err());
        ModelArtifact a = ModelArtifact.read(model);
        assertEquals(
                java.util.List.of("brand"),
                a.features().orElseThrow().features().fields());
        assertEquals(4, a.features().orElseThrow().features().numValues());
    }

    @Test
    void badFeatureInputIsAClearError() throws Exception {
        Path[] f = files();
        Path model = dir.resolve("m.seqrec");
        CliRun unknown = CliRun.of(
                "train",
                "--input",
                f[0].toString(),
                "--format",
                "sequences",
                "--item-features",
                f[1].toString(),
                "--feature-item-col",
                "sku",
                "--feature-cols",
                "size",
                "--epochs",
                "1",
                "--out",
                model.toString());
        assertEquals(1, unknown.code());
        assertTrue(
                unknown.err().contains("unknown feature column 'size'; the header has [sku, brand, colour]"),
                unknown.err());
        CliRun orphan = CliRun.of(
                "train",
                "--input",
                f[0].toString(),
                "--format",
                "sequences",
                "--feature-id-dropout",
                "0.2",
                "--out",
                model.toString());
        assertEquals(2, orphan.code());
        assertTrue(orphan.err().contains("--feature-id-dropout needs --item-features"), orphan.err());
        Path other = dir.resolve("other.json");
        Files.writeString(other, "{\"x\": [1]}", StandardCharsets.UTF_8);
        CliRun mismatch = CliRun.of(
                "train",
                "--input",
                f[0].toString(),
                "--format",
                "sequences",
                "--item-features",
                other.toString(),
                "--out",
                model.toString());
        assertEquals(1, mismatch.code());
        assertTrue(mismatch.err().contains("none of its 1 items is in the interaction log"), mismatch.err());
    }

    @Test
    void coldStartPrintsTheTableAndWritesTheReport() throws Exception {
        Path[] f = files();
        Path model = dir.resolve("cold.seqrec");
        CliRun run = CliRun.of(
                "cold-start",
                "--input",
                f[0].toString(),
                "--format",
                "sequences",
                "--item-features",
                f[1].toString(),
                "--feature-item-col",
                "sku",
                "--hold-out",
                "0.25",
                "--epochs",
                "2",
                "--dim",
                "8",
                "--max-len",
                "6",
                "--threads",
                "1",
                "--device",
                "cpu",
                "--out",
                model.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("features-only embeddings"), run.out());
        assertTrue(run.out().contains("popularity, all interactions (oracle)"), run.out());
        assertTrue(Files.exists(dir.resolve("cold.seqrec.cold-start.json")));
        assertTrue(ModelArtifact.read(model).manifest().metrics().containsKey("cold_full.ndcg@10"));
    }
}
