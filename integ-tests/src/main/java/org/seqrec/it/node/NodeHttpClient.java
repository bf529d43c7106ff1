package org.seqrec.it.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A tiny HTTP client for one node's REST API, enough for tests and demos: JSON or binary bodies
 * in, {@link NodeResponse} out. Any status is returned, never thrown. Thread-safe; close it to
 * release its connection pool (a {@link LocalOpenSearchNode} closes the one it hands out).
 */
public final class NodeHttpClient implements AutoCloseable {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    private static final String JSON = "application/json";

    private final URI base;
    private final HttpClient client;

    /** @param base the node's HTTP address, e.g. {@code http://127.0.0.1:9200} */
    public NodeHttpClient(URI base) {
        this.base = base;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public URI base() {
        return base;
    }

    public NodeResponse get(String path) {
        return send("GET", path, BodyPublishers.noBody(), null);
    }

    public NodeResponse delete(String path) {
        return send("DELETE", path, BodyPublishers.noBody(), null);
    }

    /** POSTs a JSON body. */
    public NodeResponse post(String path, String json) {
        return send("POST", path, BodyPublishers.ofString(json, StandardCharsets.UTF_8), JSON);
    }

    /** POSTs a JSON body with one extra request header. */
    public NodeResponse post(String path, String json, String header, String value) {
        return send("POST", path, BodyPublishers.ofString(json, StandardCharsets.UTF_8), JSON, header, value);
    }

    /** PUTs a JSON body. */
    public NodeResponse put(String path, String json) {
        return send("PUT", path, BodyPublishers.ofString(json, StandardCharsets.UTF_8), JSON);
    }

    /** PUTs a binary body, e.g. a model artifact. */
    public NodeResponse put(String path, byte[] body) {
        return send("PUT", path, BodyPublishers.ofByteArray(body), "application/octet-stream");
    }

    /**
     * Sends one request and waits for the answer.
     *
     * @param path path and query relative to the node, starting with {@code /}
     * @param contentType value of the Content-Type header, or null for none
     * @throws UncheckedIOException if the node cannot be reached
     */
    public NodeResponse send(String method, String path, BodyPublisher body, String contentType) {
        return send(method, path, body, contentType, null, null);
    }

    /** {@link #send(String, String, BodyPublisher, String)} with one extra header, unless {@code header} is null. */
    public NodeResponse send(
            String method, String path, BodyPublisher body, String contentType, String header, String value) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with '/', got [" + path + "]");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .method(method, body);
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (header != null) {
            request.header(header, value);
        }
        try {
            var response = client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new NodeResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + base.resolve(path) + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
