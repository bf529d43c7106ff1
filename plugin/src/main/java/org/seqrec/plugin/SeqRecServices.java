package org.seqrec.plugin;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.opensearch.action.ActionRunnable;
import org.opensearch.core.action.ActionListener;
import org.seqrec.plugin.model.ModelRegistry;

/**
 * The node-wide services the plugin's search extensions share, built once per node in
 * {@link SeqRecPlugin#createComponents} and handed to builders through a supplier (no statics).
 *
 * @param models the models loaded on this node
 * @param inferenceExecutor where models are read and histories encoded (the {@code seqrec_inference} pool)
 * @param maxHistoryLength the longest {@code history} a request may send ({@code plugins.seqrec.max_history_length})
 */
public record SeqRecServices(ModelRegistry models, Executor inferenceExecutor, int maxHistoryLength) {

    public SeqRecServices {
        Objects.requireNonNull(models, "models");
        Objects.requireNonNull(inferenceExecutor, "inferenceExecutor");
        if (maxHistoryLength < 1) {
            throw new IllegalArgumentException("maxHistoryLength must be >= 1, got " + maxHistoryLength);
        }
    }

    /**
     * Loads the model if needed and encodes {@code history} on the inference pool, then answers
     * {@code listener} there. Failures (unknown model: 404, invalid artifact: 400, pool full: 429)
     * go to {@code listener.onFailure}.
     */
    public void encodeAsync(String modelId, List<String> history, ActionListener<float[]> listener) {
        try {
            inferenceExecutor.execute(ActionRunnable.supply(listener, () -> models.get(modelId).encode(history)));
        } catch (RejectedExecutionException e) {
            // OpenSearch's pools report rejections through AbstractRunnable#onRejection; others throw
            listener.onFailure(e);
        }
    }
}
