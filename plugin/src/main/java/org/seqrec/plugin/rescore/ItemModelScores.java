package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.plugin.model.ModelRef;

/**
 * Model scores of hits: reads each hit's item ids from the keyword field's doc values and scores
 * them against one user vector u (D) as the logit {@code u . E[row]}. A hit whose field holds
 * several ids gets the highest logit among the ids the model knows; a hit with no id the model
 * knows (or a non-finite logit) has no model score ({@code NaN}). A window's hits find their rows
 * through {@link SegmentItemRows} (ordinal to row, built once per segment and model version).
 *
 * <p>Immutable; safe to share between the threads of one request.
 */
final class ItemModelScores {
    private final String field;
    private final ModelRef ref;
    private final SegmentItemRows segmentRows;
    private final ItemVocabulary vocabulary;
    private final ItemEmbeddings embeddings;
    private final float[] userVector;
    /** Scores hits the model does not know from their features; null without {@code feature_fields}. */
    private final HitFeatureScores features;

    /** The best-scoring known item of one hit. */
    record ItemScore(String itemId, float score) {}

    /**
     * @param field the indexed name of the keyword field (aliases resolved)
     * @param ref the model version of the vocabulary and embeddings (the key of its rows in {@code segmentRows})
     * @param userVector u, of the embeddings' dimension D
     */
    ItemModelScores(
            String field,
            ModelRef ref,
            SegmentItemRows segmentRows,
            ItemVocabulary vocabulary,
            ItemEmbeddings embeddings,
            float[] userVector) {
        this(field, ref, segmentRows, vocabulary, embeddings, userVector, null);
    }

    /** @param features scores hits whose item the model does not know, or null */
    ItemModelScores(
            String field,
            ModelRef ref,
            SegmentItemRows segmentRows,
            ItemVocabulary vocabulary,
            ItemEmbeddings embeddings,
            float[] userVector,
            HitFeatureScores features) {
        if (userVector.length != embeddings.dim()) {
            throw new IllegalArgumentException(
                    "user vector has " + userVector.length + " dimensions, the model has " + embeddings.dim());
        }
        this.field = field;
        this.ref = ref;
        this.segmentRows = segmentRows;
        this.vocabulary = vocabulary;
        this.embeddings = embeddings;
        this.userVector = userVector;
        this.features = features;
    }

    /**
     * Model scores of a window of hits, in the window's order. Reads doc values in doc-id order,
     * segment by segment, as they lie on disk.
     */
    float[] windowScores(ScoreDoc[] window, IndexSearcher searcher) throws IOException {
        float[] scores = new float[window.length];
        Arrays.fill(scores, Float.NaN);
        Integer[] byDoc = new Integer[window.length];
        for (int i = 0; i < byDoc.length; i++) {
            byDoc[i] = i;
        }
        Arrays.sort(byDoc, (a, b) -> Integer.compare(window[a].doc, window[b].doc));

        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        SortedSetDocValues values = null;
        int[] rows = null;
        int leafEnd = 0;
        for (int i : byDoc) {
            int doc = window[i].doc;
            if (leaf == null || doc >= leafEnd) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                leafEnd = leaf.docBase + leaf.reader().maxDoc();
                values = DocValues.getSortedSet(leaf.reader(), field);
                rows = segmentRows.rows(leaf.reader(), field, ref, vocabulary);
            }
            if (rows != null) {
                scores[i] = bestScore(values, rows, doc - leaf.docBase);
            } else {
                ItemScore best = best(values, doc - leaf.docBase);
                if (best != null) {
                    scores[i] = best.score();
                }
            }
            if (features != null && Float.isNaN(scores[i])) {
                scores[i] = features.score(leaf.reader(), doc - leaf.docBase);
            }
        }
        return scores;
    }

    /** The highest finite logit among the hit's ids the model knows, found by ordinal; {@code NaN} if none. */
    private float bestScore(SortedSetDocValues values, int[] rows, int leafDoc) throws IOException {
        float best = Float.NaN;
        if (values.advanceExact(leafDoc)) {
            for (int k = 0, n = values.docValueCount(); k < n; k++) {
                int row = rows[(int) values.nextOrd()];
                if (row > 0) {
                    float score = embeddings.dot(userVector, row);
                    if (Float.isFinite(score) && (Float.isNaN(best) || score > best)) {
                        best = score;
                    }
                }
            }
        }
        return best;
    }

    /** The best-scoring known item of one hit (top-level doc id), or {@code null}. */
    ItemScore forDoc(int topLevelDoc, IndexSearcher searcher) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(topLevelDoc, leaves));
        ItemScore best = best(DocValues.getSortedSet(leaf.reader(), field), topLevelDoc - leaf.docBase);
        if (best == null && features != null) {
            float score = features.score(leaf.reader(), topLevelDoc - leaf.docBase);
            if (Float.isNaN(score) == false) {
                return new ItemScore(
                        "unknown to the model, scored from its features ["
                                + features.describe(leaf.reader(), topLevelDoc - leaf.docBase) + "]",
                        score);
            }
        }
        return best;
    }

    private ItemScore best(SortedSetDocValues values, int leafDoc) throws IOException {
        if (values.advanceExact(leafDoc) == false) {
            return null;
        }
        ItemScore best = null;
        for (int k = 0, n = values.docValueCount(); k < n; k++) {
            BytesRef term = values.lookupOrd(values.nextOrd());
            String itemId = term.utf8ToString();
            int row = vocabulary.rowOf(itemId);
            if (row > 0) {
                float score = embeddings.dot(userVector, row);
                if (Float.isFinite(score) && (best == null || score > best.score())) {
                    best = new ItemScore(itemId, score);
                }
            }
        }
        return best;
    }
}
