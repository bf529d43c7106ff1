package org.seqrec.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.trainer.eval.EvaluationProtocol;
import org.seqrec.trainer.eval.EvaluationResult;
import org.seqrec.trainer.eval.RankingMetrics;
import org.seqrec.trainer.train.EpochRecord;
import org.seqrec.trainer.train.TrainingConfig;

/** results.md, results.json and the charts from hand-made results, a failed configuration among them. */
class ResultsMarkdownTests {
    @TempDir
    Path dir;

    private static final Environment ENV = new Environment(
            "Test CPU",
            2,
            "Linux",
            "JVM 25",
            1,
            "cpu",
            "0.35.1",
            "2.7.1",
            "seqrec-trainer dev",
            "2026-01-01T00:00:00Z");

    private static RankingMetrics metrics(double hr10, double ndcg10) {
        return new RankingMetrics(100, hr10 / 2, hr10, hr10 * 1.5, ndcg10 / 2, ndcg10, ndcg10 * 1.2, ndcg10 * 0.9);
    }

    private static ConfigResult trained() {
        Map<String, RankingMetrics> variants = new LinkedHashMap<>();
        variants.put("full", metrics(0.0986, 0.0597));
        variants.put("full_excl_seen", metrics(0.11, 0.07));
        variants.put("sampled_100", metrics(0.5, 0.35));
        List<EpochRecord> epochs = List.of(
                new EpochRecord(1, 5.0f, Map.of("val_full.ndcg@10", 0.03), 31.0),
                new EpochRecord(2, 4.0f, Map.of("val_full.ndcg@10", 0.05), 30.0),
                new EpochRecord(3, 3.5f, Map.of("val_full.ndcg@10", 0.04), 29.0));
        TrainingConfig cfg = TrainingConfig.builder()
                .epochs(3)
                .patience(1)
                .learningRate(0.005f)
                .threads(1)
                .build();
        return new ConfigResult(
                new BenchmarkConfig("sasrec-ce", cfg),
                epochs,
                2,
                true,
                90.5,
                4.0,
                new EvaluationResult(variants),
                null,
                null);
    }

    private static BenchmarkReport report(List<ConfigResult> results) {
        PublishedNumbers published = PublishedNumbers.parse("""
                {"source": "S3-Rec", "protocol": "full", "rows": [{"model": "SASRec (BCE)", "hr@10": 0.0605,
                 "ndcg@10": 0.0318}, {"model": "X", "source": "other", "ndcg@10": 0.06}]}""", "p.json");
        return new BenchmarkReport(
                ENV,
                "Beauty.txt",
                "sequences",
                Map.of("users", 10, "items", 20, "interactions", 30),
                10,
                new EvaluationProtocol.Full(),
                BenchmarkRunner.protocols(new EvaluationProtocol.Full(), published.protocol()),
                42,
                results,
                published);
    }

    @Test
    void rendersOneRowPerConfigurationThePublishedTableAndTheEnvironment() {
        ConfigResult failed = ConfigResult.failed(
                new BenchmarkConfig(
                        "bert-ce",
                        TrainingConfig.builder().model("bert4rec").threads(1).build()),
                12.0,
                "training failed: loss is NaN");
        String md = ResultsMarkdown.render(report(List.of(trained(), failed)));
        assertTrue(
                md.contains("| sasrec-ce | sasrec | ce | 3 / 2 (early stop) | 1m31s | 0.0986 | 0.0597 | 0.0700"
                        + " | 0.3500 |\n"),
                md);
        assertTrue(md.contains("| bert-ce | bert4rec | ce | failed | 12.0s |  |  |  |  |\n"), md);
        assertTrue(md.contains("Failed: bert-ce: training failed: loss is NaN"), md);
        assertTrue(
                md.contains(
                        "| SASRec (BCE) | (above) | 0.0605 | 0.0318 |\n| X | other |  | 0.0600 |\n"
                                + "| **seqrec sasrec-ce** | this run | 0.0986 | 0.0597 |\n| **seqrec bert-ce** | this run |  |  |\n"),
                md);
        assertTrue(md.contains("- `sampled_100`: target ranked against 100 items drawn uniformly"), md);
        assertTrue(md.contains("Environment: Test CPU, 2 cores, `--threads 1`, device cpu;"), md);
    }

    @Test
    void jsonHoldsFailuresAndShortDecimals() {
        ConfigResult failed = ConfigResult.failed(
                new BenchmarkConfig("b", TrainingConfig.builder().threads(1).build()), 1.0, "boom");
        Map<String, Object> json = ResultsJson.toJson(report(List.of(trained(), failed)));
        List<?> configs = (List<?>) json.get("configurations");
        Map<?, ?> ok = (Map<?, ?>) configs.get(0);
        assertEquals(0.005, ((Map<?, ?>) ok.get("hyper_parameters")).get("learning_rate"));
        assertEquals(3, ((List<?>) ok.get("learning_curve")).size());
        Map<?, ?> bad = (Map<?, ?>) configs.get(1);
        assertEquals("failed", bad.get("status"));
        assertEquals("boom", bad.get("error"));
        assertEquals(false, bad.containsKey("test"));
    }

    @Test
    void chartsAreValidPngsAndSkipConfigurationsWithoutEpochs() throws Exception {
        ConfigResult failed = ConfigResult.failed(
                new BenchmarkConfig("b", TrainingConfig.builder().threads(1).build()), 1.0, "boom");
        List<Path> files = Charts.write(List.of(trained(), failed), dir);
        assertEquals(List.of(dir.resolve(Charts.NDCG_PER_EPOCH), dir.resolve(Charts.TRAIN_TIME)), files);
        for (Path f : files) {
            BufferedImage image = ImageIO.read(f.toFile());
            assertNotNull(image, f.toString());
            assertTrue(image.getWidth() > 0 && image.getHeight() > 0);
        }
        assertEquals(
                List.of("sasrec-ce"),
                List.copyOf(
                        Charts.ndcgPerEpoch(List.of(trained())).getSeriesMap().keySet()));
        assertEquals(List.of(), Charts.write(List.of(failed), dir.resolve("none")));
    }

    @Test
    void cpuModelComesFromCpuinfo() throws Exception {
        Path cpuinfo = java.nio.file.Files.writeString(
                dir.resolve("cpuinfo"),
                "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu\n");
        assertEquals("AMD EPYC 7B13", Environment.cpuModel(cpuinfo));
        assertTrue(Environment.cpuModel(dir.resolve("absent")).startsWith("unknown "));
    }
}
