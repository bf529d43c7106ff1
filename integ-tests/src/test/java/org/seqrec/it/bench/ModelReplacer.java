package org.seqrec.it.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.seqrec.trainer.upload.ModelUploader;
import org.seqrec.trainer.upload.UploadOptions;
import org.seqrec.trainer.upload.UploadResult;

/**
 * Replaces the soak's model while the clients run: upload {@code k} (k = 1, 2, ...) is due at
 * {@code k x every} after the start and uploads the second artifact for odd {@code k}, the first for
 * even {@code k} (the first was uploaded before the start as generation 1), through the trainer's
 * {@link ModelUploader} (the code behind {@code seqrec-trainer upload}). Uploads run one at a time on
 * one thread: one that is due while the previous is still running starts when it ends (and counts
 * as late). Bounded: at most {@code count} uploads, none started after the deadline, each limited by
 * {@link #UPLOAD_TIMEOUT}. Each upload prints one line. {@link #generation()} may be read from other
 * threads.
 */
final class ModelReplacer {
    static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(2);

    /**
     * One replacement.
     *
     * @param number 1-based
     * @param dueSeconds when it was due, seconds after the start
     * @param startSeconds when it started
     * @param tookSeconds how long the upload took (until the node's answer)
     * @param artifact which file: {@code first} or {@code second}
     * @param generation the generation the node answered, -1 when it failed
     * @param result {@code updated}/{@code created} as answered, or the error
     */
    record Upload(
            int number,
            double dueSeconds,
            double startSeconds,
            double tookSeconds,
            String artifact,
            long generation,
            String result) {
        boolean failed() {
            return generation < 0;
        }
    }

    private final ModelUploader uploader;
    private final Path first;
    private final Path second;
    private final PrintStream out;
    private final AtomicLong generation;
    private final List<Upload> uploads = new ArrayList<>();
    private Thread thread;

    /** @param initialGeneration the generation of the upload made before the start */
    ModelReplacer(URI cluster, String modelId, Path first, Path second, long initialGeneration, PrintStream out) {
        this.uploader = new ModelUploader(new UploadOptions(cluster, modelId, null, UPLOAD_TIMEOUT));
        this.first = first;
        this.second = second;
        this.out = out;
        this.generation = new AtomicLong(initialGeneration);
    }

    /** The latest generation the node answered. */
    long generation() {
        return generation.get();
    }

    /** Starts the thread: {@code count} uploads, one every {@code every} from {@code startNanos}, none after {@code deadlineNanos}. */
    void start(long startNanos, Duration every, int count, long deadlineNanos) {
        thread = Thread.ofPlatform().name("soak-replacer").daemon().start(() -> {
            for (int k = 1; k <= count; k++) {
                long due = startNanos + k * every.toNanos();
                if (!sleepUntil(due) || System.nanoTime() - deadlineNanos >= 0) {
                    return;
                }
                upload(k, (due - startNanos) / 1e9, startNanos);
            }
        });
    }

    /** Waits for the thread (at most the upload time limit past now) and returns the uploads made. */
    List<Upload> finish() {
        if (thread != null) {
            try {
                thread.join(UPLOAD_TIMEOUT.toMillis() + 10_000);
                if (thread.isAlive()) {
                    thread.interrupt();
                    thread.join(10_000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (uploads) {
            return List.copyOf(uploads);
        }
    }

    private void upload(int k, double dueSeconds, long startNanos) {
        boolean useSecond = k % 2 == 1;
        Path file = useSecond ? second : first;
        long t0 = System.nanoTime();
        double startSeconds = (t0 - startNanos) / 1e9;
        Upload upload;
        try {
            UploadResult r = uploader.upload(file, sent -> {});
            generation.set(r.generation());
            upload = new Upload(
                    k,
                    dueSeconds,
                    startSeconds,
                    (System.nanoTime() - t0) / 1e9,
                    useSecond ? "second" : "first",
                    r.generation(),
                    r.result());
        } catch (IOException | RuntimeException e) {
            upload = new Upload(
                    k,
                    dueSeconds,
                    startSeconds,
                    (System.nanoTime() - t0) / 1e9,
                    useSecond ? "second" : "first",
                    -1,
                    e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        synchronized (uploads) {
            uploads.add(upload);
        }
        out.printf(
                Locale.ROOT,
                "t=%5.0fs  upload %d (%s artifact): %s in %.1f s%s%n",
                startSeconds,
                k,
                upload.artifact(),
                upload.failed()
                        ? "FAILED: " + upload.result()
                        : upload.result() + ", generation " + upload.generation(),
                upload.tookSeconds(),
                startSeconds - dueSeconds > 1
                        ? String.format(Locale.ROOT, " (started %.0f s late)", startSeconds - dueSeconds)
                        : "");
        out.flush();
    }

    private static boolean sleepUntil(long nanos) {
        try {
            long wait;
            while ((wait = nanos - System.nanoTime()) > 0) {
                Thread.sleep(Duration.ofNanos(wait));
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
