package org.seqrec.trainer.upload;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * Turns a refusal (HTTP status and body) into one line. OpenSearch error bodies look like
 * {@code {"error":{"root_cause":[...],"type":"illegal_argument_exception","reason":"..."},"status":400}};
 * for unknown routes OpenSearch answers {@code {"error":"no handler found for uri [...]"}}, proxies
 * often {@code {"message":"..."}}; anything else is shown as its first {@value #MAX_BODY_CHARS}
 * characters on one line. Stateless.
 */
public final class ClusterErrors {
    static final int MAX_BODY_CHARS = 500;

    private ClusterErrors() {}

    /** {@code HTTP 400 Bad Request: illegal_argument_exception: <reason>} plus a hint for common causes. */
    public static String describe(int status, String body) {
        String reason = reason(body);
        return "HTTP " + status + statusText(status) + ": " + reason + hint(status, reason);
    }

    /** The server's reason: {@code error.type: error.reason} when the body is an OpenSearch error. */
    static String reason(String body) {
        if (body == null || body.isBlank()) {
            return "(empty body)";
        }
        try {
            JsonElement root = JsonParser.parseString(body);
            if (root.isJsonObject()) {
                String fromJson = fromJson(root.getAsJsonObject());
                if (fromJson != null) {
                    return oneLine(fromJson);
                }
            }
        } catch (RuntimeException notJson) {
            // fall through: show the body itself
        }
        String shown = body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) + "..." : body;
        return oneLine(shown);
    }

    private static String fromJson(JsonObject root) {
        JsonElement error = root.get("error");
        if (error != null && error.isJsonPrimitive()) {
            return error.getAsString();
        }
        if (error != null && error.isJsonObject()) {
            JsonObject e = error.getAsJsonObject();
            String reason = text(e, "reason");
            if (reason == null
                    && e.has("root_cause")
                    && e.get("root_cause").isJsonArray()
                    && !e.getAsJsonArray("root_cause").isEmpty()
                    && e.getAsJsonArray("root_cause").get(0).isJsonObject()) {
                reason = text(e.getAsJsonArray("root_cause").get(0).getAsJsonObject(), "reason");
            }
            String type = text(e, "type");
            if (reason != null) {
                return type == null ? reason : type + ": " + reason;
            }
        }
        return text(root, "message");
    }

    private static String text(JsonObject o, String field) {
        JsonElement e = o.get(field);
        return e != null && e.isJsonPrimitive() ? e.getAsString() : null;
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String statusText(int status) {
        return switch (status) {
            case 400 -> " Bad Request";
            case 401 -> " Unauthorized";
            case 403 -> " Forbidden";
            case 404 -> " Not Found";
            case 405 -> " Method Not Allowed";
            case 413 -> " Payload Too Large";
            case 429 -> " Too Many Requests";
            case 500 -> " Internal Server Error";
            case 502 -> " Bad Gateway";
            case 503 -> " Service Unavailable";
            case 504 -> " Gateway Timeout";
            default -> "";
        };
    }

    private static String hint(int status, String reason) {
        if (status == 401) {
            return " (check --user or SEQREC_CLUSTER_USER)";
        }
        if (status == 403) {
            return " (the user may upload models only with the seqrec model permissions)";
        }
        if (status == 404 || status == 405 || reason.startsWith("no handler found")) {
            return " (is the seqrec plugin installed on the cluster?)";
        }
        if (status == 413) {
            return " (the file exceeds a limit of the cluster, e.g. http.max_content_length, 100mb by default)";
        }
        return "";
    }
}
