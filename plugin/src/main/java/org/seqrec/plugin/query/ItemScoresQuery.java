package org.seqrec.plugin.query;

import java.io.IOException;
import java.util.Arrays;
import java.util.Objects;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.ScorerSupplier;
import org.apache.lucene.search.Weight;
import org.apache.lucene.util.ArrayUtil;
import org.apache.lucene.util.BytesRef;

/**
 * Matches the documents whose keyword {@code field} holds one of a fixed set of terms, each term with
 * its own score: what the {@code seqrec} query runs on a shard for the k retrieved items. A document
 * holding several of the terms scores as its best one; the query's boost multiplies every score.
 *
 * <p>Per segment the weight seeks each term once in the terms dictionary (terms in sorted order, so
 * the enum moves forward), reads its postings without frequencies and keeps (doc, score) pairs in
 * two arrays sorted by doc; the scorer walks them. That is k seeks and one pass over the matching
 * postings, instead of the k term weights, scorers and a disjunction queue of {@code dis_max} over k
 * boosted {@code term} queries. The k-NN plugin serves its exact results in the same shape.
 *
 * <p>Immutable and thread-safe; the arrays given to the constructor are copied.
 */
public final class ItemScoresQuery extends Query {
    private final String field;
    /** Sorted, distinct. */
    private final BytesRef[] terms;
    /** The score of {@code terms[i]}, > 0. */
    private final float[] scores;

    /**
     * @param field the keyword field
     * @param terms the indexed form of each item id (as {@code MappedFieldType#indexedValueForSearch} gives it)
     * @param scores each term's score, finite and > 0; a term given twice keeps its larger score
     * @throws IllegalArgumentException when the arrays differ in length or a score is not finite and positive
     */
    public ItemScoresQuery(String field, BytesRef[] terms, float[] scores) {
        this.field = Objects.requireNonNull(field, "field");
        if (terms.length != scores.length) {
            throw new IllegalArgumentException("got " + terms.length + " terms but " + scores.length + " scores");
        }
        Integer[] order = new Integer[terms.length];
        for (int i = 0; i < order.length; i++) {
            if (!(Float.isFinite(scores[i]) && scores[i] > 0f)) {
                throw new IllegalArgumentException(
                        "scores must be finite and > 0, got " + scores[i] + " for term " + i);
            }
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> terms[a].compareTo(terms[b]));
        BytesRef[] sortedTerms = new BytesRef[terms.length];
        float[] sortedScores = new float[terms.length];
        int n = 0;
        for (int i : order) {
            if (n > 0 && sortedTerms[n - 1].equals(terms[i])) {
                sortedScores[n - 1] = Math.max(sortedScores[n - 1], scores[i]);
            } else {
                sortedTerms[n] = BytesRef.deepCopyOf(terms[i]);
                sortedScores[n] = scores[i];
                n++;
            }
        }
        this.terms = Arrays.copyOf(sortedTerms, n);
        this.scores = Arrays.copyOf(sortedScores, n);
    }

    public String field() {
        return field;
    }

    /** The number of distinct terms. */
    public int size() {
        return terms.length;
    }

    @Override
    public Weight createWeight(IndexSearcher searcher, ScoreMode scoreMode, float boost) {
        return new ItemScoresWeight(boost);
    }

    @Override
    public void visit(QueryVisitor visitor) {
        if (visitor.acceptField(field)) {
            Term[] asTerms = new Term[terms.length];
            for (int i = 0; i < terms.length; i++) {
                asTerms[i] = new Term(field, terms[i]);
            }
            visitor.consumeTerms(this, asTerms);
        }
    }

    @Override
    public String toString(String defaultField) {
        StringBuilder sb = new StringBuilder("ItemScores(");
        if (!field.equals(defaultField)) {
            sb.append(field).append(':');
        }
        for (int i = 0; i < terms.length; i++) {
            sb.append(i == 0 ? "" : " ")
                    .append(terms[i].utf8ToString())
                    .append('^')
                    .append(scores[i]);
        }
        return sb.append(')').toString();
    }

    @Override
    public boolean equals(Object other) {
        if (!sameClassAs(other)) {
            return false;
        }
        ItemScoresQuery o = (ItemScoresQuery) other;
        return field.equals(o.field) && Arrays.equals(terms, o.terms) && Arrays.equals(scores, o.scores);
    }

    @Override
    public int hashCode() {
        return Objects.hash(classHash(), field, Arrays.hashCode(terms), Arrays.hashCode(scores));
    }

    /** One segment's matches: docs ascending, each with its best term's score (boost applied). */
    private record SegmentMatches(int[] docs, float[] scores, float maxScore) {
        static final SegmentMatches NONE = new SegmentMatches(new int[0], new float[0], 0f);
    }

    private final class ItemScoresWeight extends Weight {
        private final float boost;

        ItemScoresWeight(float boost) {
            super(ItemScoresQuery.this);
            this.boost = boost;
        }

        /** Seeks every term once and gathers its documents; deleted documents are left to the caller's live docs. */
        private SegmentMatches matches(LeafReader reader) throws IOException {
            Terms indexed = reader.terms(field);
            if (indexed == null) {
                return SegmentMatches.NONE;
            }
            TermsEnum termsEnum = indexed.iterator();
            PostingsEnum postings = null;
            // (doc << 32 | score bits): sorting the longs sorts by doc, then by score (positive floats order as ints)
            long[] packed = new long[Math.max(4, terms.length)];
            int n = 0;
            for (int t = 0; t < terms.length; t++) {
                if (!termsEnum.seekExact(terms[t])) {
                    continue;
                }
                postings = termsEnum.postings(postings, PostingsEnum.NONE);
                long scoreBits = Float.floatToIntBits(scores[t] * boost) & 0xFFFF_FFFFL;
                for (int doc = postings.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = postings.nextDoc()) {
                    packed = ArrayUtil.grow(packed, n + 1);
                    packed[n++] = ((long) doc << 32) | scoreBits;
                }
            }
            if (n == 0) {
                return SegmentMatches.NONE;
            }
            Arrays.sort(packed, 0, n);
            int[] docs = new int[n];
            float[] docScores = new float[n];
            int m = 0;
            float max = 0f;
            for (int i = 0; i < n; i++) {
                int doc = (int) (packed[i] >>> 32);
                float score = Float.intBitsToFloat((int) packed[i]);
                if (m > 0 && docs[m - 1] == doc) {
                    docScores[m - 1] = score; // a later pair of the same doc has the larger score
                } else {
                    docs[m] = doc;
                    docScores[m] = score;
                    m++;
                }
                max = Math.max(max, score);
            }
            return new SegmentMatches(Arrays.copyOf(docs, m), Arrays.copyOf(docScores, m), max);
        }

        @Override
        public ScorerSupplier scorerSupplier(LeafReaderContext context) throws IOException {
            SegmentMatches found = matches(context.reader());
            if (found.docs().length == 0) {
                return null;
            }
            return new DefaultScorerSupplier(new ArrayScorer(found));
        }

        @Override
        public Explanation explain(LeafReaderContext context, int doc) throws IOException {
            Terms indexed = context.reader().terms(field);
            if (indexed == null) {
                return Explanation.noMatch("field [" + field + "] has no terms in this segment");
            }
            TermsEnum termsEnum = indexed.iterator();
            PostingsEnum postings = null;
            int best = -1;
            for (int t = 0; t < terms.length; t++) {
                if (termsEnum.seekExact(terms[t])) {
                    postings = termsEnum.postings(postings, PostingsEnum.NONE);
                    if (postings.advance(doc) == doc && (best < 0 || scores[t] > scores[best])) {
                        best = t;
                    }
                }
            }
            if (best < 0) {
                return Explanation.noMatch(
                        "document holds none of the " + terms.length + " retrieved items in [" + field + "]");
            }
            Explanation itemScore = Explanation.match(
                    scores[best],
                    "score of the retrieved item [" + terms[best].utf8ToString()
                            + "] (its inner product with the user vector, mapped to a positive score)");
            if (boost == 1f) {
                return Explanation.match(
                        scores[best], "seqrec item [" + field + ":" + terms[best].utf8ToString() + "]", itemScore);
            }
            return Explanation.match(
                    scores[best] * boost,
                    "seqrec item [" + field + ":" + terms[best].utf8ToString() + "], product of:",
                    itemScore,
                    Explanation.match(boost, "boost"));
        }

        @Override
        public boolean isCacheable(LeafReaderContext ctx) {
            return true; // depends on the segment's terms only
        }
    }

    /** Walks one segment's (doc, score) arrays. */
    private static final class ArrayScorer extends Scorer {
        private final SegmentMatches matches;
        private final DocIdSetIterator iterator;
        private int index = -1;

        ArrayScorer(SegmentMatches matches) {
            this.matches = matches;
            int[] docs = matches.docs();
            this.iterator = new DocIdSetIterator() {
                @Override
                public int docID() {
                    return index < 0 ? -1 : index >= docs.length ? NO_MORE_DOCS : docs[index];
                }

                @Override
                public int nextDoc() {
                    index++;
                    return docID();
                }

                @Override
                public int advance(int target) {
                    int from = index + 1;
                    if (from >= docs.length) {
                        index = docs.length;
                    } else {
                        int found = Arrays.binarySearch(docs, from, docs.length, target);
                        index = found >= 0 ? found : -found - 1;
                    }
                    return docID();
                }

                @Override
                public long cost() {
                    return docs.length;
                }
            };
        }

        @Override
        public int docID() {
            return iterator.docID();
        }

        @Override
        public DocIdSetIterator iterator() {
            return iterator;
        }

        @Override
        public float getMaxScore(int upTo) {
            return matches.maxScore();
        }

        @Override
        public float score() {
            return matches.scores()[index];
        }
    }
}
