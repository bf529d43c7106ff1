package org.seqrec.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.trainer.cli.CliRun;
import org.seqrec.trainer.data.InputFormat;
import org.seqrec.trainer.synthetic.PlantedPatternData;

/**
 * {@code seqrec-trainer benchmark} end to end on the CPU with the real PyTorch engine: two tiny
 * configurations on planted data, then results.json, results.md, both charts and the kept models.
 */
class BenchmarkCommandTests {
    @TempDir
    Path dir;

    private Path plantedLog() throws Exception {
        PlantedPatternData planted =
                PlantedPatternData.generate(new PlantedPatternData.Settings(300, 60, 6, 3, 8, 20, 0.3, 11));
        Path log = dir.resolve("planted.txt");
        planted.log().write(log, InputFormat.PAIRS);
        return log;
    }

    @Test
    void runsTwoConfigurationsAndWritesEveryOutput() throws Exception {
        Path log = plantedLog();
        Path configs = Files.writeString(dir.resolve("configs.json"), """
                [{"name": "sasrec-ce", "model": "sasrec", "loss": "ce", "epochs": 2, "dim": 16, "max_len": 20,
                  "learning_rate": 0.005},
                 {"name": "gru-sce", "model": "gru4rec", "loss": "sampled-ce", "negatives": 20, "epochs": 1,
                  "dim": 16, "max_len": 20},
                 {"name": "skipped", "model": "caser", "epochs": 1},
                 {"name": "pop", "model": "pop"}]""");
        Path published = Files.writeString(dir.resolve("published.json"), """
                {"source": "a paper", "protocol": "sampled:50",
                 "rows": [{"model": "Ref", "hr@10": 0.5, "ndcg@10": 0.3}]}""");
        Path out = dir.resolve("out");

        CliRun r = CliRun.of(
                "benchmark",
                "--input",
                log.toString(),
                "--format",
                "pairs",
                "--configs",
                configs.toString(),
                "--out",
                out.toString(),
                "--published",
                published.toString(),
                "--threads",
                "1",
                "--seed",
                "3",
                "--device",
                "cpu",
                "--keep-models",
                "--only",
                "sasrec-ce,gru-sce,pop");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("[1/3] sasrec-ce: sasrec, loss ce, 2 epochs"), r.err());
        assertTrue(r.err().contains("epoch 2/2"), r.err());
        assertTrue(r.err().contains("[2/3] gru-sce done: 1 epochs"), r.err());

        JsonObject json = JsonParser.parseString(Files.readString(out.resolve("results.json")))
                .getAsJsonObject();
        JsonObject env = json.getAsJsonObject("environment");
        assertEquals(1, env.get("threads").getAsInt());
        assertEquals("cpu", env.get("device").getAsString());
        assertEquals("2.7.1", env.get("pytorch").getAsString());
        for (String key : List.of("cpu", "os", "jvm", "djl", "trainer", "date")) {
            assertFalse(env.get(key).getAsString().isBlank(), key);
        }
        assertTrue(env.get("cores").getAsInt() >= 1);
        JsonObject dataset = json.getAsJsonObject("dataset");
        assertEquals(log.toString(), dataset.get("path").getAsString());
        assertEquals("pairs", dataset.get("format").getAsString());
        assertEquals(300, dataset.get("users").getAsInt());
        assertEquals(300, dataset.get("evaluated_users").getAsInt());
        assertTrue(dataset.get("items").getAsInt() > 60
                && dataset.get("interactions").getAsLong() >= 300 * 8);
        JsonObject protocols = json.getAsJsonObject("protocols");
        assertEquals("full", protocols.get("headline").getAsString());
        assertEquals(3, protocols.get("seed").getAsLong());
        assertEquals(
                List.of("full", "full_excl_seen", "sampled_100", "sampled_50"),
                List.copyOf(protocols.getAsJsonObject("variants").keySet()));

        JsonArray results = json.getAsJsonArray("configurations");
        assertEquals(3, results.size());
        JsonObject sasrec = results.get(0).getAsJsonObject();
        assertEquals("sasrec-ce", sasrec.get("name").getAsString());
        assertEquals("ok", sasrec.get("status").getAsString());
        JsonObject hyper = sasrec.getAsJsonObject("hyper_parameters");
        assertEquals(2, hyper.get("epochs").getAsInt());
        assertEquals(3, hyper.get("seed").getAsLong());
        assertEquals(0.005, hyper.get("learning_rate").getAsDouble(), 1e-6);
        JsonArray curve = sasrec.getAsJsonArray("learning_curve");
        assertEquals(2, curve.size());
        JsonObject epoch2 = curve.get(1).getAsJsonObject();
        assertEquals(2, epoch2.get("epoch").getAsInt());
        for (String key : List.of("loss", "seconds", "val_full.ndcg@10")) {
            assertTrue(Double.isFinite(epoch2.get(key).getAsDouble()), key + " in " + epoch2);
        }
        int best = sasrec.get("best_epoch").getAsInt();
        assertTrue(best == 1 || best == 2, "best epoch " + best);
        assertFalse(sasrec.get("stopped_early").getAsBoolean());
        assertTrue(sasrec.get("train_seconds").getAsDouble() > 0);
        JsonObject test = sasrec.getAsJsonObject("test");
        assertEquals(List.of("full", "full_excl_seen", "sampled_100", "sampled_50"), List.copyOf(test.keySet()));
        for (String metric : List.of("hr@5", "hr@10", "hr@20", "ndcg@5", "ndcg@10", "ndcg@20", "mrr")) {
            double v = test.getAsJsonObject("full").get(metric).getAsDouble();
            assertTrue(v >= 0 && v <= 1, metric + " " + v);
        }
        assertEquals(300, test.getAsJsonObject("sampled_50").get("cases").getAsInt());
        assertEquals(
                1,
                results.get(1)
                        .getAsJsonObject()
                        .getAsJsonArray("learning_curve")
                        .size());
        JsonObject ref = json.getAsJsonObject("published");
        assertEquals("sampled:50", ref.get("protocol").getAsString());

        // the kept model carries the same test numbers as results.json
        ModelArtifact kept = ModelArtifact.read(out.resolve("sasrec-ce.seqrec"));
        assertEquals(
                test.getAsJsonObject("full").get("ndcg@10").getAsDouble(),
                (Double) kept.manifest().metrics().get("test_full.ndcg@10"),
                1e-12);
        assertTrue(Files.exists(out.resolve("gru-sce.seqrec")));
        assertFalse(Files.exists(out.resolve("skipped.seqrec")));

        String md = Files.readString(out.resolve("results.md"));
        assertEquals(md, r.out());
        assertTrue(
                md.contains("| configuration | model | loss | epochs run / best | train time | HR@10 `full` | NDCG@10"
                        + " `full` | NDCG@10 `full_excl_seen` | NDCG@10 `sampled_100` | NDCG@10 `sampled_50` |"),
                md);
        String sasrecRow = row(md, "| sasrec-ce | sasrec | ce | 2 / " + best + " | ");
        assertTrue(
                sasrecRow.endsWith(String.format(
                        java.util.Locale.ROOT,
                        "| %.4f | %.4f | %.4f | %.4f | %.4f |",
                        test.getAsJsonObject("full").get("hr@10").getAsDouble(),
                        test.getAsJsonObject("full").get("ndcg@10").getAsDouble(),
                        test.getAsJsonObject("full_excl_seen").get("ndcg@10").getAsDouble(),
                        test.getAsJsonObject("sampled_100").get("ndcg@10").getAsDouble(),
                        test.getAsJsonObject("sampled_50").get("ndcg@10").getAsDouble())),
                sasrecRow);
        row(md, "| gru-sce | gru4rec | sampled-ce | 1 / 1 | ");
        row(md, "| pop | pop | - | 1 / 1 | ");
        assertTrue(md.contains("| model | source | HR@10 | NDCG@10 |"), md);
        assertTrue(md.contains("| Ref | (above) | 0.5000 | 0.3000 |"), md);
        row(md, "| **seqrec sasrec-ce** | this run | ");
        assertTrue(md.contains("`--threads 1`"), md);

        for (String png : List.of("ndcg_per_epoch.png", "train_time.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertNotNull(image, png);
            assertTrue(image.getWidth() > 0 && image.getHeight() > 0, png);
        }
    }

    @Test
    void badConfigurationsStopBeforeAnythingIsRead() throws Exception {
        Path configs = Files.writeString(
                dir.resolve("configs.json"), "[{\"name\": \"s\", \"model\": \"sasrec\", \"window\": 3}]");
        Path out = dir.resolve("out");
        CliRun r = CliRun.of(
                "benchmark",
                "--input",
                dir.resolve("missing.txt").toString(),
                "--format",
                "pairs",
                "--configs",
                configs.toString(),
                "--out",
                out.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(
                r.err()
                        .contains("--configs: configs.json: configuration #1 ('s'): key 'window' applies to caser"
                                + " only; got model sasrec, loss ce"),
                r.err());
        assertFalse(Files.exists(out));

        Files.writeString(configs, "[{\"name\": \"p\", \"model\": \"pop\", \"epochs\": 3}]");
        CliRun baseline = CliRun.of(
                "benchmark",
                "--input",
                dir.resolve("missing.txt").toString(),
                "--format",
                "pairs",
                "--configs",
                configs.toString(),
                "--out",
                out.toString());
        assertEquals(2, baseline.code(), baseline.err());
        assertTrue(
                baseline.err()
                        .contains("configuration #1 ('p'): key 'epochs' applies to sasrec, bsarec, gru4rec,"
                                + " caser, bert4rec, slirec, srgnn, din, dien, bst only; got model pop"),
                baseline.err());
    }

    @Test
    void theDocumentedConfigurationsAreValid() throws Exception {
        Path docs = Path.of("..", "docs", "benchmarks").toAbsolutePath();
        for (String set : List.of("beauty", "games")) {
            // valid configurations and published numbers: the run gets as far as reading the (missing) log
            CliRun r = CliRun.of(
                    "benchmark",
                    "--input",
                    dir.resolve("missing.txt").toString(),
                    "--format",
                    "sequences",
                    "--configs",
                    docs.resolve(set + "-configs.json").toString(),
                    "--published",
                    docs.resolve(set + "-published.json").toString(),
                    "--out",
                    dir.resolve(set).toString());
            assertEquals(1, r.code(), r.err());
            assertTrue(r.err().contains("missing.txt"), r.err());
        }
    }

    /** The line of {@code md} starting with {@code prefix}. */
    private static String row(String md, String prefix) {
        return md.lines()
                .filter(l -> l.startsWith(prefix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row starting with " + prefix + " in\n" + md));
    }
}
