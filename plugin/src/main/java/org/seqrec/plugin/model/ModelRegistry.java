package org.seqrec.plugin.model;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.OpenSearchException;
import org.opensearch.ResourceNotFoundException;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.plugin.stats.SeqRecStats;

/**
 * The models loaded on this node, by {@link ModelRef} (id and version). Each version is read from
 * its {@link ModelSource} once, on first use; concurrent first uses wait for the same read; failed
 * reads are not cached. Sources are asked in order: the cluster's store first, then the config
 * directory.
 *
 * <p>Bounded: when the loaded models' estimated memory passes {@code maxBytes}, the least recently
 * used others are evicted (a model larger than the bound alone is refused). {@link #retainServable}
 * drops versions their source no longer serves (called when the cluster's catalogue changes:
 * replaced twice, or deleted). Evicted models are closed on {@code closer}, which waits for their
 * running calls; searches that already hold an evicted model's heap arrays finish with them.
 *
 * <p>Thread-safe. Owns the {@link LoadedModel}s and closes them.
 */
public final class ModelRegistry implements Closeable {
    private static final Logger LOGGER = LogManager.getLogger(ModelRegistry.class);

    private final List<ModelSource> sources;
    private final DevicePreference device;
    private final CpuInference cpuInference;
    private final ItemIndexConfig indexConfig;
    private final long maxBytes;
    private final SeqRecStats stats;
    private final Executor closer;
    private final ConcurrentMap<ModelRef, CompletableFuture<LoadedModel>> models = new ConcurrentHashMap<>();
    /** Told the version of every model unloaded (evicted, no longer served), e.g. to drop its cached user vectors. */
    private final List<Consumer<ModelRef>> unloadListeners = new CopyOnWriteArrayList<>();

    private volatile boolean closed;

    /**
     * @param sources where models come from, asked in order
     * @param maxBytes the bound on the loaded models' estimated memory
     * @param closer where evicted models are closed (closing waits for running encodes)
     */
    public ModelRegistry(
            List<ModelSource> sources, DevicePreference device, long maxBytes, SeqRecStats stats, Executor closer) {
        this(sources, device, CpuInference.JAVA, maxBytes, stats, closer);
    }

    /**
     * @param cpuInference what runs networks that encode on the CPU ({@code plugins.seqrec.cpu_inference})
     * @see #ModelRegistry(List, DevicePreference, long, SeqRecStats, Executor)
     */
    public ModelRegistry(
            List<ModelSource> sources,
            DevicePreference device,
            CpuInference cpuInference,
            long maxBytes,
            SeqRecStats stats,
            Executor closer) {
        this(sources, device, cpuInference, ItemIndexConfig.defaults(), maxBytes, stats, closer);
    }

    /**
     * @param indexConfig how loaded models search their items ({@code plugins.seqrec.index.*}); an HNSW
     *     graph counts in {@code maxBytes} from its build's start, and is not built when it does not fit
     * @see #ModelRegistry(List, DevicePreference, CpuInference, long, SeqRecStats, Executor)
     */
    public ModelRegistry(
            List<ModelSource> sources,
            DevicePreference device,
            CpuInference cpuInference,
            ItemIndexConfig indexConfig,
            long maxBytes,
            SeqRecStats stats,
            Executor closer) {
        if (sources.isEmpty() || maxBytes < 1) {
            throw new IllegalArgumentException("a model registry needs a source and a positive memory bound");
        }
        this.sources = List.copyOf(sources);
        this.device = device;
        this.cpuInference = cpuInference;
        this.indexConfig = Objects.requireNonNull(indexConfig, "indexConfig");
        this.maxBytes = maxBytes;
        this.stats = stats;
        this.closer = closer;
    }

    /** One source, no memory bound, evicted models closed on the calling thread (for tests and tools). */
    public ModelRegistry(ModelSource source, DevicePreference device) {
        this(List.of(source), device, Long.MAX_VALUE, new SeqRecStats(), Runnable::run);
    }

    /**
     * The version of {@code modelId} a new request should use: the store's current version, else the
     * config directory's file.
     *
     * @throws IllegalArgumentException for an invalid id (400)
     * @throws ResourceNotFoundException when no source has the model (404)
     */
    public ModelRef resolve(String modelId) {
        ModelIds.validate(modelId);
        for (ModelSource source : sources) {
            Optional<ModelRef> ref = source.resolve(modelId);
            if (ref.isPresent()) {
                return ref.get();
            }
        }
        throw new ResourceNotFoundException(
                "seqrec model [{}] not found: it is not in the cluster's model store"
                        + " (PUT _plugins/_seqrec/models/{}) and there is no file [config/seqrec/models/{}.seqrec] on this node",
                modelId,
                modelId,
                modelId);
    }

    /** The current version of {@code modelId}, loaded: {@code get(resolve(modelId))}. */
    public LoadedModel get(String modelId) {
        return get(resolve(modelId));
    }

    /**
     * This version of a model, reading it first if needed (this blocks: call it off the network
     * threads). Not counted in the stats: for a request's own first use see {@link #getForRequest}.
     *
     * @throws IllegalArgumentException for an invalid artifact, or one larger than the memory bound (400)
     * @throws ResourceNotFoundException when the version is not servable any more (404)
     * @throws OpenSearchException when the artifact cannot be read (500)
     */
    public LoadedModel get(ModelRef ref) {
        return get(ref, false);
    }

    /**
     * {@link #get(ModelRef)}, counted in the stats as one request's model-cache hit (the version was
     * loaded, or another call is loading it) or miss (this call loads it). Call it once per request
     * on the node that encodes the request's history, so that the counts are per request, as
     * docs/rest-api.md says, not per lookup; later uses in the same request call {@link #get(ModelRef)}.
     */
    public LoadedModel getForRequest(ModelRef ref) {
        return get(ref, true);
    }

    private LoadedModel get(ModelRef ref, boolean countLookup) {
        ensureOpen();
        CompletableFuture<LoadedModel> mine = new CompletableFuture<>();
        CompletableFuture<LoadedModel> existing = models.putIfAbsent(ref, mine);
        if (existing == null) {
            if (countLookup) {
                stats.cacheMiss();
            }
            load(ref, mine);
            existing = mine;
        } else if (countLookup) {
            stats.cacheHit();
        }
        try {
            LoadedModel model = existing.get();
            model.touch();
            return model;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenSearchException("interrupted while waiting for seqrec model [{}] to load", e, ref);
        } catch (ExecutionException | CompletionException e) {
            throw rethrowable(e.getCause(), ref);
        }
    }

    /** Whether this version is loaded (or loading) on this node. */
    public boolean isLoaded(ModelRef ref) {
        CompletableFuture<LoadedModel> f = models.get(ref);
        return f != null && f.isCompletedExceptionally() == false;
    }

    /**
     * The loaded model of {@code ref}, marked used as {@link #get(ModelRef)} marks it, or {@code null}
     * while it is not loaded (or still loading); never blocks, loads nothing, counts nothing.
     */
    public LoadedModel loadedNow(ModelRef ref) {
        CompletableFuture<LoadedModel> f = models.get(ref);
        if (f == null || f.isDone() == false || f.isCompletedExceptionally()) {
            return null;
        }
        LoadedModel model = f.getNow(null);
        model.touch();
        return model;
    }

    /** The models loaded on this node now. */
    public List<LoadedModel> loaded() {
        List<LoadedModel> out = new ArrayList<>();
        for (CompletableFuture<LoadedModel> f : models.values()) {
            LoadedModel m = f.getNow(null);
            if (m != null) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(m -> m.ref().toString()));
        return out;
    }

    /** Evicts the loaded versions that their source no longer serves (deleted, or replaced twice). */
    public void retainServable() {
        for (ModelRef ref : List.copyOf(models.keySet())) {
            if (sourceOf(ref).isEmpty()) {
                evict(ref, "it is no longer served");
            }
        }
    }

    private Optional<ModelSource> sourceOf(ModelRef ref) {
        return sources.stream().filter(s -> s.isServable(ref)).findFirst();
    }

    private void load(ModelRef ref, CompletableFuture<LoadedModel> future) {
        try {
            long start = System.nanoTime();
            ModelSource source = sourceOf(ref)
                    .orElseThrow(() -> new ResourceNotFoundException(
                            "seqrec model [{}] version [{}] is not available any more (replaced or deleted): retry the request",
                            ref.modelId(),
                            ref.version()));
            LoadedModel model =
                    new LoadedModel(ref, source.read(ref), device, cpuInference, indexConfig, this::reserveGraph);
            if (model.memoryBytes() > maxBytes) {
                throw new IllegalArgumentException(
                        "seqrec model [" + ref.modelId() + "] needs about " + mib(model.memoryBytes())
                                + " MiB, more than plugins.seqrec.model_cache.max_size (" + mib(maxBytes) + " MiB)");
            }
            LOGGER.info(
                    "seqrec: loaded model [{}] ({} items, ~{} MiB) in {} ms",
                    ref,
                    model.vocabulary().size(),
                    mib(model.memoryBytes()),
                    (System.nanoTime() - start) / 1_000_000);
            future.complete(model);
            if (closed) {
                // close() may have run between ensureOpen() and now
                model.close();
            }
            evictToFit(ref);
        } catch (ArtifactException e) {
            fail(
                    ref,
                    future,
                    new IllegalArgumentException(
                            "seqrec model [" + ref.modelId() + "] is invalid: " + e.getMessage(), e));
        } catch (IOException e) {
            fail(ref, future, new OpenSearchException("seqrec model [{}] cannot be read", e, ref));
        } catch (RuntimeException e) {
            fail(ref, future, e);
        }
    }

    /**
     * Called by a model whose graph build is about to start (its memory already counts the graph):
     * false when the model with its graph exceeds the bound alone, else true after evicting others
     * until everything fits.
     */
    private boolean reserveGraph(LoadedModel model) {
        if (model.memoryBytesWithGraph() > maxBytes) {
            return false;
        }
        evictToFit(model.ref());
        return true;
    }

    /** Evicts least recently used models other than {@code keep} until the loaded ones fit the bound. */
    private synchronized void evictToFit(ModelRef keep) {
        List<LoadedModel> loaded = loaded();
        long total = loaded.stream().mapToLong(LoadedModel::memoryBytes).sum();
        loaded.sort(Comparator.comparingLong(LoadedModel::lastUsedNanos));
        for (LoadedModel m : loaded) {
            if (total <= maxBytes) {
                break;
            }
            if (m.ref().equals(keep) == false) {
                evict(m.ref(), "plugins.seqrec.model_cache.max_size (" + mib(maxBytes) + " MiB) is reached");
                total -= m.memoryBytes();
            }
        }
    }

    private void evict(ModelRef ref, String why) {
        CompletableFuture<LoadedModel> f = models.remove(ref);
        LoadedModel m = f == null ? null : f.getNow(null);
        if (m != null) {
            LOGGER.info("seqrec: unloading model [{}]: {}", ref, why);
            closer.execute(m::close);
        }
        if (f != null) {
            unloadListeners.forEach(l -> l.accept(ref));
        }
    }

    /** Calls {@code listener} with the version of each model this registry unloads from now on. */
    public void addUnloadListener(Consumer<ModelRef> listener) {
        unloadListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void fail(ModelRef ref, CompletableFuture<LoadedModel> future, RuntimeException e) {
        stats.loadFailed();
        models.remove(ref, future);
        future.completeExceptionally(e);
    }

    private static RuntimeException rethrowable(Throwable cause, ModelRef ref) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new OpenSearchException("seqrec model [{}] failed to load", cause, ref);
    }

    private static long mib(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the seqrec model registry is closed (node shutting down)");
        }
    }

    /** Closes every loaded model (their encoders' native memory). */
    @Override
    public void close() {
        closed = true;
        for (CompletableFuture<LoadedModel> f : models.values()) {
            LoadedModel m = f.getNow(null);
            if (m != null) {
                m.close();
            }
        }
        models.clear();
    }
}
