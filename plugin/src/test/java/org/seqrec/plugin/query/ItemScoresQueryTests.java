package org.seqrec.plugin.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.tests.index.RandomIndexWriter;
import org.apache.lucene.tests.search.QueryUtils;
import org.apache.lucene.util.BytesRef;
import org.opensearch.test.OpenSearchTestCase;

/**
 * {@link ItemScoresQuery} against the query it replaces: {@code dis_max} (tie breaker 0) over one
 * boosted {@code constant_score} {@code term} clause per item, on random multi-segment indexes with
 * deletions and documents holding several ids. Lucene's test searcher asserts the scorer contract.
 */
public class ItemScoresQueryTests extends OpenSearchTestCase {
    private static final String FIELD = "item_id";

    public void testScoresEveryDocumentLikeTheDisMaxOfBoostedTerms() throws IOException {
        for (int round = 0; round < 5; round++) {
            try (Directory dir = newDirectory();
                    RandomIndexWriter writer = new RandomIndexWriter(random(), dir)) {
                int items = randomIntBetween(5, 200);
                int docs = randomIntBetween(1, 400);
                for (int d = 0; d < docs; d++) {
                    Document doc = new Document();
                    int ids = randomIntBetween(0, 3); // some documents hold no id, some several
                    for (int i = 0; i < ids; i++) {
                        doc.add(new StringField(FIELD, "sku-" + randomIntBetween(0, items - 1), Field.Store.NO));
                    }
                    doc.add(new StringField("n", Integer.toString(d), Field.Store.NO));
                    writer.addDocument(doc);
                    if (rarely()) {
                        writer.commit(); // more segments
                    }
                }
                boolean deletes = round % 2 == 1;
                for (int d = 0; deletes && d < docs; d += randomIntBetween(5, 50)) {
                    writer.deleteDocuments(new Term("n", Integer.toString(d)));
                }
                Map<String, Float> retrieved = new HashMap<>();
                int k = randomIntBetween(1, items + 5); // some retrieved ids are in no document
                for (int i = 0; i < k; i++) {
                    retrieved.put("sku-" + randomIntBetween(0, items + 10), 0.01f + 50f * random().nextFloat());
                }
                float boost = randomBoolean() ? 1f : 0.1f + 5f * random().nextFloat();
                try (IndexReader reader = writer.getReader()) {
                    IndexSearcher searcher = newSearcher(reader);
                    Query expected = new BoostQuery(disMax(retrieved), boost);
                    Query actual = new BoostQuery(itemScores(retrieved), boost);
                    assertSameScores(searcher, expected, actual, reader.maxDoc());
                    if (deletes == false) {
                        // its advance checks assume every document in a segment is live
                        QueryUtils.check(random(), itemScores(retrieved), searcher);
                    }
                }
            }
        }
    }

    public void testExplainsTheBestItemOfADocument() throws IOException {
        try (Directory dir = newDirectory();
                RandomIndexWriter writer = new RandomIndexWriter(random(), dir)) {
            Document doc = new Document();
            doc.add(new StringField(FIELD, "a", Field.Store.NO));
            doc.add(new StringField(FIELD, "b", Field.Store.NO));
            writer.addDocument(doc);
            writer.addDocument(new Document());
            try (IndexReader reader = writer.getReader()) {
                IndexSearcher searcher = newSearcher(reader);
                ItemScoresQuery query = itemScores(Map.of("a", 2f, "b", 3f, "c", 9f));
                Explanation match = searcher.explain(new BoostQuery(query, 2f), 0);
                assertTrue(match.isMatch());
                assertEquals(6f, match.getValue().floatValue(), 1e-6f);
                assertTrue(match.toString(), match.toString().contains("[item_id:b]"));
                Explanation none = searcher.explain(query, 1);
                assertFalse(none.isMatch());
            }
        }
    }

    public void testKeepsTheLargerScoreOfARepeatedTermAndRejectsBadScores() {
        ItemScoresQuery query =
                new ItemScoresQuery(FIELD, new BytesRef[] {new BytesRef("a"), new BytesRef("a")}, new float[] {1f, 4f});
        assertEquals(1, query.size());
        assertEquals(query, new ItemScoresQuery(FIELD, new BytesRef[] {new BytesRef("a")}, new float[] {4f}));
        expectThrows(
                IllegalArgumentException.class,
                () -> new ItemScoresQuery(FIELD, new BytesRef[] {new BytesRef("a")}, new float[] {0f}));
        expectThrows(
                IllegalArgumentException.class,
                () -> new ItemScoresQuery(FIELD, new BytesRef[] {new BytesRef("a")}, new float[] {Float.NaN}));
        expectThrows(
                IllegalArgumentException.class, () -> new ItemScoresQuery(FIELD, new BytesRef[0], new float[] {1f}));
    }

    private static void assertSameScores(IndexSearcher searcher, Query expected, Query actual, int maxDoc)
            throws IOException {
        TopDocs want = searcher.search(expected, Math.max(1, maxDoc));
        TopDocs got = searcher.search(actual, Math.max(1, maxDoc));
        assertEquals(want.totalHits, got.totalHits);
        Map<Integer, Float> wanted = new HashMap<>();
        for (ScoreDoc sd : want.scoreDocs) {
            wanted.put(sd.doc, sd.score);
        }
        assertEquals(wanted.size(), got.scoreDocs.length);
        for (ScoreDoc sd : got.scoreDocs) {
            assertEquals("doc " + sd.doc, wanted.get(sd.doc), sd.score, 1e-6f);
            Explanation explanation = searcher.explain(actual, sd.doc);
            assertEquals(sd.score, explanation.getValue().floatValue(), 1e-6f);
        }
        // top 3 in the same order of scores (ties may list different docs)
        for (int i = 0; i < Math.min(3, got.scoreDocs.length); i++) {
            assertEquals(want.scoreDocs[i].score, got.scoreDocs[i].score, 1e-6f);
        }
    }

    private static Query disMax(Map<String, Float> retrieved) {
        List<Query> clauses = new ArrayList<>();
        retrieved.forEach((id, score) ->
                clauses.add(new BoostQuery(new ConstantScoreQuery(new TermQuery(new Term(FIELD, id))), score)));
        return new DisjunctionMaxQuery(clauses, 0f);
    }

    private static ItemScoresQuery itemScores(Map<String, Float> retrieved) {
        BytesRef[] terms = new BytesRef[retrieved.size()];
        float[] scores = new float[retrieved.size()];
        int i = 0;
        for (Map.Entry<String, Float> e : retrieved.entrySet()) {
            terms[i] = new BytesRef(e.getKey());
            scores[i++] = e.getValue();
        }
        return new ItemScoresQuery(FIELD, terms, scores);
    }
}
