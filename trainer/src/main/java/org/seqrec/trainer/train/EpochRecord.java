package org.seqrec.trainer.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one finished epoch gave: kept in checkpoints so that a resumed run reports the whole curve.
 *
 * @param epoch 1-based
 * @param meanLoss mean batch loss
 * @param validation validation metrics, e.g. {@code val_full.ndcg@10} (empty without validation)
 * @param seconds wall time of the epoch, validation included
 */
public record EpochRecord(int epoch, float meanLoss, Map<String, Double> validation, double seconds) {
    public EpochRecord {
        validation = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(validation));
    }
}
