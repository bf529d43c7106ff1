package org.seqrec.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seqrec.trainer.upload.RecordingHttpServer;
import org.seqrec.trainer.upload.TinyArtifacts;

/** {@code seqrec-trainer upload} against a real local HTTP server standing in for the cluster's endpoint. */
class UploadCommandTests {
    @TempDir
    Path dir;

    private RecordingHttpServer server;
    private Path model;

    @BeforeEach
    void setUp() throws Exception {
        server = new RecordingHttpServer();
        model = TinyArtifacts.write(dir.resolve("shop.seqrec"));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    private CliRun upload(String... extra) {
        String[] args = {
            "upload", model.toString(), "--cluster", server.url() + "/", "--model-id", "shop", "--no-progress"
        };
        String[] all = Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        return CliRun.of(all);
    }

    @Test
    void uploadsTheFileAndPrintsASummary() throws Exception {
        CliRun r = upload("--user", "admin:admin", "--timeout", "30s");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, server.requests().size());
        RecordingHttpServer.Request req = server.requests().get(0);
        assertEquals("PUT", req.method());
        assertEquals("/_plugins/_seqrec/models/shop", req.path());
        assertEquals("application/cbor", req.header("content-type"));
        assertEquals("Basic YWRtaW46YWRtaW4=", req.header("authorization"));
        byte[] bytes = Files.readAllBytes(model);
        byte[] body = req.body();
        assertArrayEquals(bytes, java.util.Arrays.copyOfRange(body, body.length - bytes.length, body.length));
        String sha = RecordingHttpServer.sha256(bytes);
        assertEquals(
                String.format(
                        java.util.Locale.ROOT,
                        "uploaded model [shop] to %s: created, generation 1, %,d bytes, sha256 %s%n",
                        server.url(),
                        bytes.length,
                        sha.substring(0, 12)),
                r.out());
        assertEquals("", r.err());
    }

    @Test
    void anOpenSearchErrorPrintsStatusAndReason() {
        server.answer(
                400,
                "{\"error\":{\"root_cause\":[{\"type\":\"illegal_argument_exception\",\"reason\":"
                        + "\"model type [gru] is not supported\"}],\"type\":\"illegal_argument_exception\",\"reason\":"
                        + "\"model type [gru] is not supported\"},\"status\":400}");
        CliRun r = upload();
        assertEquals(1, r.code());
        assertEquals(
                "seqrec-trainer upload: error: " + server.url() + "/_plugins/_seqrec/models/shop refused the upload:"
                        + " HTTP 400 Bad Request: illegal_argument_exception: model type [gru] is not supported"
                        + " (--verbose shows the stack trace)\n",
                r.err());
        assertEquals("", r.out());
    }

    @Test
    void tooLargeAndGatewayErrorsExitWithOne() {
        server.answer(
                413,
                "{\"error\":{\"type\":\"too_long_http_line_exception\",\"reason\":\"artifact too large\"},"
                        + "\"status\":413}");
        CliRun large = upload();
        assertEquals(1, large.code());
        assertTrue(
                large.err().contains("HTTP 413 Payload Too Large: too_long_http_line_exception: artifact too large"),
                large.err());

        server.answer(502, "<html><body>Bad Gateway from the proxy</body></html>");
        CliRun gateway = upload();
        assertEquals(1, gateway.code());
        assertTrue(
                gateway.err().contains("HTTP 502 Bad Gateway: <html><body>Bad Gateway from the proxy</body></html>"),
                gateway.err());
        assertEquals(1, gateway.err().strip().lines().count(), gateway.err());
    }

    @Test
    void nothingListeningExitsWithOneNamingTheUrl() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun r = CliRun.of("upload", model.toString(), "--cluster", "http://127.0.0.1:" + port, "--model-id", "shop");
        assertEquals(1, r.code());
        assertTrue(
                r.err()
                        .startsWith("seqrec-trainer upload: error: could not connect to http://127.0.0.1:" + port
                                + "/_plugins/_seqrec/models/shop"),
                r.err());
    }

    @Test
    void invalidOrMissingArtifactsAreNotSent() throws Exception {
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, Arrays.copyOf(bytes, bytes.length / 2));
        CliRun truncated = upload();
        assertEquals(1, truncated.code());
        assertTrue(truncated.err().startsWith("seqrec-trainer upload: error: "), truncated.err());

        CliRun missing = CliRun.of(
                "upload", dir.resolve("nope.seqrec").toString(), "--cluster", server.url(), "--model-id", "shop");
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("artifact file not found: " + dir.resolve("nope.seqrec")), missing.err());
        assertEquals(0, server.requests().size());
    }

    @Test
    void badOptionsAreUsageErrors() {
        CliRun id = CliRun.of("upload", model.toString(), "--cluster", server.url(), "--model-id", "Shop/../x");
        assertEquals(2, id.code(), id.err());
        assertTrue(id.err().contains("--model-id must match [a-z0-9][a-z0-9_.-]{0,99}"), id.err());
        CliRun cluster = CliRun.of("upload", model.toString(), "--cluster", "localhost:9200", "--model-id", "shop");
        assertEquals(2, cluster.code());
        assertTrue(cluster.err().contains("--cluster must be an http:// or https:// URL"), cluster.err());
        CliRun timeout = upload("--timeout", "0s");
        assertEquals(2, timeout.code());
        assertTrue(timeout.err().contains("--timeout must be in 1s..24h"), timeout.err());
        CliRun user = upload("--user", "admin");
        assertEquals(2, user.code());
        assertTrue(user.err().contains("--user (or SEQREC_CLUSTER_USER) must be NAME:PASSWORD"), user.err());
        assertEquals(
                2, CliRun.of("upload", model.toString(), "--model-id", "shop").code()); // --cluster missing
        assertEquals(0, server.requests().size());
    }

    @Test
    void helpListsUpload() {
        CliRun help = CliRun.of("--help");
        assertTrue(help.out().contains("upload"), help.out());
        CliRun uploadHelp = CliRun.of("upload", "--help");
        assertEquals(0, uploadHelp.code());
        for (String flag : new String[] {"--cluster", "--model-id", "--user", "--timeout", "--no-progress"}) {
            assertTrue(uploadHelp.out().contains(flag), uploadHelp.out());
        }
    }
}
