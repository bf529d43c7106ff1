package org.seqrec.trainer.upload;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import javax.net.ssl.SSLException;
import org.seqrec.trainer.report.Durations;

/**
 * Sends an artifact file to {@code PUT {cluster}/_plugins/_seqrec/models/{model_id}} as the CBOR
 * document {@code {"artifact": <the file's bytes>}} ({@link CborEnvelope}) with its
 * {@code Content-Length}, streamed from disk (never held in memory), over HTTP/1.1 with {@code Expect: 100-continue} so that a cluster refusing
 * the request (401, 413, no plugin) answers before the body is sent. Computes the file's SHA-256
 * while sending and checks it against the one the cluster reports. Does not validate the
 * artifact: callers do that first. Each {@link #upload} call uses its own {@link HttpClient}
 * and closes it; instances are immutable and may be shared.
 */
public final class ModelUploader {
    private final UploadOptions options;

    public ModelUploader(UploadOptions options) {
        this.options = options;
    }

    /**
     * Uploads the file.
     *
     * @param bytesSent called with the running count of bytes read from the file for sending,
     *     on an HTTP client thread
     * @return the cluster's answer (HTTP 200 or 201)
     * @throws UploadException when the cluster refuses (its status and reason), answers something
     *     unexpected, or cannot be reached in time (the URL and the cause)
     * @throws IOException when the file cannot be read
     */
    public UploadResult upload(Path file, LongConsumer bytesSent) throws IOException, InterruptedException {
        long size = Files.size(file);
        byte[] header = CborEnvelope.header(size);
        AtomicReference<ProgressInputStream> sending = new AtomicReference<>();
        // the client may open the body more than once (e.g. to resend it); each gets a fresh digest
        HttpRequest.BodyPublisher body = BodyPublishers.fromPublisher(
                BodyPublishers.ofInputStream(() -> {
                    try {
                        ProgressInputStream in =
                                new ProgressInputStream(Files.newInputStream(file), sha256(), bytesSent);
                        sending.set(in);
                        return new SequenceInputStream(new ByteArrayInputStream(header), in);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }),
                header.length + size);
        URI uri = options.modelUri();
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(options.timeout())
                .expectContinue(true)
                .header("Content-Type", CborEnvelope.CONTENT_TYPE)
                .header("Accept", "application/json")
                .PUT(body);
        if (options.credentials() != null) {
            request.header("Authorization", options.credentials().authorizationHeader());
        }
        HttpResponse<String> response;
        try (HttpClient client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(options.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build()) {
            response = client.send(request.build(), BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            ProgressInputStream in = sending.get();
            throw networkFailure(uri, e, in == null ? 0 : in.total(), size);
        }
        return answer(uri, response, sending.get(), size);
    }

    private UploadResult answer(URI uri, HttpResponse<String> response, ProgressInputStream sent, long size)
            throws UploadException {
        int status = response.statusCode();
        if (status != 200 && status != 201) {
            throw new UploadException(
                    uri + " refused the upload: " + ClusterErrors.describe(status, response.body()), status, null);
        }
        UploadResult result;
        try {
            result = UploadResult.parse(response.body());
        } catch (IllegalArgumentException e) {
            throw new UploadException(
                    uri + " answered HTTP " + status + " but not with the expected JSON (" + e.getMessage() + "): "
                            + ClusterErrors.reason(response.body()),
                    status,
                    e);
        }
        // only a stream read to its end has the digest of the whole file
        String local = sent == null || sent.total() != size ? null : sent.sha256Hex();
        if (local != null && !local.equalsIgnoreCase(result.sha256())) {
            throw new UploadException(
                    uri + " stored " + result.sizeBytes() + " bytes with sha256 " + result.sha256()
                            + " but the file has sha256 " + local + ": upload again",
                    status,
                    null);
        }
        return result;
    }

    private UploadException networkFailure(URI uri, IOException e, long sent, long size) {
        String timeout = Durations.format(options.timeout().toMillis() / 1000.0);
        String message;
        if (e instanceof HttpConnectTimeoutException) {
            message = "could not connect to " + uri + " within " + timeout + " (--timeout)";
        } else if (e instanceof HttpTimeoutException) {
            message = "no answer from " + uri + " within " + timeout + " (--timeout) after sending " + sent + " of "
                    + size + " bytes";
        } else if (e instanceof ConnectException) {
            message = "could not connect to " + uri + ": "
                    + (find(e, UnresolvedAddressException.class) != null
                            ? "unknown host " + uri.getHost()
                            : firstMessage(e, "connection refused"));
        } else if (find(e, SSLException.class) != null) {
            message = "TLS with " + uri + " failed: " + firstMessage(e, "handshake failed")
                    + " (check http vs https, and that this JVM trusts the cluster's certificate: see docs/trainer.md)";
        } else {
            message = "upload to " + uri + " failed after sending " + sent + " of " + size + " bytes: "
                    + firstMessage(e, e.getClass().getSimpleName());
        }
        return new UploadException(message, -1, e);
    }

    private static Throwable find(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    /** The first non-blank message along the cause chain (the JDK's client often wraps without one). */
    private static String firstMessage(Throwable t, String fallback) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                return c.getMessage();
            }
        }
        return fallback;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
