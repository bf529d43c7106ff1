package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.util.BytesRef;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.plugin.model.ModelRef;

/**
 * For each segment, keyword field and model version: the model's item row of every ordinal of the
 * field's doc values ({@code -1} for a term the model does not know). Built once, on the first
 * rescore of a segment with a model version, by one pass over the segment's terms in order; later
 * rescores turn a hit's ordinal into its row with one array read, instead of looking the term up
 * (a terms-dictionary seek that decompresses a block) and then the vocabulary (a string and a hash
 * lookup) for every hit. On the serving benchmark those two lookups were most of the rescorer's time.
 *
 * <p>Memory: 4 bytes per distinct term of the field per segment and model version in use. Entries
 * go when their segment's core closes (merged away, index deleted) and when the registry unloads
 * their model version ({@link #invalidate}). Segments without a core cache key get no entry (callers
 * then look terms up one by one).
 *
 * <p>Thread-safe: concurrent first rescores of one segment build its rows once.
 */
public final class SegmentItemRows {
    private record Key(ModelRef ref, String field) {}

    private final ConcurrentHashMap<IndexReader.CacheKey, ConcurrentHashMap<Key, int[]>> bySegment =
            new ConcurrentHashMap<>();

    /**
     * The rows of {@code reader}'s ordinals of {@code field} under {@code ref}'s vocabulary, built
     * on first use; {@code null} when the segment cannot be cached (no core cache key, or closed).
     */
    int[] rows(LeafReader reader, String field, ModelRef ref, ItemVocabulary vocabulary) throws IOException {
        IndexReader.CacheHelper helper = reader.getCoreCacheHelper();
        if (helper == null) {
            return null;
        }
        ConcurrentHashMap<Key, int[]> segment = bySegment.get(helper.getKey());
        if (segment == null) {
            segment = new ConcurrentHashMap<>();
            ConcurrentHashMap<Key, int[]> raced = bySegment.putIfAbsent(helper.getKey(), segment);
            if (raced != null) {
                segment = raced;
            } else {
                try {
                    helper.addClosedListener(bySegment::remove);
                } catch (AlreadyClosedException e) {
                    bySegment.remove(helper.getKey());
                    return null;
                }
            }
        }
        Key key = new Key(ref, field);
        int[] rows = segment.get(key);
        if (rows == null) {
            rows = build(reader, field, vocabulary);
            int[] raced = segment.putIfAbsent(key, rows);
            rows = raced != null ? raced : rows;
        }
        return rows;
    }

    /** Drops every segment's rows of a model version (the registry unloaded it). */
    public void invalidate(ModelRef ref) {
        for (ConcurrentHashMap<Key, int[]> segment : bySegment.values()) {
            segment.keySet().removeIf(key -> key.ref().equals(ref));
        }
    }

    /** Segments and model versions with rows, and their bytes: for tests and node stats. */
    public Usage usage() {
        long entries = 0;
        long bytes = 0;
        for (ConcurrentHashMap<Key, int[]> segment : bySegment.values()) {
            for (int[] rows : segment.values()) {
                entries++;
                bytes += 16 + 4L * rows.length;
            }
        }
        return new Usage(entries, bytes);
    }

    /** @param entries (segment, field, model version) triples held; {@code bytes} their arrays' heap bytes */
    public record Usage(long entries, long bytes) {}

    private static int[] build(LeafReader reader, String field, ItemVocabulary vocabulary) throws IOException {
        SortedSetDocValues values = DocValues.getSortedSet(reader, field);
        long count = values.getValueCount();
        if (count > Integer.MAX_VALUE - 16) {
            throw new IllegalStateException("field [" + field + "] has " + count + " distinct terms in one segment");
        }
        int[] rows = new int[(int) count];
        Arrays.fill(rows, -1);
        TermsEnum terms = values.termsEnum();
        int ord = 0;
        for (BytesRef term = terms.next(); term != null; term = terms.next()) {
            rows[ord++] = vocabulary.rowOf(term.utf8ToString());
        }
        return rows;
    }
}
