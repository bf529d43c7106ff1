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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.seqrec.it.bench.RequestKind.BenchRequest;

/**
 * The soak's clients: each a thread in a closed loop that takes the next request number
 * {@code n}, sends request {@code n} and reads the whole answer before taking another. Request
 * {@code n} has kind {@code kinds[(n + n / inputs) mod kinds]} and input {@code inputs[n mod inputs]}:
 * the kinds alternate, and each input gets every kind in turn over the cycles.
 *
 * <p>A request fails on any status but 200, on a 200 that is not whole ({@link RequestKind#accepts}:
 * a failed shard, no hits), on a connection error or on its {@link LoadPhase#REQUEST_TIMEOUT}; the
 * first {@value #KEPT_FAILURES} failures are kept with their answer. Bounded in time and count: no
 * client starts a request after the deadline or past {@code maxRequests} in all; threads still busy
 * {@link LoadPhase#REQUEST_TIMEOUT} past the deadline are interrupted. The counters may be read from
 * other threads while it runs. One {@link #run} per instance. Does not own the HTTP client.
 */
final class SoakLoad {
    static final int KEPT_FAILURES = 5;
    private static final int FAILURE_BODY_CHARS = 1000;

    /** A failed request: when (seconds after the start), which kind, what came back. */
    record Failure(double seconds, RequestKind kind, String what) {}

    /**
     * What the clients did.
     *
     * @param attempted requests sent, per kind (in the order of {@code kinds})
     * @param failed failed requests, per kind
     * @param firstFailures the first {@value #KEPT_FAILURES} failures (in about the order they happened)
     * @param wallSeconds from the start to the last client's finish
     * @param stoppedByCount whether the count bound, not the deadline, ended the load
     */
    record Result(
            List<RequestKind> kinds,
            long[] attempted,
            long[] failed,
            List<Failure> firstFailures,
            double wallSeconds,
            boolean stoppedByCount) {
        long totalAttempted() {
            return Arrays.stream(attempted).sum();
        }

        long totalFailed() {
            return Arrays.stream(failed).sum();
        }
    }

    private final HttpClient client;
    private final URI base;
    private final String modelId;
    private final List<RequestKind> kinds;
    private final List<RequestInput> inputs;
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failedCount = new AtomicLong();
    private final AtomicLongArray attempted;
    private final AtomicLongArray failed;
    private final ConcurrentLinkedQueue<Failure> failures = new ConcurrentLinkedQueue<>();
    private volatile long startNanos;

    SoakLoad(HttpClient client, URI base, String modelId, List<RequestKind> kinds, List<RequestInput> inputs) {
        if (kinds.isEmpty() || inputs.isEmpty()) {
            throw new IllegalArgumentException("a soak needs request kinds and inputs");
        }
        this.client = client;
        this.base = base;
        this.modelId = modelId;
        this.kinds = List.copyOf(kinds);
        this.inputs = List.copyOf(inputs);
        this.attempted = new AtomicLongArray(kinds.size());
        this.failed = new AtomicLongArray(kinds.size());
    }

    /** The kind of request {@code n}. */
    static int kindIndex(long n, int kinds, int inputs) {
        return (int) ((n + n / inputs) % kinds);
    }

    long succeeded() {
        return succeeded.get();
    }

    long failed() {
        return failedCount.get();
    }

    /**
     * Runs {@code clients} clients from {@code startNanos} (a {@link System#nanoTime()} value, the
     * soak's time origin) until {@code duration} after it or {@code maxRequests} requests in all.
     */
    Result run(int clients, long startNanos, Duration duration, long maxRequests) {
        this.startNanos = startNanos;
        long deadline = startNanos + duration.toNanos();
        AtomicLong next = new AtomicLong();
        long[] finishedAt = new long[clients];
        List<Thread> threads = new ArrayList<>(clients);
        for (int c = 0; c < clients; c++) {
            int client = c;
            threads.add(Thread.ofPlatform().name("soak-client-" + c).daemon().start(() -> {
                try {
                    while (System.nanoTime() - deadline < 0) {
                        long n = next.getAndIncrement();
                        if (n >= maxRequests) {
                            break;
                        }
                        send(n);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    finishedAt[client] = System.nanoTime();
                }
            }));
        }
        long joinUntil = deadline + LoadPhase.REQUEST_TIMEOUT.toNanos();
        for (Thread thread : threads) {
            join(thread, joinUntil);
        }
        long end = Arrays.stream(finishedAt).max().orElse(startNanos);
        long[] attemptedNow = new long[kinds.size()];
        long[] failedNow = new long[kinds.size()];
        for (int k = 0; k < kinds.size(); k++) {
            attemptedNow[k] = attempted.get(k);
            failedNow[k] = failed.get(k);
        }
        return new Result(
                kinds,
                attemptedNow,
                failedNow,
                List.copyOf(failures),
                (end - startNanos) / 1e9,
                next.get() >= maxRequests);
    }

    private void send(long n) throws InterruptedException {
        int k = kindIndex(n, kinds.size(), inputs.size());
        RequestKind kind = kinds.get(k);
        BenchRequest request = kind.request(modelId, inputs.get((int) (n % inputs.size())));
        attempted.incrementAndGet(k);
        String error;
        try {
            HttpRequest http = HttpRequest.newBuilder(base.resolve(request.path()))
                    .timeout(LoadPhase.REQUEST_TIMEOUT)
                    .header("Content-Type", "application/json")
                    .POST(BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8))
                    .build();
            HttpResponse<String> response = client.send(http, BodyHandlers.ofString(StandardCharsets.UTF_8));
            String body = response.body();
            error = response.statusCode() == 200 && kind.accepts(body)
                    ? null
                    : "HTTP " + response.statusCode() + " "
                            + body.substring(0, Math.min(FAILURE_BODY_CHARS, body.length()));
        } catch (IOException e) {
            error = e.toString();
        }
        if (error == null) {
            succeeded.incrementAndGet();
            return;
        }
        failed.incrementAndGet(k);
        if (failedCount.incrementAndGet() <= KEPT_FAILURES) {
            failures.add(
                    new Failure((System.nanoTime() - startNanos) / 1e9, kind, "POST " + request.path() + ": " + error));
        }
    }

    private static void join(Thread thread, long untilNanos) {
        try {
            thread.join(Math.max(1, (untilNanos - System.nanoTime()) / 1_000_000));
            if (thread.isAlive()) {
                thread.interrupt();
                thread.join(LoadPhase.REQUEST_TIMEOUT.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the soak's clients", e);
        }
    }
}
