package org.seqrec.plugin.rescore;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.NoMergePolicy;
import org.apache.lucene.search.Explanation;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TotalHits;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.util.BytesRef;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.plugin.model.ModelRef;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreCombiner;
import org.seqrec.plugin.scoring.ScoreMode;

/**
 * The rescorer on a real Lucene index with three segments. Items sku-1..sku-3 have embeddings
 * [1,0], [0,1], [1,1]; the user vector is [2,-1], so their logits are 2, -1 and 1.
 */
public class SeqRecRescorerTests {
    private static final ItemVocabulary VOCABULARY = ItemVocabulary.of(List.of("sku-1", "sku-2", "sku-3"));
    private static final ItemEmbeddings EMBEDDINGS =
            new ItemEmbeddings(new FloatTensor(new long[] {4, 2}, new float[] {0, 0, 1, 0, 0, 1, 1, 1}));
    private static final float[] USER = {2f, -1f};
    private static final ModelRef REF = new ModelRef("m", "v1");

    /** Items of docs 0..6, in index order; null = no value, arrays = several values. */
    private static final String[][] DOC_ITEMS = {
        {"sku-1"},
        {"sku-2"},
        null, // segment 1
        {"sku-3"},
        {"unknown"}, // segment 2
        {"sku-2", "sku-1"},
        {"sku-2"} // segment 3
    };

    private Directory directory;
    private DirectoryReader reader;
    private IndexSearcher searcher;

    @Before
    public void buildIndex() throws IOException {
        directory = new ByteBuffersDirectory();
        IndexWriterConfig config = new IndexWriterConfig().setMergePolicy(NoMergePolicy.INSTANCE);
        try (IndexWriter writer = new IndexWriter(directory, config)) {
            for (int doc = 0; doc < DOC_ITEMS.length; doc++) {
                Document d = new Document();
                d.add(new StoredField("n", doc));
                if (DOC_ITEMS[doc] != null) {
                    for (String item : DOC_ITEMS[doc]) {
                        d.add(new SortedSetDocValuesField("item", new BytesRef(item)));
                    }
                }
                writer.addDocument(d);
                if (doc == 2 || doc == 4) {
                    writer.commit();
                }
            }
        }
        reader = DirectoryReader.open(directory);
        assertEquals(3, reader.leaves().size());
        searcher = new IndexSearcher(reader);
    }

    @After
    public void closeIndex() throws IOException {
        reader.close();
        directory.close();
    }

    private static SeqRecRescoreContext context(int window, ScoreCombiner combiner) {
        return new SeqRecRescoreContext(
                window,
                "m",
                "item",
                new ItemModelScores("item", REF, new SegmentItemRows(), VOCABULARY, EMBEDDINGS, USER),
                combiner,
                new org.seqrec.plugin.stats.SeqRecStats());
    }

    /** First pass: doc d scored 10 - d, in score order. */
    private static TopDocs firstPass(int... docs) {
        ScoreDoc[] hits = new ScoreDoc[docs.length];
        for (int i = 0; i < docs.length; i++) {
            hits[i] = new ScoreDoc(docs[i], 10f - docs[i]);
        }
        return new TopDocs(new TotalHits(docs.length, TotalHits.Relation.EQUAL_TO), hits);
    }

    private static int[] docs(TopDocs td) {
        return Arrays.stream(td.scoreDocs).mapToInt(sd -> sd.doc).toArray();
    }

    private static float scoreOf(TopDocs td, int doc) {
        return Arrays.stream(td.scoreDocs)
                .filter(sd -> sd.doc == doc)
                .findFirst()
                .orElseThrow()
                .score;
    }

    @Test
    public void addsLogitsAndKeepsFirstPassScoresOfUnknownItems() throws IOException {
        SeqRecRescoreContext ctx = context(10, new ScoreCombiner(1f, 3f, ScoreMode.TOTAL, Normalizer.NONE));
        TopDocs out = SeqRecRescorer.INSTANCE.rescore(firstPass(0, 1, 2, 3, 4, 5, 6), searcher, ctx);
        assertEquals(10f + 3 * 2f, scoreOf(out, 0), 1e-6f); // sku-1
        assertEquals(9f + 3 * -1f, scoreOf(out, 1), 1e-6f); // sku-2
        assertEquals(8f, scoreOf(out, 2), 0f); // no value
        assertEquals(7f + 3 * 1f, scoreOf(out, 3), 1e-6f); // sku-3
        assertEquals(6f, scoreOf(out, 4), 0f); // unknown id
        assertEquals(5f + 3 * 2f, scoreOf(out, 5), 1e-6f); // best of sku-2, sku-1
        assertEquals(4f + 3 * -1f, scoreOf(out, 6), 1e-6f);
        // docs 1 and 4 tie at 6: doc id order
        assertArrayEquals(new int[] {0, 5, 3, 2, 1, 4, 6}, docs(out));
    }

    @Test
    public void hitsBeyondTheWindowAreOnlyWeighted() throws IOException {
        SeqRecRescoreContext ctx = context(2, new ScoreCombiner(0.5f, 1f, ScoreMode.REPLACE, Normalizer.NONE));
        TopDocs out = SeqRecRescorer.INSTANCE.rescore(firstPass(1, 3, 5, 6), searcher, ctx);
        assertEquals(-1f, scoreOf(out, 1), 0f);
        assertEquals(1f, scoreOf(out, 3), 0f);
        assertEquals(2.5f, scoreOf(out, 5), 0f); // beyond the window: 5 * 0.5
        assertEquals(2f, scoreOf(out, 6), 0f);
        assertArrayEquals(new int[] {5, 6, 3, 1}, docs(out));
        assertTrue(ctx.isRescored(1));
        assertTrue(ctx.isRescored(3));
        assertFalse(ctx.isRescored(5));
    }

    @Test
    public void minmaxIsComputedOverTheWindow() throws IOException {
        SeqRecRescoreContext ctx = context(10, new ScoreCombiner(1f, 1f, ScoreMode.TOTAL, Normalizer.MINMAX));
        TopDocs out = SeqRecRescorer.INSTANCE.rescore(firstPass(1, 3, 4), searcher, ctx);
        // window logits: -1 (doc 1), 1 (doc 3), none (doc 4)
        assertEquals(9f + 0f, scoreOf(out, 1), 1e-6f);
        assertEquals(7f + 1f, scoreOf(out, 3), 1e-6f);
        assertEquals(6f, scoreOf(out, 4), 0f);
        assertEquals(new Normalizer.Bounds(-1f, 1f), ctx.windowBounds());
    }

    @Test
    public void emptyAndNullTopDocsPassThrough() throws IOException {
        SeqRecRescoreContext ctx = context(10, new ScoreCombiner(1f, 1f, ScoreMode.TOTAL, Normalizer.NONE));
        TopDocs empty = new TopDocs(new TotalHits(0, TotalHits.Relation.EQUAL_TO), new ScoreDoc[0]);
        assertEquals(empty, SeqRecRescorer.INSTANCE.rescore(empty, searcher, ctx));
        assertNull(SeqRecRescorer.INSTANCE.rescore(null, searcher, ctx));
    }

    @Test
    public void explanationsAddUpToTheRescoredScores() throws IOException {
        for (Normalizer normalizer : Normalizer.values()) {
            for (ScoreMode mode : ScoreMode.values()) {
                SeqRecRescoreContext ctx = context(5, new ScoreCombiner(0.7f, 1.3f, mode, normalizer));
                TopDocs first = firstPass(0, 1, 2, 3, 4, 5, 6);
                float[] firstScores = new float[DOC_ITEMS.length];
                for (ScoreDoc sd : first.scoreDocs) {
                    firstScores[sd.doc] = sd.score;
                }
                TopDocs out = SeqRecRescorer.INSTANCE.rescore(first, searcher, ctx);
                for (ScoreDoc sd : out.scoreDocs) {
                    Explanation source = Explanation.match(firstScores[sd.doc], "first pass");
                    Explanation e = SeqRecRescorer.INSTANCE.explain(sd.doc, searcher, ctx, source);
                    assertEquals(
                            mode + "/" + normalizer + " doc " + sd.doc + ": " + e,
                            sd.score,
                            e.getValue().floatValue(),
                            1e-5f);
                }
            }
        }
    }

    @Test
    public void explanationsInAFetchPhaseContextMatchTheQueryPhase() throws IOException {
        for (Normalizer normalizer : Normalizer.values()) {
            ScoreCombiner combiner = new ScoreCombiner(1f, 2f, ScoreMode.TOTAL, normalizer);
            SeqRecRescoreContext query = context(4, combiner);
            TopDocs first = firstPass(0, 1, 3, 5, 6);
            float[] firstScores = new float[DOC_ITEMS.length];
            for (ScoreDoc sd : first.scoreDocs) {
                firstScores[sd.doc] = sd.score;
            }
            TopDocs out = SeqRecRescorer.INSTANCE.rescore(first, searcher, query);
            // the fetch phase builds a new context and gets only the window's doc ids from the query phase
            SeqRecRescoreContext fetch = context(4, combiner);
            fetch.setRescoredDocs(query.getRescoredDocs());
            for (ScoreDoc sd : out.scoreDocs) {
                Explanation e = SeqRecRescorer.INSTANCE.explain(
                        sd.doc, searcher, fetch, Explanation.match(firstScores[sd.doc], "first pass"));
                assertEquals(
                        normalizer + " doc " + sd.doc + ": " + e,
                        sd.score,
                        e.getValue().floatValue(),
                        1e-5f);
            }
        }
    }

    @Test
    public void explanationNamesTheItemAndTheModel() throws IOException {
        SeqRecRescoreContext ctx = context(10, new ScoreCombiner(1f, 1f, ScoreMode.TOTAL, Normalizer.SIGMOID));
        SeqRecRescorer.INSTANCE.rescore(firstPass(5, 4), searcher, ctx);
        String known = SeqRecRescorer.INSTANCE
                .explain(5, searcher, ctx, Explanation.match(5f, "first pass"))
                .toString();
        assertTrue(known, known.contains("logit of model [m] for item [sku-1]"));
        assertTrue(known, known.contains("sigmoid of:"));
        String unknown = SeqRecRescorer.INSTANCE
                .explain(4, searcher, ctx, Explanation.match(6f, "first pass"))
                .toString();
        assertTrue(unknown, unknown.contains("no model score"));
    }
}
