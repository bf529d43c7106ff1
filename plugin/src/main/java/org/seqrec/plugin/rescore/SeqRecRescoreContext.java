package org.seqrec.plugin.rescore;

import org.opensearch.search.rescore.RescoreContext;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreCombiner;
import org.seqrec.plugin.stats.SeqRecStats;

/**
 * What one shard needs to rescore its window: the model's scores of items for the request's user
 * vector, the combination formula and, once {@link SeqRecRescorer#rescore} or {@code explain}
 * computed them, the window's model-score bounds (for {@code minmax}).
 *
 * <p>Lives for one shard request, used by one thread at a time.
 */
final class SeqRecRescoreContext extends RescoreContext {
    private final String modelId;
    private final String itemField;
    private final ItemModelScores scores;
    private final ScoreCombiner combiner;
    private final SeqRecStats stats;
    private Normalizer.Bounds windowBounds;

    SeqRecRescoreContext(
            int windowSize,
            String modelId,
            String itemField,
            ItemModelScores scores,
            ScoreCombiner combiner,
            SeqRecStats stats) {
        super(windowSize, SeqRecRescorer.INSTANCE);
        this.modelId = modelId;
        this.itemField = itemField;
        this.scores = scores;
        this.combiner = combiner;
        this.stats = stats;
    }

    /** The node's counters (rescored hits). */
    SeqRecStats stats() {
        return stats;
    }

    String modelId() {
        return modelId;
    }

    String itemField() {
        return itemField;
    }

    ItemModelScores scores() {
        return scores;
    }

    ScoreCombiner combiner() {
        return combiner;
    }

    /** The window's model-score bounds, or {@code null} before the window was rescored in this context. */
    Normalizer.Bounds windowBounds() {
        return windowBounds;
    }

    void windowBounds(Normalizer.Bounds bounds) {
        this.windowBounds = bounds;
    }
}
