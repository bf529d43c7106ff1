package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.ArrayList;
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
 * their rows with the model in one call per window ({@link RowScorer}): a retrieval model's logit
 * {@code u . E[row]} against one user vector u, or a ranking model's logit of each row with the
 * history in view (one batched pass over the window). A hit whose field holds several ids gets the
 * highest logit among the ids the model knows; a hit with no id the model knows (or a non-finite
 * logit) has no model score ({@code NaN}). A window's hits find their rows through
 * {@link SegmentItemRows} (ordinal to row, built once per segment and model version).
 *
 * <p>Immutable; safe to share between the threads of one request.
 */
final class ItemModelScores {
    /** Scores item rows (1..n) for one request, all of a window in one call; one logit per row, in order. */
    @FunctionalInterface
    interface RowScorer {
        float[] scores(int[] rows);
    }

    private final String field;
    private final ModelRef ref;
    private final SegmentItemRows segmentRows;
    private final ItemVocabulary vocabulary;
    private final RowScorer scorer;
    /** Scores hits the model does not know from their features; null without {@code feature_fields}. */
    private final HitFeatureScores features;

    /** The best-scoring known item of one hit. */
    record ItemScore(String itemId, float score) {}

    /**
     * A retrieval model's scores: the logit of a row is {@code u . E[row]}.
     *
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
        this(field, ref, segmentRows, vocabulary, dots(embeddings, userVector), features);
    }

    /** Any model's scores, through {@code scorer}. */
    ItemModelScores(
            String field,
            ModelRef ref,
            SegmentItemRows segmentRows,
            ItemVocabulary vocabulary,
            RowScorer scorer,
            HitFeatureScores features) {
        this.field = field;
        this.ref = ref;
        this.segmentRows = segmentRows;
        this.vocabulary = vocabulary;
        this.scorer = scorer;
        this.features = features;
    }

    private static RowScorer dots(ItemEmbeddings embeddings, float[] userVector) {
        if (userVector.length != embeddings.dim()) {
            throw new IllegalArgumentException(
                    "user vector has " + userVector.length + " dimensions, the model has " + embeddings.dim());
        }
        return rows -> {
            float[] out = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = embeddings.dot(userVector, rows[i]);
            }
            return out;
        };
    }

    /**
     * Model scores of a window of hits, in the window's order. Reads doc values in doc-id order,
     * segment by segment, as they lie on disk, then scores every known row of the window in one call.
     */
    float[] windowScores(ScoreDoc[] window, IndexSearcher searcher) throws IOException {
        float[] scores = new float[window.length];
        Arrays.fill(scores, Float.NaN);
        Integer[] byDoc = new Integer[window.length];
        for (int i = 0; i < byDoc.length; i++) {
            byDoc[i] = i;
        }
        Arrays.sort(byDoc, (a, b) -> Integer.compare(window[a].doc, window[b].doc));

        // each hit's known rows, flattened: rows [from[i], from[i + 1]) belong to hit i
        int[][] hitRows = new int[window.length][];
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = null;
        SortedSetDocValues values = null;
        int[] ordRows = null;
        int leafEnd = 0;
        LeafReaderContext[] leafOf = new LeafReaderContext[window.length];
        for (int i : byDoc) {
            int doc = window[i].doc;
            if (leaf == null || doc >= leafEnd) {
                leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
                leafEnd = leaf.docBase + leaf.reader().maxDoc();
                values = DocValues.getSortedSet(leaf.reader(), field);
                ordRows = segmentRows.rows(leaf.reader(), field, ref, vocabulary);
            }
            leafOf[i] = leaf;
            hitRows[i] = knownRows(values, ordRows, doc - leaf.docBase);
        }
        float[] logits = scorer.scores(concat(hitRows));
        int next = 0;
        for (int i = 0; i < window.length; i++) {
            for (int k = 0; k < hitRows[i].length; k++) {
                float score = logits[next++];
                if (Float.isFinite(score) && (Float.isNaN(scores[i]) || score > scores[i])) {
                    scores[i] = score;
                }
            }
            if (features != null && Float.isNaN(scores[i])) {
                scores[i] = features.score(leafOf[i].reader(), window[i].doc - leafOf[i].docBase);
            }
        }
        return scores;
    }

    /** The rows of the hit's ids the model knows: by ordinal when the segment's table exists, else by id. */
    private int[] knownRows(SortedSetDocValues values, int[] ordRows, int leafDoc) throws IOException {
        if (!values.advanceExact(leafDoc)) {
            return new int[0];
        }
        int[] rows = new int[values.docValueCount()];
        int n = 0;
        for (int k = 0; k < rows.length; k++) {
            long ord = values.nextOrd();
            int row = ordRows != null
                    ? ordRows[(int) ord]
                    : vocabulary.rowOf(values.lookupOrd(ord).utf8ToString());
            if (row > 0) {
                rows[n++] = row;
            }
        }
        return n == rows.length ? rows : Arrays.copyOf(rows, n);
    }

    private static int[] concat(int[][] parts) {
        int total = 0;
        for (int[] p : parts) {
            total += p.length;
        }
        int[] out = new int[total];
        int at = 0;
        for (int[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
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
        List<String> ids = new ArrayList<>();
        List<Integer> rows = new ArrayList<>();
        for (int k = 0, n = values.docValueCount(); k < n; k++) {
            BytesRef term = values.lookupOrd(values.nextOrd());
            String itemId = term.utf8ToString();
            int row = vocabulary.rowOf(itemId);
            if (row > 0) {
                ids.add(itemId);
                rows.add(row);
            }
        }
        float[] logits = scorer.scores(rows.stream().mapToInt(Integer::intValue).toArray());
        ItemScore best = null;
        for (int i = 0; i < logits.length; i++) {
            if (Float.isFinite(logits[i]) && (best == null || logits[i] > best.score())) {
                best = new ItemScore(ids.get(i), logits[i]);
            }
        }
        return best;
    }
}
