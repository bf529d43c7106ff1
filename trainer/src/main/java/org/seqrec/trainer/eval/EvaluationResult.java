package org.seqrec.trainer.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Metrics per evaluation variant, in a fixed order. Variant names: {@code full} (all items),
 * {@code full_excl_seen} (all items except the history's) and {@code sampled_N}.
 *
 * @param variants variant name to its metrics
 */
public record EvaluationResult(Map<String, RankingMetrics> variants) {
    public EvaluationResult {
        variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }

    /** The metrics of one variant; IllegalArgumentException if it was not evaluated. */
    public RankingMetrics get(String variant) {
        RankingMetrics m = variants.get(variant);
        if (m == null) {
            throw new IllegalArgumentException("no variant '" + variant + "' in " + variants.keySet());
        }
        return m;
    }

    /**
     * Flat keys {@code <split>_<variant>.<metric>}, e.g. {@code test_full.ndcg@10}, as stored in
     * the artifact manifest.
     */
    public Map<String, Double> flatten(String split) {
        Map<String, Double> m = new LinkedHashMap<>();
        variants.forEach((variant, metrics) ->
                metrics.asMap().forEach((name, value) -> m.put(split + "_" + variant + "." + name, value)));
        return m;
    }
}
