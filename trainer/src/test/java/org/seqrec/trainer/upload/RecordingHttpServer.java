package org.seqrec.trainer.upload;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A real HTTP server on 127.0.0.1 (JDK's {@code com.sun.net.httpserver}) for upload tests: records
 * every request (method, raw path, headers with lower-case names, full body) and answers with
 * what the configured responder returns for the received body. By default it answers like the
 * plugin: 201 with the id, generation 1, size and SHA-256 of the bytes it received.
 * {@link #close()} stops it.
 */
public final class RecordingHttpServer implements AutoCloseable {
    /** One received request. */
    public record Request(String method, String path, Map<String, String> headers, byte[] body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** An answer: status and body (may be empty). */
    public record Answer(int status, String body) {}

    private final HttpServer server;
    private final List<Request> requests = new ArrayList<>();
    private volatile Function<Request, Answer> responder = RecordingHttpServer::created;

    public RecordingHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT}, no trailing slash. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers every later request with this status and body. */
    public void answer(int status, String body) {
        responder = r -> new Answer(status, body);
    }

    public void respond(Function<Request, Answer> newResponder) {
        responder = newResponder;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /**
     * The plugin's success answer for a request, computed from the artifact bytes received: the
     * body after the CBOR envelope's header (15 bytes for artifacts under 4 GiB).
     */
    public static Answer created(Request r) {
        String id = r.path().substring(r.path().lastIndexOf('/') + 1);
        byte[] artifact = java.util.Arrays.copyOfRange(r.body(), Math.min(15, r.body().length), r.body().length);
        return new Answer(
                201,
                "{\"model_id\":\"" + id + "\",\"generation\":1,\"result\":\"created\",\"size_bytes\":" + artifact.length
                        + ",\"sha256\":\"" + sha256(artifact) + "\"}");
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
            Request request = new Request(
                    exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), headers, body);
            synchronized (this) {
                requests.add(request);
            }
            Answer answer = responder.apply(request);
            byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
            exchange.sendResponseHeaders(answer.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
