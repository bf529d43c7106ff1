package org.seqrec.plugin.inference;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.opensearch.action.support.ContextPreservingActionListener;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.core.action.ActionListener;
import org.seqrec.plugin.history.TimedHistory;
import org.seqrec.plugin.inference.EncodeBatcher.BatchingPolicy;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.model.ModelClosedException;
import org.seqrec.plugin.model.ModelRef;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.settings.SeqRecSettings;
import org.seqrec.plugin.stats.SeqRecStats;

/**
 * How this node turns a history into a user vector: first the {@link UserVectorCache} (a version's
 * vector of the same history, or an encode of it already running); then, for a loaded model that
 * encodes in plain Java ({@link LoadedModel#encodesInJava}: tens of microseconds a history, no
 * faster per history in batches), an encode right on the calling thread, which saves the two thread
 * hops and the queue; else the {@link EncodeBatcher}, which runs the model over the histories
 * waiting for the same version in one forward pass on the inference pool (DJL, a GPU, and the first
 * encode of a version, which opens its encoder). A version unloaded by the registry loses its
 * cached vectors.
 *
 * <p>Counts in {@link SeqRecStats}: one encode (and its latency, from asking to answer, queue wait
 * included) per history the model ran, one model-cache lookup per such history, each batch, and
 * each encode on a calling thread.
 * Thread-safe.
 */
public final class HistoryEncoder {
    private final ModelRegistry models;
    private final SeqRecStats stats;
    private final UserVectorCache vectors;
    private final EncodeBatcher<TimedHistory> batcher;
    /** The node's thread context, or null (tests and tools without one). */
    private final ThreadContext threadContext;

    /**
     * {@link #HistoryEncoder(ModelRegistry, Executor, int, Settings, SeqRecStats, ThreadContext)}
     * without a thread context to restore (tests and tools).
     */
    public HistoryEncoder(ModelRegistry models, Executor executor, int workers, Settings settings, SeqRecStats stats) {
        this(models, executor, workers, settings, stats, null);
    }

    /**
     * @param executor the inference pool, where batches run
     * @param workers the pool's size: batches running at once
     * @param threadContext the node's thread context: every caller's listener is answered in the
     *     caller's own context (its user and headers), whichever request's batch computed the vector
     */
    public HistoryEncoder(
            ModelRegistry models,
            Executor executor,
            int workers,
            Settings settings,
            SeqRecStats stats,
            ThreadContext threadContext) {
        this.threadContext = threadContext;
        this.models = Objects.requireNonNull(models, "models");
        this.stats = Objects.requireNonNull(stats, "stats");
        this.vectors = new UserVectorCache(
                SeqRecSettings.USER_VECTOR_CACHE_MAX_SIZE.get(settings).getBytes());
        int maxBatch = SeqRecSettings.BATCHING_ENABLED.get(settings)
                ? SeqRecSettings.BATCHING_MAX_BATCH_SIZE.get(settings)
                : 1;
        long maxWaitNanos = maxBatch == 1
                ? 0
                : SeqRecSettings.BATCHING_MAX_WAIT.get(settings).nanos();
        BatchingPolicy policy =
                new BatchingPolicy(maxBatch, maxWaitNanos, SeqRecSettings.BATCHING_MAX_QUEUE.get(settings), workers);
        this.batcher = new EncodeBatcher<>(executor, policy, this::runBatch, stats::batchRan);
        models.addUnloadListener(vectors::invalidate);
    }

    /**
     * Answers {@code listener} with the user vector (D) of {@code history} under {@code ref}: at once
     * from the cache or from an encode on this thread (plain-Java encoders), else from a batch on the
     * inference pool (a full queue: 429). The vector is shared: do not modify it. Failures (invalid
     * artifact: 400, version gone: 404) go to the listener.
     */
    public void encodeAsync(ModelRef ref, List<String> history, ActionListener<float[]> caller) {
        encodeAsync(ref, TimedHistory.untimed(history), caller);
    }

    /**
     * {@link #encodeAsync(ModelRef, List, ActionListener)} for a history with its times. The cache
     * keys a model that reads times on the history's time codes too ({@link #cacheCodes}); a
     * time-reading model given a history without times fails with a 400 saying so.
     */
    public void encodeAsync(ModelRef ref, TimedHistory history, ActionListener<float[]> caller) {
        // a batch (or an encode another request started) answers on a thread in another request's context
        ActionListener<float[]> listener = threadContext == null
                ? caller
                : ContextPreservingActionListener.wrapPreservingContext(caller, threadContext);
        long start = System.nanoTime();
        LoadedModel known = models.loadedNow(ref);
        if (known == null && history.hasTimes()) {
            // the version's first encode: whether its key holds the time codes is known once it is loaded
            batcher.submit(
                    ref,
                    history,
                    ActionListener.wrap(
                            vector -> {
                                stats.encoded(System.nanoTime() - start);
                                cacheUnderItsKey(ref, history, vector);
                                listener.onResponse(vector);
                            },
                            e -> {
                                stats.encodeFailed();
                                listener.onFailure(e);
                            }));
            return;
        }
        int[] codes;
        try {
            codes = cacheCodes(known, history);
        } catch (IllegalArgumentException e) {
            listener.onFailure(e);
            return;
        }
        vectors.getAsync(ref, history.items(), codes, listener, encoded -> {
            LoadedModel loaded = models.loadedNow(ref);
            if (loaded == null || loaded.encodesInJava() == false || encodedHere(loaded, history, encoded) == false) {
                batcher.submit(
                        ref,
                        history,
                        ActionListener.wrap(
                                vector -> {
                                    stats.encoded(System.nanoTime() - start);
                                    encoded.onResponse(vector);
                                },
                                e -> {
                                    stats.encodeFailed();
                                    encoded.onFailure(e);
                                }));
            }
        });
    }

    /**
     * Encodes {@code history} with {@code loaded} on this thread and answers {@code encoded}; {@code
     * false} (nothing answered) when the model was closed meanwhile, so that the caller queues it:
     * loading the model again may read the store, which a network thread must not wait for.
     */
    private boolean encodedHere(LoadedModel loaded, TimedHistory history, ActionListener<float[]> encoded) {
        long start = System.nanoTime();
        float[] vector;
        try {
            vector = loaded.encodeTimed(List.of(history))[0];
        } catch (ModelClosedException e) {
            return false;
        } catch (RuntimeException e) {
            stats.cacheHit();
            stats.encodeFailed();
            encoded.onFailure(e);
            return true;
        }
        stats.cacheHit(); // the model was loaded: one model-cache lookup that found it, as runBatch counts
        stats.encoded(System.nanoTime() - start);
        stats.encodedOnCallingThread();
        encoded.onResponse(vector);
        return true;
    }

    /**
     * {@link #encodeAsync} on the calling thread, cached but not batched (blocks while encoding:
     * never on a network thread). For shards that encode a history themselves.
     */
    public float[] encode(ModelRef ref, List<String> history) {
        return encode(ref, TimedHistory.untimed(history));
    }

    /** {@link #encode(ModelRef, List)} for a history with its times. */
    public float[] encode(ModelRef ref, TimedHistory history) {
        LoadedModel known = models.loadedNow(ref);
        if (known == null && history.hasTimes()) {
            float[] vector = encodeUncached(ref, history);
            cacheUnderItsKey(ref, history, vector);
            return vector;
        }
        int[] codes = cacheCodes(known, history);
        return vectors.get(ref, history.items(), codes, () -> encodeUncached(ref, history));
    }

    /**
     * What the user-vector cache keys a history on besides its items: its time codes when the model
     * reads times, else nothing. A version not loaded yet is not known to read times or not: a timed
     * history's first encode then skips the lookup and is cached once the version is loaded, under
     * that version's key.
     *
     * @throws IllegalArgumentException (400) when a loaded model reads times and the history has none
     */
    static int[] cacheCodes(LoadedModel loaded, TimedHistory history) {
        if (loaded != null && loaded.readsTimes() == false) {
            return null;
        }
        if (history.hasTimes() == false) {
            if (loaded != null) {
                throw LoadedModel.noTimes(loaded.id());
            }
            return null;
        }
        return history.timeCodes();
    }

    /** Caches a vector encoded without a lookup under the key its (now loaded) version reads. */
    private void cacheUnderItsKey(ModelRef ref, TimedHistory history, float[] vector) {
        LoadedModel loaded = models.loadedNow(ref);
        if (loaded != null) {
            vectors.put(ref, history.items(), cacheCodes(loaded, history), vector);
        }
    }

    /** One forward pass over {@code history} on this thread, counted (latency, or the failure). */
    private float[] encodeUncached(ModelRef ref, TimedHistory history) {
        long start = System.nanoTime();
        try {
            float[] vector = runBatch(ref, List.of(history))[0];
            stats.encoded(System.nanoTime() - start);
            return vector;
        } catch (RuntimeException e) {
            stats.encodeFailed();
            throw e;
        }
    }

    /**
     * One forward pass of {@code ref}'s model over {@code histories}, counted as one model-cache
     * lookup per history. A model unloaded between lookup and use (replaced, evicted) is looked up
     * once more; the registry loads it again.
     */
    private float[][] runBatch(ModelRef ref, List<TimedHistory> histories) {
        LoadedModel model = models.getForRequest(ref);
        for (int i = 1; i < histories.size(); i++) {
            stats.cacheHit(); // the first lookup of the batch found it, or loaded it, for all of them
        }
        try {
            return model.encodeTimed(histories);
        } catch (ModelClosedException e) {
            return models.get(ref).encodeTimed(histories);
        }
    }

    /** The cache's counters, for node stats. */
    public UserVectorCache.Stats cacheStats() {
        return vectors.stats();
    }
}
