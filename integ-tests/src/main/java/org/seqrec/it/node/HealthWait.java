package org.seqrec.it.node;

import java.io.UncheckedIOException;
import java.time.Duration;

/** Polls a starting node until its cluster health is green. */
final class HealthWait {

    private static final long POLL_MILLIS = 250;

    private HealthWait() {}

    /**
     * Returns once {@code GET /_cluster/health} reports green.
     *
     * @throws IllegalStateException if the process exits first or {@code timeout} passes; the
     *     message says which, and the last answer or connection error seen
     */
    static void untilGreen(LocalOpenSearchNode node, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!node.isRunning()) {
                throw new IllegalStateException("OpenSearch exited during startup (" + last + ")");
            }
            try {
                NodeResponse health = node.http().get("/_cluster/health?wait_for_status=green&timeout=1s");
                if (health.status() == 200 && "green".equals(health.json().get("status"))) {
                    return;
                }
                last = health.toString();
            } catch (UncheckedIOException e) {
                // Not listening yet: the usual case during the first seconds.
                last = e.getCause() == null ? e.toString() : e.getCause().toString();
            }
            sleep();
        }
        throw new IllegalStateException("OpenSearch at " + node.httpUri() + " was not green after "
                + timeout.toSeconds() + " s (last: " + last + ")");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for OpenSearch to start", e);
        }
    }
}
