package org.seqrec.it.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.XContentParser;

/**
 * One HTTP response from a node: status code and body text, with JSON accessors.
 *
 * @param status HTTP status code
 * @param body response body as text (empty for HEAD requests)
 */
public record NodeResponse(int status, String body) {

    /** The body parsed as a JSON object; fails with the body in the message if it is not one. */
    public Map<String, Object> json() {
        try (XContentParser parser = parser()) {
            return parser.map();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("response body is not a JSON object: " + body, e);
        }
    }

    /** The body parsed as a JSON array (e.g. {@code _cat/...?format=json}). */
    public List<Object> jsonList() {
        try (XContentParser parser = parser()) {
            return parser.list();
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("response body is not a JSON array: " + body, e);
        }
    }

    private XContentParser parser() {
        try {
            return JsonXContent.jsonXContent.createParser(
                    NamedXContentRegistry.EMPTY, DeprecationHandler.IGNORE_DEPRECATIONS, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return "HTTP " + status + " " + body;
    }
}
