package org.seqrec.trainer.upload;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP side of an upload against a real local HTTP server. */
class ModelUploaderTests {
    @TempDir
    Path dir;

    private RecordingHttpServer server;

    @BeforeEach
    void startServer() throws Exception {
        server = new RecordingHttpServer();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    private UploadOptions options(String cluster, BasicCredentials credentials, Duration timeout) {
        return new UploadOptions(UploadOptions.parseCluster(cluster), "shop-1", credentials, timeout);
    }

    private Path randomFile(int bytes, long seed) throws Exception {
        byte[] data = new byte[bytes];
        new Random(seed).nextBytes(data);
        return Files.write(dir.resolve("m.seqrec"), data);
    }

    @Test
    void streamsTheFileWithHeadersAndReportsProgress() throws Exception {
        Path file = randomFile(3 * (1 << 20) + 17, 1);
        List<Long> progress = Collections.synchronizedList(new ArrayList<>());
        UploadResult result = new ModelUploader(
                        options(server.url() + "/", new BasicCredentials("admin", "s3:cret"), Duration.ofSeconds(60)))
                .upload(file, progress::add);

        assertEquals(1, server.requests().size());
        RecordingHttpServer.Request r = server.requests().get(0);
        assertEquals("PUT", r.method());
        assertEquals("/_plugins/_seqrec/models/shop-1", r.path());
        assertEquals("application/cbor", r.header("Content-Type"));
        byte[] header = CborEnvelope.header(Files.size(file));
        assertEquals(String.valueOf(header.length + Files.size(file)), r.header("Content-Length"));
        assertNull(r.header("Transfer-Encoding"), "sent with a length, not chunked");
        assertEquals("100-continue", r.header("Expect").toLowerCase(java.util.Locale.ROOT));
        assertEquals("Basic YWRtaW46czM6Y3JldA==", r.header("Authorization")); // admin:s3:cret
        assertArrayEquals(header, java.util.Arrays.copyOf(r.body(), header.length));
        byte[] artifact = java.util.Arrays.copyOfRange(r.body(), header.length, r.body().length);
        assertArrayEquals(Files.readAllBytes(file), artifact);

        assertEquals(
                new UploadResult("shop-1", 1, "created", Files.size(file), RecordingHttpServer.sha256(artifact)),
                result);
        assertEquals(Files.size(file), progress.get(progress.size() - 1));
        for (int i = 1; i < progress.size(); i++) {
            assertTrue(progress.get(i) > progress.get(i - 1), "progress must grow: " + progress);
        }
        assertTrue(progress.size() > 2, "several progress reports for 3 MiB: " + progress.size());
    }

    @Test
    void noAuthorizationHeaderWithoutCredentials() throws Exception {
        Path file = randomFile(100, 2);
        new ModelUploader(options(server.url(), null, Duration.ofSeconds(30))).upload(file, n -> {});
        assertNull(server.requests().get(0).header("Authorization"));
    }

    @Test
    void refusalCarriesStatusAndReason() throws Exception {
        server.answer(400, """
                {"error":{"root_cause":[{"type":"illegal_argument_exception","reason":"manifest.json missing"}],
                "type":"illegal_argument_exception","reason":"manifest.json missing"},"status":400}""");
        UploadException e = assertThrows(
                UploadException.class,
                () -> new ModelUploader(options(server.url(), null, Duration.ofSeconds(30)))
                        .upload(randomFile(100, 3), n -> {}));
        assertEquals(400, e.status());
        assertEquals(
                server.url() + "/_plugins/_seqrec/models/shop-1 refused the upload: HTTP 400 Bad Request: "
                        + "illegal_argument_exception: manifest.json missing",
                e.getMessage());
    }

    @Test
    void aChecksumDifferentFromTheFileIsAFailure() throws Exception {
        server.respond(r -> new RecordingHttpServer.Answer(
                201,
                RecordingHttpServer.created(r)
                        .body()
                        .replaceAll("\"sha256\":\"[0-9a-f]{64}\"", "\"sha256\":\"" + "00".repeat(32) + "\"")));
        UploadException e = assertThrows(
                UploadException.class,
                () -> new ModelUploader(options(server.url(), null, Duration.ofSeconds(30)))
                        .upload(randomFile(1000, 4), n -> {}));
        assertTrue(e.getMessage().contains("but the file has sha256"), e.getMessage());
    }

    @Test
    void successWithoutTheExpectedJsonIsAFailure() throws Exception {
        server.answer(200, "{\"acknowledged\":true}");
        UploadException e = assertThrows(
                UploadException.class,
                () -> new ModelUploader(options(server.url(), null, Duration.ofSeconds(30)))
                        .upload(randomFile(10, 5), n -> {}));
        assertTrue(
                e.getMessage().contains("answered HTTP 200 but not with the expected JSON ([model_id] missing)"),
                e.getMessage());
    }

    @Test
    void nothingListeningNamesTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port;
        UploadException e = assertThrows(
                UploadException.class,
                () -> new ModelUploader(options(url, null, Duration.ofSeconds(10))).upload(randomFile(10, 6), n -> {}));
        assertEquals(-1, e.status());
        assertTrue(
                e.getMessage().startsWith("could not connect to " + url + "/_plugins/_seqrec/models/shop-1: "),
                e.getMessage());
        assertTrue(e.getMessage().toLowerCase(java.util.Locale.ROOT).endsWith("connection refused"), e.getMessage());
    }

    @Test
    void httpsToAPlainHttpServerIsATlsFailure() throws Exception {
        try (ServerSocket plain = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            // answers whatever arrives (here a TLS ClientHello) in plain HTTP, as a plain-HTTP node does
            Thread answering = Thread.ofVirtual().start(() -> {
                try (java.net.Socket s = plain.accept()) {
                    s.getOutputStream()
                            .write("HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    s.getOutputStream().flush();
                    Thread.sleep(500);
                } catch (Exception ignored) {
                    // the test fails on the client side if this goes wrong
                }
            });
            String url = "https://127.0.0.1:" + plain.getLocalPort();
            UploadException e = assertThrows(
                    UploadException.class,
                    () -> new ModelUploader(options(url, null, Duration.ofSeconds(10)))
                            .upload(randomFile(10, 8), n -> {}));
            assertTrue(
                    e.getMessage().startsWith("TLS with " + url + "/_plugins/_seqrec/models/shop-1 failed: "),
                    e.getMessage());
            answering.join();
        }
    }

    @Test
    void aSlowClusterTimesOut() throws Exception {
        server.respond(r -> {
            try {
                Thread.sleep(3000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return RecordingHttpServer.created(r);
        });
        UploadException e = assertThrows(
                UploadException.class,
                () -> new ModelUploader(options(server.url(), null, Duration.ofSeconds(1)))
                        .upload(randomFile(10, 7), n -> {}));
        assertTrue(
                e.getMessage()
                        .startsWith("no answer from " + server.url() + "/_plugins/_seqrec/models/shop-1 within 1.0s"),
                e.getMessage());
    }

    @Test
    void modelUriKeepsAPathPrefix() {
        UploadOptions o = new UploadOptions(URI.create("https://proxy.example/os"), "m", null, Duration.ofSeconds(5));
        assertEquals(URI.create("https://proxy.example/os/_plugins/_seqrec/models/m"), o.modelUri());
    }
}
