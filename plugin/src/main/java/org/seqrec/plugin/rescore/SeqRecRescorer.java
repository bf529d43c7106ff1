package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.opensearch.search.rescore.RescoreContext;
import org.opensearch.search.rescore.Rescorer;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreCombiner;

/**
 * Rescores the top {@code window_size} hits of a shard with the model: each hit's first-pass score
 * is combined with the model's logit for its item ({@link ScoreCombiner}); hits beyond the window
 * are weighted by {@code query_weight} only, as the query rescorer does; then all hits are sorted
 * again by score (ties by doc id).
 *
 * <p>Stateless and thread-safe; per-request data lives in {@link SeqRecRescoreContext}.
 */
final class SeqRecRescorer implements Rescorer {
    static final SeqRecRescorer INSTANCE = new SeqRecRescorer();

    private static final Comparator<ScoreDoc> BY_SCORE_THEN_DOC = (a, b) -> {
        int cmp = Float.compare(b.score, a.score);
        return cmp != 0 ? cmp : Integer.compare(a.doc, b.doc);
    };

    private SeqRecRescorer() {}

    @Override
    public TopDocs rescore(TopDocs topDocs, IndexSearcher searcher, RescoreContext rescoreContext) throws IOException {
        if (topDocs == null || topDocs.scoreDocs.length == 0) {
            return topDocs;
        }
        SeqRecRescoreContext context = (SeqRecRescoreContext) rescoreContext;
        ScoreCombiner combiner = context.combiner();
        ScoreDoc[] hits = topDocs.scoreDocs;
        int windowLength = Math.min(hits.length, context.getWindowSize());
        ScoreDoc[] window = Arrays.copyOf(hits, windowLength);
        context.stats().rescored(windowLength);

        Set<Integer> rescored = new HashSet<>(windowLength * 2);
        for (ScoreDoc hit : window) {
            rescored.add(hit.doc);
        }
        context.setRescoredDocs(rescored);

        float[] modelScores = context.scores().windowScores(window, searcher);
        Normalizer.Bounds bounds = combiner.bounds(modelScores);
        context.windowBounds(bounds);
        for (int i = 0; i < windowLength; i++) {
            window[i].score = combiner.combineOne(window[i].score, modelScores[i], bounds);
        }
        for (int i = windowLength; i < hits.length; i++) {
            hits[i].score *= combiner.queryWeight();
        }
        ScoreDoc[] sorted = hits.clone();
        Arrays.sort(sorted, BY_SCORE_THEN_DOC);
        return new TopDocs(topDocs.totalHits, sorted);
    }

    @Override
    public Explanation explain(
            int topLevelDocId, IndexSearcher searcher, RescoreContext rescoreContext, Explanation sourceExplanation)
            throws IOException {
        if (sourceExplanation == null) {
            return Explanation.noMatch("nothing matched");
        }
        SeqRecRescoreContext context = (SeqRecRescoreContext) rescoreContext;
        ScoreCombiner combiner = context.combiner();
        float queryWeight = combiner.queryWeight();
        Explanation primary = sourceExplanation.isMatch()
                ? Explanation.match(
                        sourceExplanation.getValue().floatValue() * queryWeight,
                        "product of:",
                        sourceExplanation,
                        Explanation.match(queryWeight, "query_weight"))
                : Explanation.noMatch("first pass did not match", sourceExplanation);
        // Like the query rescorer: only hits of the rescored window get the second part. OpenSearch
        // hands the window's doc ids from the query phase to the fetch phase's context.
        if (context.isRescored(topLevelDocId) == false || sourceExplanation.isMatch() == false) {
            return primary;
        }
        ItemModelScores.ItemScore item = context.scores().forDoc(topLevelDocId, searcher);
        if (item == null) {
            return Explanation.match(
                    primary.getValue(),
                    "seqrec: no model score ([" + context.itemField() + "] holds no item model [" + context.modelId()
                            + "] knows), first-pass score times query_weight:",
                    primary);
        }
        Explanation secondary = secondary(context, windowBounds(context, searcher), item);
        float total = combiner.mode()
                .combine(primary.getValue().floatValue(), secondary.getValue().floatValue());
        return Explanation.match(
                total, "seqrec rescore, " + combiner.mode().explainName() + " of:", primary, secondary);
    }

    /**
     * The window's bounds: those {@link #rescore} recorded in this context or, in a fetch phase that
     * runs in another context, recomputed from the window's doc ids (the same hits, so the same
     * bounds).
     */
    private static Normalizer.Bounds windowBounds(SeqRecRescoreContext context, IndexSearcher searcher)
            throws IOException {
        if (context.windowBounds() == null) {
            ScoreDoc[] window = context.getRescoredDocs().stream()
                    .map(doc -> new ScoreDoc(doc, Float.NaN))
                    .toArray(ScoreDoc[]::new);
            context.windowBounds(context.combiner().bounds(context.scores().windowScores(window, searcher)));
        }
        return context.windowBounds();
    }

    private static Explanation secondary(
            SeqRecRescoreContext context, Normalizer.Bounds bounds, ItemModelScores.ItemScore item) {
        ScoreCombiner combiner = context.combiner();
        Explanation logit = Explanation.match(
                item.score(), "logit of model [" + context.modelId() + "] for item [" + item.itemId() + "]");
        Explanation normalized = switch (combiner.normalizer()) {
            case NONE -> logit;
            case SIGMOID -> Explanation.match(combiner.normalizer().apply(item.score(), bounds), "sigmoid of:", logit);
            case MINMAX ->
                Explanation.match(
                        combiner.normalizer().apply(item.score(), bounds),
                        "minmax over the window's model scores [" + bounds.min() + ", " + bounds.max() + "] of:",
                        logit);
        };
        float rescoreWeight = combiner.rescoreQueryWeight();
        return Explanation.match(
                combiner.weightedModelScore(item.score(), bounds),
                "product of:",
                normalized,
                Explanation.match(rescoreWeight, "rescore_query_weight"));
    }
}
