package org.seqrec.plugin.rescore;

import org.opensearch.search.rescore.RescoreContext;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreCombiner;

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
    private Normalizer.Bounds windowBounds;

    SeqRecRescoreContext(int windowSize, String modelId, String itemField, ItemModelScores scores, ScoreCombiner combiner) {
        super(windowSize, SeqRecRescorer.INSTANCE);
        this.modelId = modelId;
        this.itemField = itemField;
        this.scores = scores;
        this.combiner = combiner;
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
