package org.seqrec.trainer.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.trainer.train.ConfigScope;
import org.seqrec.trainer.train.TrainingConfig;

/** CONFIGS.json parsing: values reach TrainingConfig; every problem names the configuration and the key. */
class BenchmarkConfigsTests {
    private static final TrainingConfig BASE = TrainingConfig.builder()
            .seed(7)
            .device(DevicePreference.CPU)
            .threads(1)
            .build();
    private static final Map<String, List<String>> SCOPE =
            Map.of("window", List.of("caser"), "negatives", List.of("sampled-ce", "gbce"));

    private static List<BenchmarkConfig> parse(String json) {
        return BenchmarkConfigs.parse(json, "configs.json", BASE, SCOPE);
    }

    private static String error(String json) {
        return assertThrows(IllegalArgumentException.class, () -> parse(json)).getMessage();
    }

    @Test
    void parsesValuesAndTakesDefaultsAndTheGlobalOptions() {
        List<BenchmarkConfig> configs = parse("""
                [{"name": "sasrec-ce", "model": "sasrec", "loss": "ce", "epochs": 200, "patience": 20,
                  "learning_rate": 0.002, "dropout": 0.5, "layer_norm": "post"},
                 {"name": "caser", "model": "caser", "window": 4, "h_filters": 8}]""");
        assertEquals(2, configs.size());
        TrainingConfig a = configs.get(0).config();
        assertEquals("sasrec-ce", configs.get(0).name());
        assertEquals(200, a.epochs());
        assertEquals(20, a.patience());
        assertEquals(0.002f, a.learningRate());
        assertEquals(0.5f, a.dropout());
        assertEquals("post", a.layerNorm().id());
        assertEquals(TrainingConfig.DEFAULT_DIM, a.dim());
        assertEquals(7, a.seed());
        assertEquals(DevicePreference.CPU, a.device());
        assertEquals(1, a.threads());
        TrainingConfig b = configs.get(1).config();
        assertEquals("caser", b.model().name());
        assertEquals(4, b.window());
        assertEquals(8, b.hFilters());
    }

    @Test
    void everyTrainingConfigKeyIsSettableOrSetForAll() {
        Set<String> covered = new HashSet<>(BenchmarkConfigs.SETTERS.keySet());
        covered.addAll(BenchmarkConfigs.GLOBAL_KEYS.keySet());
        covered.addAll(BenchmarkConfigs.UNSUPPORTED_KEYS);
        assertEquals(TrainingConfig.defaults().asMap().keySet(), covered);
        for (String key : BenchmarkConfigs.SETTERS.keySet()) {
            assertEquals(key, ConfigScope.keyOf(ConfigScope.flagOf(key)));
        }
        assertEquals("--lr", ConfigScope.flagOf("learning_rate"));
        assertEquals("--h-filters", ConfigScope.flagOf("h_filters"));
    }

    @Test
    void unknownKeysAndWrongTypesNameTheConfigurationAndKey() {
        String unknown = error("[{\"name\": \"a\"}, {\"name\": \"b\", \"epoch\": 3}]");
        assertTrue(
                unknown.contains("configuration #2 ('b')")
                        && unknown.contains("unknown key 'epoch'")
                        && unknown.contains("epochs"),
                unknown);
        String fractional = error("[{\"name\": \"a\", \"epochs\": 2.5}]");
        assertTrue(
                fractional.contains("('a')") && fractional.contains("key 'epochs' must be an integer, got 2.5"),
                fractional);
        String string = error("[{\"name\": \"a\", \"model\": 5}]");
        assertTrue(string.contains("key 'model' must be a string"), string);
        String number = error("[{\"name\": \"a\", \"dropout\": \"high\"}]");
        assertTrue(number.contains("key 'dropout' must be a number"), number);
        String unsupported = error("[{\"name\": \"a\", \"resume\": true}]");
        assertTrue(unsupported.contains("unknown key 'resume' (not supported by benchmark)"), unsupported);
    }

    @Test
    void outOfRangeValuesNameTheRangeAndTheKey() {
        String epochs = error("[{\"name\": \"a\", \"epochs\": 0}]");
        assertTrue(
                epochs.contains("configuration #1 ('a')")
                        && epochs.contains("--epochs must be in 1..10000, got 0")
                        && epochs.contains("(key 'epochs')"),
                epochs);
        String lr = error("[{\"name\": \"a\", \"learning_rate\": -1}]");
        assertTrue(lr.contains("--lr must be in (0, 10]") && lr.contains("(key 'learning_rate')"), lr);
        String model = error("[{\"name\": \"a\", \"model\": \"transformer\"}]");
        assertTrue(model.contains("--model must be one of [sasrec") && model.contains("(key 'model')"), model);
    }

    @Test
    void globalKeysAndKeysOfOtherModelsAreRefused() {
        String seed = error("[{\"name\": \"a\", \"seed\": 1}]");
        assertTrue(seed.contains("key 'seed' is the same for all configurations; set it with --seed"), seed);
        String threads = error("[{\"name\": \"a\", \"threads\": 2}]");
        assertTrue(threads.contains("--threads"), threads);
        String window = error("[{\"name\": \"s\", \"model\": \"sasrec\", \"window\": 3}]");
        assertTrue(window.contains("('s'): key 'window' applies to caser only; got model sasrec, loss ce"), window);
        String negatives = error("[{\"name\": \"s\", \"loss\": \"ce\", \"negatives\": 3}]");
        assertTrue(negatives.contains("key 'negatives' applies to sampled-ce, gbce only"), negatives);
        assertEquals(
                3,
                parse("[{\"name\": \"s\", \"loss\": \"gbce\", \"negatives\": 3}]")
                        .get(0)
                        .config()
                        .negatives());
    }

    @Test
    void namesAndTheFileShapeAreChecked() {
        assertTrue(error("[{\"model\": \"sasrec\"}]").contains("key 'name' is required"));
        String slash = error("[{\"name\": \"../x\"}]");
        assertTrue(slash.contains("key 'name'") && slash.contains(BenchmarkConfig.NAME_RULE), slash);
        String twice = error("[{\"name\": \"a\"}, {\"name\": \"a\"}]");
        assertTrue(twice.contains("configuration #2") && twice.contains("'a' is used twice"), twice);
        assertTrue(error("[]").contains("non-empty JSON array"));
        assertTrue(error("{\"name\": \"a\"}").contains("non-empty JSON array"));
        assertTrue(error("[1]").contains("configuration #1 must be a JSON object"));
        assertTrue(error("[{\"name\": ").startsWith("configs.json is not valid JSON"));
    }

    @Test
    void onlySelectsInFileOrderAndRefusesUnknownNames() {
        List<BenchmarkConfig> all = parse("[{\"name\": \"a\"}, {\"name\": \"b\"}, {\"name\": \"c\"}]");
        assertEquals(
                List.of("a", "c"),
                BenchmarkConfigs.select(all, List.of("c", "a")).stream()
                        .map(BenchmarkConfig::name)
                        .toList());
        assertEquals(all, BenchmarkConfigs.select(all, List.of()));
        String message = assertThrows(
                        IllegalArgumentException.class, () -> BenchmarkConfigs.select(all, List.of("a", "d")))
                .getMessage();
        assertTrue(message.contains("--only: no configuration is named 'd'; names: [a, b, c]"), message);
    }
}
