package org.seqrec.plugin.model;

import java.io.Closeable;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.OpenSearchException;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.encoder.Device;

/**
 * The models loaded on this node, by id. A model is read from the {@link ModelSource} once, on
 * first use, and kept until the node stops; concurrent first uses wait for the same read. Failed
 * reads are not cached, so a model file added or fixed later is picked up by the next request.
 * Replacing the file of a model that is already loaded has no effect until the node restarts: use a
 * new model id for a new model version.
 *
 * <p>Thread-safe. Owns the {@link LoadedModel}s and closes them in {@link #close()}.
 */
public final class ModelRegistry implements Closeable {
    private static final Logger LOGGER = LogManager.getLogger(ModelRegistry.class);

    private final ModelSource source;
    private final Device device;
    private final ConcurrentMap<String, CompletableFuture<LoadedModel>> models = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ModelRegistry(ModelSource source, Device device) {
        this.source = source;
        this.device = device;
    }

    /**
     * The model with this id, reading it first if needed (this blocks: call it off the network
     * threads).
     *
     * @throws IllegalArgumentException for an invalid id or an invalid artifact (400)
     * @throws org.opensearch.ResourceNotFoundException when the source has no such model (404)
     * @throws OpenSearchException when the artifact cannot be read (500)
     */
    public LoadedModel get(String modelId) {
        ModelIds.validate(modelId);
        ensureOpen();
        CompletableFuture<LoadedModel> mine = new CompletableFuture<>();
        CompletableFuture<LoadedModel> existing = models.putIfAbsent(modelId, mine);
        if (existing == null) {
            load(modelId, mine);
            existing = mine;
        }
        try {
            return existing.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OpenSearchException("interrupted while waiting for seqrec model [{}] to load", e, modelId);
        } catch (ExecutionException | CompletionException e) {
            throw rethrowable(e.getCause(), modelId);
        }
    }

    private void load(String modelId, CompletableFuture<LoadedModel> future) {
        try {
            long start = System.nanoTime();
            LoadedModel model = new LoadedModel(modelId, source.read(modelId), device);
            LOGGER.info("seqrec: loaded model [{}] ({} items) in {} ms", modelId, model.vocabulary().size(),
                    (System.nanoTime() - start) / 1_000_000);
            future.complete(model);
            if (closed) {
                // close() may have run between ensureOpen() and now
                model.close();
            }
        } catch (ArtifactException e) {
            fail(modelId, future, new IllegalArgumentException("seqrec model [" + modelId + "] is invalid: " + e.getMessage(), e));
        } catch (IOException e) {
            fail(modelId, future, new OpenSearchException("seqrec model [{}] cannot be read", e, modelId));
        } catch (RuntimeException e) {
            fail(modelId, future, e);
        }
    }

    private void fail(String modelId, CompletableFuture<LoadedModel> future, RuntimeException e) {
        models.remove(modelId, future);
        future.completeExceptionally(e);
    }

    private static RuntimeException rethrowable(Throwable cause, String modelId) {
        if (cause instanceof RuntimeException re) {
            return re;
        }
        return new OpenSearchException("seqrec model [{}] failed to load", cause, modelId);
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
