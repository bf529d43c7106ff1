package org.seqrec.trainer.bench;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.seqrec.trainer.eval.EvaluationProtocol;

/**
 * Reference numbers from the literature, read from {@code --published FILE}:
 * <pre>{@code
 * {"source": "S3-Rec paper (CIKM 2020), table all_rank", "protocol": "full",
 *  "rows": [{"model": "SASRec (BCE)", "hr@10": 0.0605, "ndcg@10": 0.0318},
 *           {"model": "SASRec (CE)", "source": "CE-SCE-LLMRec, mean of 5 seeds", "hr@10": 0.0986, "ndcg@10": 0.0597}]}
 * }</pre>
 * A row's own {@code source} overrides the file's. Metric keys are those of the test report
 * ({@link #METRICS}); values are fractions in [0, 1]. Anything else is refused with the file,
 * the row and the key named.
 *
 * @param source where the numbers come from
 * @param protocol the protocol they were measured with ({@code full} or {@code sampled:N})
 * @param rows one per published model
 */
public record PublishedNumbers(String source, EvaluationProtocol protocol, List<Row> rows) {
    /** The metric keys a row may hold, in report order. */
    public static final List<String> METRICS = List.of("hr@5", "hr@10", "hr@20", "ndcg@5", "ndcg@10", "ndcg@20", "mrr");

    private static final Set<String> TOP_KEYS = Set.of("source", "protocol", "rows");

    /**
     * @param model the model as the source names it
     * @param source the row's own source, or null for the file's
     * @param metrics metric key to value, in {@link #METRICS} order
     */
    public record Row(String model, String source, Map<String, Double> metrics) {
        public Row {
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        }
    }

    public PublishedNumbers {
        rows = List.copyOf(rows);
    }

    /** The metric keys that at least one row has, in {@link #METRICS} order. */
    public List<String> metricsPresent() {
        return METRICS.stream()
                .filter(m -> rows.stream().anyMatch(r -> r.metrics().containsKey(m)))
                .toList();
    }

    /** @throws IOException when the file cannot be read; IllegalArgumentException when it is not as documented */
    public static PublishedNumbers read(Path file) throws IOException {
        return parse(
                Files.readString(file, StandardCharsets.UTF_8),
                file.getFileName().toString());
    }

    /** As {@link #read}, from text; {@code name} names it in messages. */
    public static PublishedNumbers parse(String json, String name) {
        JsonObject o;
        try {
            JsonElement root = JsonParser.parseString(json);
            if (!root.isJsonObject()) {
                throw new IllegalArgumentException(name + " must hold a JSON object with source, protocol and rows");
            }
            o = root.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(name + " is not valid JSON: " + e.getMessage(), e);
        }
        for (String key : o.keySet()) {
            if (!TOP_KEYS.contains(key)) {
                throw new IllegalArgumentException(
                        name + ": unknown key '" + key + "'; allowed: source, protocol, rows");
            }
        }
        String source = string(o, "source", name, true);
        EvaluationProtocol protocol;
        try {
            protocol = EvaluationProtocol.parse(string(o, "protocol", name, true));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": key 'protocol': " + e.getMessage(), e);
        }
        JsonElement rowsValue = o.get("rows");
        if (rowsValue == null
                || !rowsValue.isJsonArray()
                || rowsValue.getAsJsonArray().isEmpty()) {
            throw new IllegalArgumentException(name + ": key 'rows' must be a non-empty array of objects");
        }
        List<Row> rows = new ArrayList<>();
        int index = 0;
        for (JsonElement e : rowsValue.getAsJsonArray()) {
            index++;
            String where = name + ": row #" + index;
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(where + " must be a JSON object");
            }
            rows.add(row(e.getAsJsonObject(), where));
        }
        return new PublishedNumbers(source, protocol, rows);
    }

    private static Row row(JsonObject r, String where) {
        String model = string(r, "model", where, true);
        String source = string(r, "source", where, false);
        Map<String, Double> metrics = new LinkedHashMap<>();
        for (String key : r.keySet()) {
            if (!key.equals("model") && !key.equals("source") && !METRICS.contains(key)) {
                throw new IllegalArgumentException(where + " ('" + model + "'): unknown key '" + key
                        + "'; allowed: model, source, " + String.join(", ", METRICS));
            }
        }
        for (String m : METRICS) {
            JsonElement v = r.get(m);
            if (v == null) {
                continue;
            }
            if (!v.isJsonPrimitive()
                    || !v.getAsJsonPrimitive().isNumber()
                    || !(v.getAsDouble() >= 0 && v.getAsDouble() <= 1)) {
                throw new IllegalArgumentException(
                        where + " ('" + model + "'): key '" + m + "' must be a number in [0, 1], got " + v);
            }
            metrics.put(m, v.getAsDouble());
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException(
                    where + " ('" + model + "') has no metric; give at least one of " + METRICS);
        }
        return new Row(model, source, metrics);
    }

    private static String string(JsonObject o, String key, String where, boolean required) {
        JsonElement v = o.get(key);
        if (v == null && !required) {
            return null;
        }
        if (v == null
                || !v.isJsonPrimitive()
                || !v.getAsJsonPrimitive().isString()
                || v.getAsString().isBlank()) {
            throw new IllegalArgumentException(where + ": key '" + key + "' must be a non-empty string"
                    + (v == null ? " (missing)" : ", got " + v));
        }
        return v.getAsString();
    }
}
