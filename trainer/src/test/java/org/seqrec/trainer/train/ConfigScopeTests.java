package org.seqrec.trainer.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The option scope made from the model type registry is the one train and benchmark have always checked. */
class ConfigScopeTests {
    private static final List<String> NETWORKS =
            List.of("sasrec", "bsarec", "gru4rec", "caser", "bert4rec", "slirec", "srgnn", "din", "dien", "bst");

    @Test
    void everyNetworkOptionThenLossOptionsThenOptionsOfSomeNetworks() {
        Map<String, List<String>> expected = new LinkedHashMap<>();
        for (String key : List.of(
                "loss",
                "epochs",
                "batch_size",
                "learning_rate",
                "weight_decay",
                "clip_grad_norm",
                "patience",
                "dim",
                "max_len",
                "dropout",
                "checkpoint_dir",
                "resume")) {
            expected.put(key, NETWORKS);
        }
        expected.put("negatives", List.of("sampled-ce", "gbce"));
        expected.put("gbce_t", List.of("gbce"));
        expected.put("blocks", List.of("sasrec", "bsarec", "bert4rec", "bst"));
        expected.put("heads", List.of("sasrec", "bsarec", "bert4rec", "bst"));
        expected.put("layer_norm", List.of("sasrec"));
        expected.put("layers", List.of("gru4rec"));
        expected.put("window", List.of("caser"));
        expected.put("h_filters", List.of("caser"));
        expected.put("v_filters", List.of("caser"));
        expected.put("mask_prob", List.of("bert4rec"));
        expected.put("time_features", List.of("sasrec"));
        expected.put("alpha", List.of("bsarec"));
        expected.put("low_pass", List.of("bsarec"));
        assertEquals(
                new ArrayList<>(expected.entrySet()),
                new ArrayList<>(ConfigScope.readers().entrySet()));
        assertEquals(
                List.of(
                        "blocks",
                        "heads",
                        "layer_norm",
                        "layers",
                        "window",
                        "h_filters",
                        "v_filters",
                        "mask_prob",
                        "time_features",
                        "alpha",
                        "low_pass"),
                List.copyOf(ConfigScope.networkSpecific().keySet()));
    }

    @Test
    void everyKeyIsScopedOrReadByAll() {
        List<String> keys = new ArrayList<>(ConfigScope.readers().keySet());
        keys.addAll(ConfigScope.READ_BY_ALL);
        assertEquals(TrainingConfig.defaults().asMap().keySet(), new java.util.HashSet<>(keys));
        assertEquals("--lr", ConfigScope.flagOf("learning_rate"));
        assertEquals("max_len", ConfigScope.keyOf("--max-len"));
    }
}
