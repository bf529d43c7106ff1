package org.seqrec.plugin.rescore;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertSame;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.Test;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.plugin.model.ModelRef;

/** The rescorer's ordinal-to-row map on a real Lucene index, against the term-by-term lookup it replaces. */
public class SegmentItemRowsTests {
    private static final ItemVocabulary VOCABULARY = ItemVocabulary.of(List.of("b", "d", "a"));
    private static final ModelRef V1 = new ModelRef("m", "v1");
    private static final ModelRef V2 = new ModelRef("m", "v2");

    private static Directory index(String[][] docs) throws IOException {
        Directory directory = new ByteBuffersDirectory();
        try (IndexWriter writer =
                new IndexWriter(directory, new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE))) {
            for (String[] items : docs) {
                Document d = new Document();
                for (String item : items) {
                    d.add(new SortedSetDocValuesField("item", new BytesRef(item)));
                }
                writer.addDocument(d);
            }
        }
        return directory;
    }

    @Test
    public void mapsEachOrdinalToItsRowAndUnknownTermsToMinusOne() throws IOException {
        // the segment's terms in order: a, b, c, d (c unknown to the model)
        try (Directory directory = index(new String[][] {{"d"}, {"c", "a"}, {"b"}});
                DirectoryReader reader = DirectoryReader.open(directory)) {
            LeafReader leaf = reader.leaves().get(0).reader();
            SegmentItemRows rows = new SegmentItemRows();
            assertArrayEquals(new int[] {3, 1, -1, 2}, rows.rows(leaf, "item", V1, VOCABULARY));
            assertArrayEquals(new int[0], rows.rows(leaf, "absent", V1, VOCABULARY));
        }
    }

    @Test
    public void buildsOncePerSegmentFieldAndVersionAndForgetsAnUnloadedVersion() throws IOException {
        try (Directory directory = index(new String[][] {{"a"}, {"b"}});
                DirectoryReader reader = DirectoryReader.open(directory)) {
            LeafReader leaf = reader.leaves().get(0).reader();
            SegmentItemRows rows = new SegmentItemRows();
            int[] first = rows.rows(leaf, "item", V1, VOCABULARY);
            assertSame(first, rows.rows(leaf, "item", V1, VOCABULARY));
            assertNotSame(first, rows.rows(leaf, "item", V2, VOCABULARY));
            assertEquals(2, rows.usage().entries());

            rows.invalidate(V1);
            assertEquals(1, rows.usage().entries());
            assertNotSame(first, rows.rows(leaf, "item", V1, VOCABULARY));
        }
    }

    @Test
    public void dropsASegmentsRowsWhenTheSegmentCloses() throws IOException {
        SegmentItemRows rows = new SegmentItemRows();
        try (Directory directory = index(new String[][] {{"a"}});
                DirectoryReader reader = DirectoryReader.open(directory)) {
            rows.rows(reader.leaves().get(0).reader(), "item", V1, VOCABULARY);
            assertEquals(1, rows.usage().entries());
        }
        assertEquals(0, rows.usage().entries());
    }

    @Test
    public void windowScoresByOrdinalEqualTheTermByTermLookup() throws IOException {
        // several ids per doc, unknown ids, docs without a value, two segments
        String[][] docs = {{"a"}, {"c"}, {}, {"b", "d"}, {"d", "c", "a"}, {"b"}};
        ItemEmbeddings embeddings =
                new ItemEmbeddings(new FloatTensor(new long[] {4, 2}, new float[] {0, 0, 1, 2, -1, 0.5f, 0.25f, -3}));
        float[] user = {0.5f, -2f};
        try (Directory directory = index(docs);
                DirectoryReader reader = DirectoryReader.open(directory)) {
            IndexSearcher searcher = new IndexSearcher(reader);
            ScoreDoc[] window = new ScoreDoc[docs.length];
            for (int doc = 0; doc < docs.length; doc++) {
                window[docs.length - 1 - doc] = new ScoreDoc(doc, 1f); // not in doc-id order
            }
            ItemModelScores scores =
                    new ItemModelScores("item", V1, new SegmentItemRows(), VOCABULARY, embeddings, user);
            float[] byOrdinal = scores.windowScores(window, searcher);
            for (int i = 0; i < window.length; i++) {
                ItemModelScores.ItemScore expected = scores.forDoc(window[i].doc, searcher);
                assertEquals("doc " + window[i].doc, expected == null ? Float.NaN : expected.score(), byOrdinal[i], 0f);
            }
            assertEquals(Float.NaN, byOrdinal[docs.length - 1 - 2], 0f); // no value
            assertEquals(Float.NaN, byOrdinal[docs.length - 1 - 1], 0f); // only an unknown id
        }
    }
}
