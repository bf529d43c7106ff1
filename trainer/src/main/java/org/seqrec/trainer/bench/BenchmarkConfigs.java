package org.seqrec.trainer.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seqrec.trainer.train.ConfigScope;
import org.seqrec.trainer.train.TrainingConfig;

/**
 * Parses {@code CONFIGS.json}: a JSON array of objects, each with a {@code name} and any of
 * {@link TrainingConfig#asMap()}'s snake_case keys (e.g. {@code "model": <a model type>, "loss": "ce",
 * "epochs": 200, "patience": 20}); keys left out take the {@code train} defaults. {@code seed},
 * {@code device} and {@code threads} are the same for every configuration and come from the command
 * line ({@code base}); {@code checkpoint_dir} and {@code resume} are not supported. Every problem (an
 * unknown key, a wrong type, a value out of range, a key the configuration's model and loss do not
 * read, a repeated name) is an {@link IllegalArgumentException} naming the file, the configuration
 * and the key, so that nothing trains before the whole file is known to be valid. Stateless.
 */
public final class BenchmarkConfigs {
    /** Keys set for all configurations by a command-line option, and that option. */
    static final Map<String, String> GLOBAL_KEYS =
            Map.of("seed", "--seed", "device", "--device", "threads", "--threads");
    /** TrainingConfig keys a benchmark does not support (no checkpoints: each configuration runs once). */
    static final Set<String> UNSUPPORTED_KEYS = Set.of("checkpoint_dir", "resume");

    private interface Setter {
        void apply(TrainingConfig.Builder b, JsonElement value, String key);
    }

    /** Key to how it sets the builder, in {@link TrainingConfig#asMap()} order. */
    static final Map<String, Setter> SETTERS = setters();

    /** A one-configuration file of the default model and loss, for messages. */
    private static final String EXAMPLE =
            example(TrainingConfig.DEFAULT_MODEL.name(), TrainingConfig.DEFAULT_LOSS.id());

    private BenchmarkConfigs() {}

    private static String example(String model, String loss) {
        return "[{\"name\": \"" + model + "-" + loss + "\", \"model\": \"" + model + "\", \"loss\": \"" + loss + "\"}]";
    }

    /**
     * @param base seed, device and threads for every configuration (its other fields are ignored)
     * @param scope key to the models and losses that read it (keys read by all are absent)
     * @throws IOException when the file cannot be read
     */
    public static List<BenchmarkConfig> read(Path file, TrainingConfig base, Map<String, List<String>> scope)
            throws IOException {
        return parse(
                Files.readString(file, StandardCharsets.UTF_8),
                file.getFileName().toString(),
                base,
                scope);
    }

    /** As {@link #read}, from text; {@code source} names it in messages. */
    public static List<BenchmarkConfig> parse(
            String json, String source, TrainingConfig base, Map<String, List<String>> scope) {
        JsonElement root;
        try {
            root = JsonParser.parseString(json);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getMessage(), e);
        }
        if (!root.isJsonArray() || root.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException(
                    source + " must hold a non-empty JSON array of configurations, e.g. " + EXAMPLE);
        }
        List<BenchmarkConfig> configs = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        int index = 0;
        for (JsonElement e : root.getAsJsonArray()) {
            index++;
            String where = source + ": configuration #" + index;
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(where + " must be a JSON object, got " + e);
            }
            BenchmarkConfig c = parseOne(e.getAsJsonObject(), where, base, scope);
            if (!names.add(c.name())) {
                throw new IllegalArgumentException(
                        where + ": name '" + c.name() + "' is used twice; names must be unique");
            }
            configs.add(c);
        }
        return List.copyOf(configs);
    }

    /**
     * The configurations named in {@code only}, in file order; all of them when {@code only} is empty.
     *
     * @throws IllegalArgumentException naming a name that no configuration has
     */
    public static List<BenchmarkConfig> select(List<BenchmarkConfig> all, List<String> only) {
        if (only == null || only.isEmpty()) {
            return all;
        }
        List<String> known = all.stream().map(BenchmarkConfig::name).toList();
        for (String name : only) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException("--only: no configuration is named '" + name + "'; names: " + known);
            }
        }
        return all.stream().filter(c -> only.contains(c.name())).toList();
    }

    /** The keys a configuration may hold: {@code name} and the settable TrainingConfig keys. */
    public static List<String> allowedKeys() {
        List<String> keys = new ArrayList<>();
        keys.add("name");
        keys.addAll(SETTERS.keySet());
        return keys;
    }

    private static BenchmarkConfig parseOne(
            JsonObject o, String where, TrainingConfig base, Map<String, List<String>> scope) {
        JsonElement nameValue = o.get("name");
        if (nameValue == null
                || !nameValue.isJsonPrimitive()
                || !nameValue.getAsJsonPrimitive().isString()) {
            throw new IllegalArgumentException(where + ": key 'name' is required and must be a string");
        }
        String name = nameValue.getAsString();
        String named = where + " ('" + name + "')";
        TrainingConfig.Builder b =
                TrainingConfig.builder().seed(base.seed()).device(base.device()).threads(base.threads());
        for (Map.Entry<String, JsonElement> entry : o.entrySet()) {
            String key = entry.getKey();
            if (key.equals("name")) {
                continue;
            }
            if (GLOBAL_KEYS.containsKey(key)) {
                throw new IllegalArgumentException(named + ": key '" + key + "' is the same for all configurations;"
                        + " set it with " + GLOBAL_KEYS.get(key));
            }
            Setter setter = SETTERS.get(key);
            if (setter == null) {
                throw new IllegalArgumentException(named + ": unknown key '" + key + "'"
                        + (UNSUPPORTED_KEYS.contains(key) ? " (not supported by benchmark)" : "")
                        + "; allowed keys: " + String.join(", ", allowedKeys()));
            }
            try {
                setter.apply(b, entry.getValue(), key);
            } catch (IllegalArgumentException ex) {
                // a model, loss or layer norm by name is checked as it is set
                throw invalid(named, ex);
            }
        }
        TrainingConfig config;
        try {
            config = b.build();
        } catch (IllegalArgumentException ex) {
            throw invalid(named, ex);
        }
        checkScope(o, named, config, scope);
        try {
            return new BenchmarkConfig(name, config);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException(where + ": key 'name': " + ex.getMessage(), ex);
        }
    }

    /** {@code ex}'s message in {@code named}; a TrainingConfig message names the train option: the key it stands for is added. */
    private static IllegalArgumentException invalid(String named, IllegalArgumentException ex) {
        String key = keyNamedBy(ex.getMessage());
        return new IllegalArgumentException(
                named + ": " + ex.getMessage() + (key == null ? "" : " (key '" + key + "')"), ex);
    }

    /** The key whose option starts a TrainingConfig message, or null. */
    private static String keyNamedBy(String message) {
        for (String key : SETTERS.keySet()) {
            if (message != null && message.startsWith(ConfigScope.flagOf(key) + " ")) {
                return key;
            }
        }
        return null;
    }

    /** A key that only some models or losses read is refused with the others, as {@code train} does. */
    private static void checkScope(JsonObject o, String named, TrainingConfig config, Map<String, List<String>> scope) {
        for (String key : o.keySet()) {
            List<String> readers = scope.get(key);
            if (readers != null
                    && !readers.contains(config.model().name())
                    && !readers.contains(config.loss().id())) {
                throw new IllegalArgumentException(named + ": key '" + key + "' applies to "
                        + String.join(", ", readers) + " only; got model "
                        + config.model().name() + ", loss " + config.loss().id());
            }
        }
    }

    private static Map<String, Setter> setters() {
        Map<String, Setter> m = new LinkedHashMap<>();
        m.put("model", (b, v, k) -> b.model(string(v, k)));
        m.put("loss", (b, v, k) -> b.loss(string(v, k)));
        m.put("negatives", (b, v, k) -> b.negatives(integer(v, k)));
        m.put("gbce_t", (b, v, k) -> b.gbceT(number(v, k)));
        m.put("epochs", (b, v, k) -> b.epochs(integer(v, k)));
        m.put("batch_size", (b, v, k) -> b.batchSize(integer(v, k)));
        m.put("learning_rate", (b, v, k) -> b.learningRate(number(v, k)));
        m.put("weight_decay", (b, v, k) -> b.weightDecay(number(v, k)));
        m.put("clip_grad_norm", (b, v, k) -> b.clipGradNorm(number(v, k)));
        m.put("patience", (b, v, k) -> b.patience(integer(v, k)));
        m.put("dim", (b, v, k) -> b.dim(integer(v, k)));
        m.put("max_len", (b, v, k) -> b.maxLen(integer(v, k)));
        m.put("blocks", (b, v, k) -> b.blocks(integer(v, k)));
        m.put("heads", (b, v, k) -> b.heads(integer(v, k)));
        m.put("dropout", (b, v, k) -> b.dropout(number(v, k)));
        m.put("layer_norm", (b, v, k) -> b.layerNorm(string(v, k)));
        m.put("layers", (b, v, k) -> b.layers(integer(v, k)));
        m.put("window", (b, v, k) -> b.window(integer(v, k)));
        m.put("h_filters", (b, v, k) -> b.hFilters(integer(v, k)));
        m.put("v_filters", (b, v, k) -> b.vFilters(integer(v, k)));
        m.put("mask_prob", (b, v, k) -> b.maskProb(number(v, k)));
        m.put("time_features", (b, v, k) -> b.timeFeatures(string(v, k)));
        m.put("alpha", (b, v, k) -> b.alpha(number(v, k)));
        m.put("low_pass", (b, v, k) -> b.lowPass(integer(v, k)));
        return java.util.Collections.unmodifiableMap(m);
    }

    private static JsonPrimitive primitive(JsonElement v, String key, String expected) {
        if (v == null || !v.isJsonPrimitive()) {
            throw new IllegalArgumentException("key '" + key + "' must be " + expected + ", got " + v);
        }
        return v.getAsJsonPrimitive();
    }

    private static String string(JsonElement v, String key) {
        JsonPrimitive p = primitive(v, key, "a string");
        if (!p.isString()) {
            throw new IllegalArgumentException("key '" + key + "' must be a string, got " + p);
        }
        return p.getAsString();
    }

    private static int integer(JsonElement v, String key) {
        JsonPrimitive p = primitive(v, key, "an integer");
        if (p.isNumber()) {
            BigDecimal d = p.getAsBigDecimal();
            try {
                return d.intValueExact();
            } catch (ArithmeticException e) {
                // fractional or out of int range: reported below
            }
        }
        throw new IllegalArgumentException("key '" + key + "' must be an integer, got " + p);
    }

    private static float number(JsonElement v, String key) {
        JsonPrimitive p = primitive(v, key, "a number");
        if (!p.isNumber() || !Double.isFinite(p.getAsDouble())) {
            throw new IllegalArgumentException("key '" + key + "' must be a number, got " + p);
        }
        return (float) p.getAsDouble();
    }
}
