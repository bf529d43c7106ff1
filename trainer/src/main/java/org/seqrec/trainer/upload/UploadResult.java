package org.seqrec.trainer.upload;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * The cluster's answer to a successful upload:
 * {@code {"model_id":"shop","generation":2,"result":"created","size_bytes":123,"sha256":"..."}}.
 *
 * @param generation increases with every upload under the same id
 * @param result {@code created} (new id) or {@code updated} (replaced an earlier generation)
 * @param sha256 lowercase hex SHA-256 of the stored bytes
 */
public record UploadResult(String modelId, long generation, String result, long sizeBytes, String sha256) {
    /**
     * Parses a success body.
     *
     * @throws IllegalArgumentException naming the missing or malformed field
     */
    public static UploadResult parse(String body) {
        JsonElement root;
        try {
            root = JsonParser.parseString(body);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("the answer is not JSON", e);
        }
        if (!root.isJsonObject()) {
            throw new IllegalArgumentException("the answer is not a JSON object");
        }
        JsonObject o = root.getAsJsonObject();
        return new UploadResult(
                string(o, "model_id"),
                number(o, "generation"),
                string(o, "result"),
                number(o, "size_bytes"),
                string(o, "sha256"));
    }

    private static String string(JsonObject o, String field) {
        return primitive(o, field).getAsString();
    }

    private static long number(JsonObject o, String field) {
        JsonPrimitive p = primitive(o, field);
        if (!p.isNumber()) {
            throw new IllegalArgumentException("[" + field + "] is not a number");
        }
        return p.getAsLong();
    }

    private static JsonPrimitive primitive(JsonObject o, String field) {
        JsonElement e = o.get(field);
        if (e == null || !e.isJsonPrimitive()) {
            throw new IllegalArgumentException("[" + field + "] missing");
        }
        return e.getAsJsonPrimitive();
    }
}
