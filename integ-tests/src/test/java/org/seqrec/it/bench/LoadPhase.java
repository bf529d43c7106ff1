package org.seqrec.it.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.seqrec.it.bench.RequestKind.BenchRequest;

/**
 * Sends a fixed list of requests to the node from a number of concurrent clients, each a thread
 * that takes the next unsent request, sends it and waits for the whole answer before taking
 * another (a closed loop, as a search front end's worker does). A request's latency is the client's
 * wall time from building the HTTP request to having read the full response body; connections are
 * kept alive between requests (the JDK client's pool, HTTP/1.1).
 *
 * <p>Bounded in count and time: each request is sent once; no client starts a request after the
 * phase's time limit; a request times out after {@link #REQUEST_TIMEOUT}; client threads that are
 * still busy {@link #REQUEST_TIMEOUT} past the limit are interrupted. Not thread-safe: one phase at a
 * time. Does not own the HTTP client.
 */
final class LoadPhase {
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int ERROR_BODY_CHARS = 400;

    /**
     * What a phase measured.
     *
     * @param latencies one value per successful request (HTTP 200 with a whole answer)
     * @param attempted requests sent, successful or not
     * @param errors requests that failed: another status, a partial answer, a connection error
     * @param firstError what went wrong first, or null
     * @param wallNanos from the moment the clients were let go to the last one's finish
     * @param timedOut whether the time limit stopped the phase before every request was sent
     */
    record Result(Latencies latencies, int attempted, int errors, String firstError, long wallNanos, boolean timedOut) {
        /** Successful requests per second of wall time. */
        double requestsPerSecond() {
            return wallNanos <= 0 ? 0 : latencies.count() / (wallNanos / 1e9);
        }
    }

    private final HttpClient client;
    private final URI base;

    /** @param base the node's HTTP address, e.g. {@code http://127.0.0.1:9200} */
    LoadPhase(HttpClient client, URI base) {
        this.client = client;
        this.base = base;
    }

    /** A client for the load: HTTP/1.1 (no upgrade attempt), kept-alive connections. Close it when done. */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /** Sends {@code requests} from {@code clients} concurrent clients, for at most {@code limit}. */
    Result run(RequestKind kind, List<BenchRequest> requests, int clients, Duration limit) {
        int n = requests.size();
        long[] nanos = new long[n];
        boolean[] succeeded = new boolean[n];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicBoolean timedOut = new AtomicBoolean();
        long[] finishedAt = new long[clients];
        CountDownLatch gate = new CountDownLatch(1);
        long[] deadline = new long[1];
        List<Thread> threads = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("bench-client-" + c).daemon().start(() -> {
                try {
                    gate.await();
                    while (true) {
                        int i = next.getAndIncrement();
                        if (i >= n) {
                            break;
                        }
                        if (System.nanoTime() - deadline[0] > 0) {
                            timedOut.set(true);
                            break;
                        }
                        String error = send(kind, requests.get(i), nanos, i);
                        if (error == null) {
                            succeeded[i] = true;
                        } else {
                            errors.incrementAndGet();
                            firstError.compareAndSet(null, error);
                        }
                    }
                } catch (InterruptedException e) {
                    timedOut.set(true);
                    Thread.currentThread().interrupt();
                } finally {
                    finishedAt[client] = System.nanoTime();
                }
            }));
        }
        long start = System.nanoTime();
        deadline[0] = start + limit.toNanos();
        gate.countDown(); // publishes deadline[0] to the clients
        long joinUntil = deadline[0] + REQUEST_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            join(thread, joinUntil);
        }
        long end = Arrays.stream(finishedAt).max().orElse(start);
        int successes = 0;
        for (boolean s : succeeded) {
            successes += s ? 1 : 0;
        }
        long[] successNanos = new long[successes];
        for (int i = 0, j = 0; i < n; i++) {
            if (succeeded[i]) {
                successNanos[j++] = nanos[i];
            }
        }
        return new Result(
                new Latencies(successNanos),
                Math.min(next.get(), n),
                errors.get(),
                firstError.get(),
                end - start,
                timedOut.get());
    }

    /** Sends one request, storing its latency in {@code nanos[i]}; returns null on success, else what failed. */
    private String send(RequestKind kind, BenchRequest request, long[] nanos, int i) throws InterruptedException {
        long t0 = System.nanoTime();
        HttpResponse<String> response;
        try {
            HttpRequest http = HttpRequest.newBuilder(base.resolve(request.path()))
                    .timeout(REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8))
                    .build();
            response = client.send(http, BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return "POST " + request.path() + ": " + e;
        }
        nanos[i] = System.nanoTime() - t0;
        String body = response.body();
        if (response.statusCode() != 200 || !kind.accepts(body)) {
            return "POST " + request.path() + ": HTTP " + response.statusCode() + " "
                    + body.substring(0, Math.min(ERROR_BODY_CHARS, body.length()));
        }
        return null;
    }

    private static void join(Thread thread, long untilNanos) {
        try {
            long waitMillis = Math.max(1, (untilNanos - System.nanoTime()) / 1_000_000);
            thread.join(waitMillis);
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(REQUEST_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the benchmark's clients", e);
        }
    }
}
