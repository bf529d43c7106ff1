package org.seqrec.plugin;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;
import org.opensearch.action.ActionRunnable;
import org.opensearch.common.CheckedSupplier;
import org.opensearch.common.settings.Settings;
import org.opensearch.core.action.ActionListener;
import org.seqrec.plugin.history.TimedHistory;
import org.seqrec.plugin.inference.HistoryEncoder;
import org.seqrec.plugin.model.EncodedHistory;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.model.ModelClosedException;
import org.seqrec.plugin.model.ModelRef;
import org.seqrec.plugin.model.ModelRegistry;
import org.seqrec.plugin.model.RankingModelException;
import org.seqrec.plugin.rescore.SegmentItemRows;
import org.seqrec.plugin.settings.SeqRecSettings;
import org.seqrec.plugin.stats.SeqRecStats;

/**
 * The node-wide services the plugin's search extensions share, built once per node in
 * {@link SeqRecPlugin#createComponents} and handed to builders through a supplier (no statics).
 *
 * @param models the models loaded on this node
 * @param inferenceExecutor where models are read, histories encoded and items searched (the {@code seqrec_inference} pool)
 * @param encoder how histories become user vectors: cached, batched (see {@link HistoryEncoder})
 * @param segmentRows the rescorer's per-segment map from item ordinals to model rows, dropped with
 *     the model versions the registry unloads
 * @param maxHistoryLength the longest {@code history} a request may send ({@code plugins.seqrec.max_history_length})
 * @param maxWindowSize the largest rescore {@code window_size} ({@code plugins.seqrec.max_window_size})
 * @param stats this node's counters
 * @param deviceSetting the value of {@code plugins.seqrec.device}, for stats
 */
public record SeqRecServices(
        ModelRegistry models,
        Executor inferenceExecutor,
        HistoryEncoder encoder,
        SegmentItemRows segmentRows,
        int maxHistoryLength,
        int maxWindowSize,
        SeqRecStats stats,
        String deviceSetting) {

    public SeqRecServices {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(inferenceExecutor, "inferenceExecutor");
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(segmentRows, "segmentRows");
        Objects.requireNonNull(stats, "stats");
        if (maxHistoryLength < 1 || maxWindowSize < 1) {
            throw new IllegalArgumentException("maxHistoryLength and maxWindowSize must be >= 1");
        }
    }

    /**
     * Services with fresh counters and the settings' defaults for the window limit, the device,
     * batching and the user-vector cache (tests and tools); batches run on {@code inferenceExecutor},
     * one at a time.
     */
    public SeqRecServices(ModelRegistry models, Executor inferenceExecutor, int maxHistoryLength) {
        this(models, inferenceExecutor, maxHistoryLength, new SeqRecStats());
    }

    /** {@link #SeqRecServices(ModelRegistry, Executor, int)} counting in {@code stats}. */
    public SeqRecServices(ModelRegistry models, Executor inferenceExecutor, int maxHistoryLength, SeqRecStats stats) {
        this(
                models,
                inferenceExecutor,
                new HistoryEncoder(models, inferenceExecutor, 1, Settings.EMPTY, stats),
                segmentRows(models),
                maxHistoryLength,
                SeqRecSettings.MAX_WINDOW_SIZE.getDefault(Settings.EMPTY),
                stats,
                SeqRecSettings.DEVICE.getDefaultRaw(Settings.EMPTY));
    }

    /** Segment rows that {@code models} empties of each version it unloads. */
    public static SegmentItemRows segmentRows(ModelRegistry models) {
        SegmentItemRows rows = new SegmentItemRows();
        models.addUnloadListener(rows::invalidate);
        return rows;
    }

    /**
     * Resolves the model's current version, then answers {@code listener} with the user vector of
     * {@code history} and the version that encoded it, so that shards score with the same version:
     * from the node's user-vector cache, or from a batch on the inference pool. Failures (unknown
     * model: 404, invalid artifact: 400, queue full: 429) go to {@code listener.onFailure}.
     */
    public void encodePinnedAsync(String modelId, List<String> history, ActionListener<EncodedHistory> listener) {
        encodePinnedAsync(modelId, TimedHistory.untimed(history), listener);
    }

    /**
     * {@link #encodePinnedAsync(String, List, ActionListener)} for a history with its times: a model
     * that reads times encodes them (one without them fails with a 400), a time-blind one ignores them.
     */
    public void encodePinnedAsync(String modelId, TimedHistory history, ActionListener<EncodedHistory> listener) {
        ModelRef ref;
        try {
            ref = models.resolve(modelId);
        } catch (RuntimeException e) {
            listener.onFailure(e);
            return;
        }
        encoder.encodeAsync(ref, history, ActionListener.map(listener, vector -> new EncodedHistory(ref, vector)));
    }

    /**
     * Encodes on the calling thread, through the user-vector cache (blocks: never on a network
     * thread); see {@link HistoryEncoder#encode}.
     */
    public EncodedHistory encode(ModelRef ref, List<String> history) {
        return encode(ref, TimedHistory.untimed(history));
    }

    /** {@link #encode(ModelRef, List)} for a history with its times. */
    public EncodedHistory encode(ModelRef ref, TimedHistory history) {
        return new EncodedHistory(ref, encoder.encode(ref, history));
    }

    /**
     * What the rescorer sends its shards, answered on {@code listener}: a retrieval model's user vector
     * ({@link #encodePinnedAsync}), or a ranking model's history as item rows (no encode: the shards
     * score each hit with the history). A version not loaded yet goes the encode's way, which loads it
     * and, finding a ranking model, answers with the rows.
     */
    public void encodeForRescoreAsync(String modelId, TimedHistory history, ActionListener<EncodedHistory> listener) {
        ModelRef ref;
        try {
            ref = models.resolve(modelId);
        } catch (RuntimeException e) {
            listener.onFailure(e);
            return;
        }
        LoadedModel known = models.loadedNow(ref);
        if (known != null && known.isRanking()) {
            listener.onResponse(EncodedHistory.ofRows(ref, known.historyRows(history.items())));
            return;
        }
        encoder.encodeAsync(
                ref, history, ActionListener.wrap(vector -> listener.onResponse(new EncodedHistory(ref, vector)), e -> {
                    LoadedModel loaded = e instanceof RankingModelException ? models.loadedNow(ref) : null;
                    if (loaded != null && loaded.isRanking()) {
                        listener.onResponse(EncodedHistory.ofRows(ref, loaded.historyRows(history.items())));
                    } else {
                        listener.onFailure(e);
                    }
                }));
    }

    /** {@link #encodeForRescoreAsync} on the calling thread (blocks: never on a network thread). */
    public EncodedHistory encodeForRescore(ModelRef ref, TimedHistory history) {
        LoadedModel model = withModel(ref, m -> m);
        return model.isRanking()
                ? EncodedHistory.ofRows(ref, model.historyRows(history.items()))
                : encode(ref, history);
    }

    /** Runs {@code task} on the inference pool, answering {@code listener} there (a full pool: 429). */
    public <T> void onInferencePool(ActionListener<T> listener, CheckedSupplier<T, Exception> task) {
        try {
            inferenceExecutor.execute(ActionRunnable.supply(listener, task));
        } catch (RejectedExecutionException e) {
            // OpenSearch's pools report rejections through AbstractRunnable#onRejection; others throw
            listener.onFailure(e);
        }
    }

    /**
     * Runs {@code use} on the loaded model of {@code ref} (loading it if needed; not counted as a
     * model-cache lookup: the request counted one when it encoded). A model unloaded between lookup
     * and use (replaced, evicted: {@link ModelClosedException}) is looked up and used once more; the
     * registry loads it again.
     */
    public <T> T withModel(ModelRef ref, Function<LoadedModel, T> use) {
        return onModel(ref, use);
    }

    private <T> T onModel(ModelRef ref, Function<LoadedModel, T> use) {
        try {
            return use.apply(models.get(ref));
        } catch (ModelClosedException e) {
            return use.apply(models.get(ref));
        }
    }

    /** Loads this model version on the inference pool if needed, then answers {@code listener} there. */
    public void loadAsync(ModelRef ref, ActionListener<Void> listener) {
        onInferencePool(listener, () -> {
            models.get(ref);
            return null;
        });
    }

    /**
     * The loaded model of {@code ref}, for callers that use it right away (not counted as a
     * model-cache lookup; see {@link #withModel} for the retry rule).
     */
    public LoadedModel model(ModelRef ref) {
        return models.get(ref);
    }
}
