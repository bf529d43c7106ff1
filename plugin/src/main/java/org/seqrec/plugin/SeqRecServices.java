package org.seqrec.plugin;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.opensearch.action.ActionRunnable;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.action.ActionListener;
import org.seqrec.plugin.model.EncodedHistory;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.model.ModelClosedException;
import org.seqrec.plugin.model.ModelRef;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.settings.SeqRecSettings;
import org.seqrec.plugin.stats.SeqRecStats;

/**
 * The node-wide services the plugin's search extensions share, built once per node in
 * {@link SeqRecPlugin#createComponents} and handed to builders through a supplier (no statics).
 *
 * @param models the models loaded on this node
 * @param inferenceExecutor where models are read and histories encoded (the {@code seqrec_inference} pool)
 * @param maxHistoryLength the longest {@code history} a request may send ({@code plugins.seqrec.max_history_length})
 * @param maxWindowSize the largest rescore {@code window_size} ({@code plugins.seqrec.max_window_size})
 * @param stats this node's counters
 * @param deviceSetting the value of {@code plugins.seqrec.device}, for stats
 */
public record SeqRecServices(ModelRegistry models, Executor inferenceExecutor, int maxHistoryLength, int maxWindowSize,
                             SeqRecStats stats, String deviceSetting) {

    public SeqRecServices {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(inferenceExecutor, "inferenceExecutor");
        Objects.requireNonNull(stats, "stats");
        if (maxHistoryLength < 1 || maxWindowSize < 1) {
            throw new IllegalArgumentException("maxHistoryLength and maxWindowSize must be >= 1");
        }
    }

    /**
     * Services with fresh counters and the settings' defaults for the window limit and the device
     * (tests and tools).
     */
    public SeqRecServices(ModelRegistry models, Executor inferenceExecutor, int maxHistoryLength) {
        this(models, inferenceExecutor, maxHistoryLength, SeqRecSettings.MAX_WINDOW_SIZE.getDefault(Settings.EMPTY), new SeqRecStats(),
                SeqRecSettings.DEVICE.getDefaultRaw(Settings.EMPTY));
    }

    /**
     * Loads the model's current version if needed and encodes {@code history} on the inference pool,
     * then answers {@code listener} there with the vector and the version that encoded it, so that
     * shards score with the same version. Failures (unknown model: 404, invalid artifact: 400, pool
     * full: 429) go to {@code listener.onFailure}.
     */
    public void encodePinnedAsync(String modelId, List<String> history, ActionListener<EncodedHistory> listener) {
        try {
            inferenceExecutor.execute(ActionRunnable.supply(listener, () -> encode(models.resolve(modelId), history)));
        } catch (RejectedExecutionException e) {
            // OpenSearch's pools report rejections through AbstractRunnable#onRejection; others throw
            listener.onFailure(e);
        }
    }

    /**
     * Encodes on the calling thread (blocks: never on a network thread), counting the encode, its
     * latency and the request's one model-cache lookup ({@link ModelRegistry#getForRequest}).
     */
    public EncodedHistory encode(ModelRef ref, List<String> history) {
        long start = System.nanoTime();
        try {
            float[] vector = onModel(ref, model -> model.encode(history), true);
            stats.encoded(System.nanoTime() - start);
            return new EncodedHistory(ref, vector);
        } catch (RuntimeException e) {
            stats.encodeFailed();
            throw e;
        }
    }

    /**
     * Runs {@code use} on the loaded model of {@code ref} (loading it if needed; not counted as a
     * model-cache lookup: the request counted one when it encoded). A model unloaded between lookup
     * and use (replaced, evicted: {@link ModelClosedException}) is looked up and used once more; the
     * registry loads it again.
     */
    public <T> T withModel(ModelRef ref, Function<LoadedModel, T> use) {
        return onModel(ref, use, false);
    }

    private <T> T onModel(ModelRef ref, Function<LoadedModel, T> use, boolean countLookup) {
        try {
            return use.apply(countLookup ? models.getForRequest(ref) : models.get(ref));
        } catch (ModelClosedException e) {
            return use.apply(models.get(ref));
        }
    }

    /** Loads this model version on the inference pool if needed, then answers {@code listener} there. */
    public void loadAsync(ModelRef ref, ActionListener<Void> listener) {
        try {
            inferenceExecutor.execute(ActionRunnable.run(listener, () -> models.get(ref)));
        } catch (RejectedExecutionException e) {
            listener.onFailure(e);
        }
    }

    /**
     * The loaded model of {@code ref}, for callers that use it right away (not counted as a
     * model-cache lookup; see {@link #withModel} for the retry rule).
     */
    public LoadedModel model(ModelRef ref) {
        return models.get(ref);
    }
}
