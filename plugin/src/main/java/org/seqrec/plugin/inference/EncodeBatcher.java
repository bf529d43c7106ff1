package org.seqrec.plugin.inference;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.concurrency.OpenSearchRejectedExecutionException;
import org.seqrec.plugin.model.ModelRef;

/**
 * Dynamic batching: gathers the encodes that arrive concurrently on this node (from the rescorer,
 * the query and {@code _recommend}) into one forward pass per model version, as TF Serving's and
 * Triton's batchers do. A worker on the inference pool takes the oldest waiting history and every
 * other waiting one of the same version, up to {@code maxBatch}; when fewer are waiting it waits up
 * to {@code maxWait} after the oldest arrived for more (0: never waits, so a lone request pays
 * nothing and batches form only under load). Identical histories in one batch are encoded once.
 *
 * <p>At most {@code workers} batches run at once (one per inference thread). At most {@code
 * maxQueue} histories wait; one more is rejected with {@link OpenSearchRejectedExecutionException}
 * (429). Listeners are answered on the worker's thread. Thread-safe.
 *
 * @param <H> a history as the batch encoder reads it (equal ones, by {@code equals}, run once)
 */
public final class EncodeBatcher<H> {
    /** Runs one batch: histories of one model version in, one user vector (D) per history out, in order. */
    public interface BatchEncoder<H> extends BiFunction<ModelRef, List<H>, float[][]> {}

    /** What the batcher did, for node stats. */
    public interface Listener {
        /** One batch of {@code size} distinct histories ran; its oldest request waited {@code queueNanos}. */
        void batchRan(int size, long queueNanos);
    }

    private final Executor executor;
    private final BatchEncoder<H> encoder;
    private final BatchingPolicy policy;
    private final Listener listener;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending<H>> queue = new ArrayDeque<>(); // guarded by lock
    private int runningWorkers; // guarded by lock

    public EncodeBatcher(Executor executor, BatchingPolicy policy, BatchEncoder<H> encoder, Listener listener) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Queues {@code history} for a batch of {@code ref}; {@code done} gets its user vector or the batch's failure. */
    public void submit(ModelRef ref, H history, ActionListener<float[]> done) {
        boolean startWorker;
        lock.lock();
        try {
            if (queue.size() >= policy.maxQueue()) {
                done.onFailure(new OpenSearchRejectedExecutionException(
                        "seqrec encode queue is full (" + policy.maxQueue()
                                + " histories waiting, plugins.seqrec.batching.max_queue): retry later",
                        false));
                return;
            }
            queue.add(new Pending<>(ref, history, done, System.nanoTime()));
            arrived.signal();
            startWorker = runningWorkers < policy.workers();
            if (startWorker) {
                runningWorkers++;
            }
        } finally {
            lock.unlock();
        }
        if (startWorker) {
            startWorker();
        }
    }

    private void startWorker() {
        try {
            executor.execute(this::work);
        } catch (RuntimeException rejected) {
            // the pool refused the worker: fail what only this worker would have served
            List<Pending<H>> orphans = new ArrayList<>();
            lock.lock();
            try {
                runningWorkers--;
                if (runningWorkers == 0) {
                    orphans.addAll(queue);
                    queue.clear();
                }
            } finally {
                lock.unlock();
            }
            orphans.forEach(p -> p.done().onFailure(rejected));
        }
    }

    /** Runs batches until nothing waits. */
    private void work() {
        while (true) {
            List<Pending<H>> batch = nextBatch();
            if (batch == null) {
                return;
            }
            run(batch);
        }
    }

    /** The next batch, or null (and this worker ends) when nothing waits. */
    private List<Pending<H>> nextBatch() {
        lock.lock();
        try {
            if (queue.isEmpty()) {
                runningWorkers--;
                return null;
            }
            Pending<H> oldest = queue.peekFirst();
            long deadline = oldest.enqueuedNanos() + policy.maxWaitNanos();
            while (policy.maxWaitNanos() > 0 && countOf(oldest.ref()) < policy.maxBatch()) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    arrived.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                if (queue.peekFirst() != oldest) {
                    break; // another worker took it
                }
            }
            if (queue.isEmpty()) {
                runningWorkers--;
                return null;
            }
            ModelRef ref = queue.peekFirst().ref();
            List<Pending<H>> batch = new ArrayList<>();
            for (Iterator<Pending<H>> it = queue.iterator(); it.hasNext() && batch.size() < policy.maxBatch(); ) {
                Pending<H> p = it.next();
                if (p.ref().equals(ref)) {
                    batch.add(p);
                    it.remove();
                }
            }
            return batch;
        } finally {
            lock.unlock();
        }
    }

    private int countOf(ModelRef ref) {
        int n = 0;
        for (Pending<H> p : queue) {
            if (p.ref().equals(ref)) {
                n++;
            }
        }
        return n;
    }

    private void run(List<Pending<H>> batch) {
        // identical histories (the query and the rescorer of one request, a user's retries) run once
        Map<H, List<Pending<H>>> distinct = new LinkedHashMap<>();
        for (Pending<H> p : batch) {
            distinct.computeIfAbsent(p.history(), h -> new ArrayList<>()).add(p);
        }
        List<H> histories = new ArrayList<>(distinct.keySet());
        float[][] vectors;
        try {
            listener.batchRan(histories.size(), System.nanoTime() - batch.get(0).enqueuedNanos());
            vectors = encoder.apply(batch.get(0).ref(), histories);
            if (vectors.length != histories.size()) {
                throw new IllegalStateException(
                        "batch encoder returned " + vectors.length + " vectors for " + histories.size() + " histories");
            }
        } catch (RuntimeException e) {
            batch.forEach(p -> p.done().onFailure(e));
            return;
        }
        int i = 0;
        for (List<Pending<H>> same : distinct.values()) {
            float[] vector = vectors[i++];
            for (Pending<H> p : same) {
                p.done().onResponse(vector);
            }
        }
    }

    private record Pending<H>(ModelRef ref, H history, ActionListener<float[]> done, long enqueuedNanos) {}

    /**
     * How the batcher gathers: {@code maxBatch} histories at most per pass (1: no batching), {@code
     * maxWaitNanos} waited at most for a batch to fill, {@code maxQueue} histories waiting at most,
     * {@code workers} batches running at once.
     */
    public record BatchingPolicy(int maxBatch, long maxWaitNanos, int maxQueue, int workers) {
        public BatchingPolicy {
            if (maxBatch < 1 || maxWaitNanos < 0 || maxQueue < 1 || workers < 1) {
                throw new IllegalArgumentException("maxBatch, maxQueue and workers must be >= 1 and maxWait >= 0");
            }
        }

        public static BatchingPolicy of(int maxBatch, long maxWait, TimeUnit unit, int maxQueue, int workers) {
            return new BatchingPolicy(maxBatch, unit.toNanos(maxWait), maxQueue, workers);
        }
    }
}
