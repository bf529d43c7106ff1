package org.seqrec.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.SasRecConfig;
import org.seqrec.trainer.train.TrainingConfig;
import picocli.CommandLine;

/** The command line without training: exit codes, messages, generate and inspect. */
class SeqRecTrainerTests {
    @TempDir
    Path dir;

    @Test
    void helpAndVersionSucceed() {
        CliRun help = CliRun.of("--help");
        assertEquals(0, help.code());
        for (String sub : List.of("train", "evaluate", "inspect", "generate")) {
            assertTrue(help.out().contains(sub), help.out());
        }
        CliRun trainHelp = CliRun.of("train", "--help");
        assertEquals(0, trainHelp.code());
        assertTrue(trainHelp.out().contains("--max-len"), trainHelp.out());
        assertTrue(CliRun.of("--version").out().startsWith("seqrec-trainer "));
    }

    @Test
    void trainHelpNamesTheModelTypesFromTheRegistry() {
        String help = CliRun.of("train", "--help").out().replaceAll("\\s+", " ");
        assertTrue(
                help.contains(
                        "Network: sasrec (default), bsarec, gru4rec, caser, bert4rec, slirec or srgnn; a ranking network, which"
                                + " reranks a retrieval model's candidates: din, dien or bst; or a baseline fit by counting: "
                                + "pop (most popular) or markov (first-order Markov chain)."),
                help);
        assertTrue(help.contains("--blocks=N sasrec, bsarec, bert4rec, bst: transformer blocks (default: 2)."), help);
        assertTrue(help.contains("--layer-norm=P sasrec: pre or post layer norm in the blocks (default: pre)."), help);
        assertTrue(help.contains("--mask-prob=P bert4rec: probability that an item is masked (default: 0.2)."), help);
        assertTrue(
                help.contains(
                        "--epochs=N Most passes over the data; --patience usually ends a run sooner (default: 200)."),
                help);
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, CliRun.of().code());
        assertEquals(2, CliRun.of("frobnicate").code());
        CliRun missing = CliRun.of("train", "--format", "pairs", "--out", "m.seqrec");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--input"), missing.err());
        CliRun badFormat = CliRun.of("train", "--input", "x", "--format", "parquet", "--out", "m.seqrec");
        assertEquals(2, badFormat.code());
        assertTrue(badFormat.err().contains("format must be one of pairs, sequences, csv, tsv"), badFormat.err());
        CliRun badEpochs =
                CliRun.of("train", "--input", "x", "--format", "pairs", "--epochs", "0", "--out", "m.seqrec");
        assertEquals(2, badEpochs.code());
        assertTrue(badEpochs.err().contains("--epochs must be in 1..10000, got 0"), badEpochs.err());
        CliRun badDevice =
                CliRun.of("evaluate", "--model", "m", "--input", "x", "--format", "pairs", "--device", "tpu");
        assertEquals(2, badDevice.code());
        assertTrue(badDevice.err().contains("device must be one of auto, cpu, gpu"), badDevice.err());
        CliRun badProtocol =
                CliRun.of("evaluate", "--model", "m", "--input", "x", "--format", "pairs", "--protocol", "top");
        assertEquals(2, badProtocol.code());
        CliRun sameColumns = CliRun.of(
                "train",
                "--input",
                "x",
                "--format",
                "csv",
                "--user-col",
                "id",
                "--item-col",
                "id",
                "--out",
                dir.resolve("m.seqrec").toString());
        assertEquals(2, sameColumns.code());
        assertTrue(sameColumns.err().contains("must differ"), sameColumns.err());
        assertEquals(
                2,
                CliRun.of("generate", "--kind", "movies", "--out", dir.toString())
                        .code());
    }

    @Test
    void trainDefaultsMatchTrainingConfigDefaults() {
        CommandLine cl = SeqRecTrainer.commandLine();
        CommandLine.ParseResult pr = cl.parseArgs("train", "--input", "x", "--format", "pairs", "--out", "m.seqrec");
        TrainCommand t = pr.subcommand().commandSpec().commandLine().getCommand();
        assertEquals(TrainingConfig.defaults(), t.options.toConfig());
    }

    @Test
    void trainGivesEachModelTypeItsDefaultsUnlessTheFlagsNameOthers() {
        TrainingConfig caser = trainOptions("--model", "caser").toConfig();
        assertEquals(0.7f, caser.dropout());
        assertEquals(0.005f, caser.learningRate());
        assertEquals(0.0005f, caser.weightDecay());
        TrainingConfig named = trainOptions(
                        "--model", "caser", "--dropout", "0.2", "--lr", "0.001", "--weight-decay", "0")
                .toConfig();
        assertEquals(0.2f, named.dropout());
        assertEquals(0.001f, named.learningRate());
        assertEquals(0f, named.weightDecay());
        TrainingConfig gru = trainOptions("--model", "gru4rec").toConfig();
        assertEquals(0.3f, gru.dropout());
        assertEquals(0.002f, gru.learningRate());
        assertEquals(0f, gru.weightDecay());
        CliRun help = CliRun.of("train", "--help");
        assertTrue(help.out().contains("(default: 0.2; gru4rec 0.3, caser"), help.out());
    }

    private static TrainOptions trainOptions(String... flags) {
        List<String> args = new ArrayList<>(List.of("train", "--input", "x", "--format", "pairs", "--out", "m.seqrec"));
        args.addAll(List.of(flags));
        CommandLine.ParseResult pr = SeqRecTrainer.commandLine().parseArgs(args.toArray(String[]::new));
        TrainCommand t = pr.subcommand().commandSpec().commandLine().getCommand();
        return t.options;
    }

    @Test
    void trainRefusesOptionsOfAnotherModelOrLossAndAResumeWithoutCheckpoint() {
        String out = dir.resolve("m.seqrec").toString();
        CliRun window = CliRun.of("train", "--input", "x", "--format", "pairs", "--window", "3", "--out", out);
        assertEquals(2, window.code());
        assertTrue(window.err().contains("--window applies to caser only; got --model sasrec --loss ce"), window.err());
        CliRun negatives = CliRun.of(
                "train", "--input", "x", "--format", "pairs", "--loss", "bce", "--negatives", "5", "--out", out);
        assertEquals(2, negatives.code());
        assertTrue(negatives.err().contains("--negatives applies to sampled-ce, gbce only"), negatives.err());
        CliRun badT = CliRun.of(
                "train", "--input", "x", "--format", "pairs", "--loss", "gbce", "--gbce-t", "2", "--out", out);
        assertTrue(badT.err().contains("--gbce-t must be in [0.0, 1.0], got 2.0"), badT.err());
        CliRun resume = CliRun.of(
                "train",
                "--input",
                "x",
                "--format",
                "pairs",
                "--checkpoint-dir",
                dir.toString(),
                "--resume",
                "--out",
                out);
        assertEquals(2, resume.code());
        assertTrue(resume.err().contains("--resume: no checkpoint at " + dir.resolve("checkpoint.zip")), resume.err());
    }

    @Test
    void otherFailuresExitWithOneAndOneLine() {
        Path missing = dir.resolve("missing.txt");
        CliRun r = CliRun.of(
                "train",
                "--input",
                missing.toString(),
                "--format",
                "pairs",
                "--out",
                dir.resolve("m.seqrec").toString());
        assertEquals(1, r.code());
        assertEquals(
                "seqrec-trainer train: error: input file " + missing
                        + " does not exist (--verbose shows the stack trace)\n",
                r.err().replace("\r\n", "\n"));

        CliRun verbose = CliRun.of("inspect", "--verbose", missing.toString());
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("artifact file not found"), verbose.err());
        assertTrue(verbose.err().contains("\tat org.seqrec"), "stack trace expected: " + verbose.err());
    }

    @Test
    void generateWritesDeterministicFiles() throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        CliRun ra = CliRun.of("generate", "--kind", "shop", "--out", a.toString(), "--seed", "3", "--users", "50");
        assertEquals(0, ra.code(), ra.err());
        assertEquals(
                0,
                CliRun.of("generate", "--kind", "shop", "--out", b.toString(), "--seed", "3", "--users", "50")
                        .code());
        for (String f : List.of("shop-events.csv", "catalogue.ndjson", "catalogue-bulk.ndjson")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        assertTrue(Files.readString(a.resolve("shop-events.csv")).startsWith("user,item,timestamp\n"));
        assertTrue(ra.out().contains("--format csv"), ra.out());

        CliRun planted = CliRun.of("generate", "--kind", "planted", "--out", a.toString(), "--format", "sequences");
        assertEquals(0, planted.code(), planted.err());
        assertEquals(600, Files.readAllLines(a.resolve("planted.txt")).size());
        assertEquals(
                "p0_0 p0_1 p0_2",
                Files.readAllLines(a.resolve("planted-chains.txt")).get(0));
    }

    @Test
    void inspectPrintsManifestEntriesAndRejectsTamperedFiles() throws Exception {
        // readable, not runnable: inspect never builds the network
        SasRecConfig config = new SasRecConfig(3, 2, 5, 1, 1, 0.1f);
        Manifest manifest = new Manifest(
                Manifest.FORMAT_VERSION,
                SasRecConfig.MODEL_TYPE,
                config.toHyperParameters(),
                2,
                5,
                3,
                Map.of(),
                Map.of("users", 10),
                Map.of("test_full.ndcg@10", 0.25),
                "2026-01-01T00:00:00Z",
                "test");
        ModelArtifact artifact = ModelArtifact.builder()
                .setManifest(manifest)
                .setVocabulary(ItemVocabulary.of(List.of("a", "b", "c")))
                .setItemEmbeddings(new FloatTensor(new long[] {4, 2}, new float[8]))
                .addParameter("block0.w", new FloatTensor(new long[] {2, 2}, new float[4]))
                .build();
        Path file = dir.resolve("m.seqrec");
        artifact.write(file);

        CliRun r = CliRun.of("inspect", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("model type:      sasrec"), r.out());
        assertTrue(r.out().contains("items:           3 (embedding rows 4 incl. padding)"), r.out());
        assertTrue(r.out().matches("(?s).*test_full.ndcg@10\\s+0.25\\n.*"), r.out());
        assertTrue(r.out().matches("(?s).*item_embeddings.npy\\s+[0-9a-f]{64}.*"), r.out());
        assertTrue(r.out().matches("(?s).*block0.w\\s+\\[2, 2\\].*"), r.out());
        assertTrue(r.out().contains("total 12 float32 values"), r.out());

        CliRun json = CliRun.of("inspect", "--json", file.toString());
        assertEquals(0, json.code());
        assertTrue(json.out().contains("\"model_type\": \"sasrec\""), json.out());

        byte[] bytes = Files.readAllBytes(file);
        Path truncated = dir.resolve("truncated.seqrec");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        CliRun bad = CliRun.of("inspect", truncated.toString());
        assertEquals(1, bad.code());
        assertTrue(bad.err().startsWith("seqrec-trainer inspect: error: "), bad.err());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
    }
}
