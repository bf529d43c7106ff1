package org.seqrec.index;

import com.stepstone.search.hnswlib.jna.Index;
import com.stepstone.search.hnswlib.jna.QueryTuple;
import com.stepstone.search.hnswlib.jna.SpaceName;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import org.seqrec.artifact.ItemEmbeddings;

/**
 * Approximate maximum inner product search with an HNSW graph (hnswlib, through hnswlib-jna, in its
 * inner-product space). Item row r is stored under label r; row 0 (padding) is not indexed.
 * Returned scores are recomputed exactly as {@code u . E[row]} from the embeddings, so they equal
 * {@link ExactItemIndex}'s scores for the same rows; only which rows are found is approximate.
 *
 * <p>Native memory: the graph and a copy of the vectors live off-heap (see
 * {@link #estimatedNativeBytes()}). Whoever builds the index owns it and must {@link #close()} it;
 * close is idempotent and every other call afterwards throws {@link IllegalStateException}.
 *
 * <p>Thread safety: hnswlib's search is safe to run concurrently, but its ef is one field of the
 * native index that searches read, and freeing the index under a running search would crash the
 * JVM. So searches hold a shared read lock (they run in parallel), while {@link #setEfSearch} and
 * {@link #close()} take the write lock and wait for running searches. ef is therefore per index,
 * not per query: the library has no per-query ef.
 */
public final class HnswItemIndex implements ItemIndex {
    private final Index index;
    private final ItemEmbeddings embeddings;
    private final HnswParams buildParams;
    private final int size;
    private final int dim;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private int efSearch;
    private boolean closed;

    private HnswItemIndex(Index index, ItemEmbeddings embeddings, HnswParams params) {
        this.index = index;
        this.embeddings = embeddings;
        this.buildParams = params;
        this.size = embeddings.numRows() - 1;
        this.dim = embeddings.dim();
        this.efSearch = params.efSearch();
    }

    /** Builds the graph on the calling thread (deterministic for a given input and params). */
    public static HnswItemIndex build(ItemEmbeddings embeddings, HnswParams params) {
        return build(embeddings, params, 1);
    }

    /**
     * Builds the graph inserting items from {@code threads} threads (hnswlib's insertion is
     * thread-safe); with more than one thread the graph depends on scheduling, so recall can vary
     * slightly between builds.
     *
     * @throws IllegalArgumentException for identity item embeddings (a counting model's), which an HNSW
     *     graph cannot hold (n + 1 dimensions per item): search them with {@link ExactItemIndex}
     */
    public static HnswItemIndex build(ItemEmbeddings embeddings, HnswParams params, int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in 1..1024, got " + threads);
        }
        if (embeddings.isIdentity()) {
            throw new IllegalArgumentException("identity item embeddings (" + (embeddings.numRows() - 1)
                    + " items, one dimension per item) cannot be indexed with HNSW: use ExactItemIndex");
        }
        int n = embeddings.numRows() - 1;
        if (n < 1) {
            throw new IllegalArgumentException(
                    "item embeddings hold no items (numRows must be >= 2, got " + embeddings.numRows() + ")");
        }
        Index index = new Index(SpaceName.IP, embeddings.dim());
        boolean ok = false;
        try {
            // maxElements counts labels 0..n: label 0 stays unused, labels are rows.
            index.initialize(n + 1, params.m(), params.efConstruction(), 42);
            index.setEf(params.efSearch());
            insertAll(index, embeddings, threads);
            ok = true;
            return new HnswItemIndex(index, embeddings, params);
        } finally {
            if (!ok) {
                index.clear();
            }
        }
    }

    private static void insertAll(Index index, ItemEmbeddings e, int threads) {
        int rows = e.numRows();
        if (threads == 1) {
            for (int r = 1; r < rows; r++) {
                index.addItem(e.row(r), r);
            }
            return;
        }
        AtomicInteger next = new AtomicInteger(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    for (int r = next.getAndIncrement(); r < rows; r = next.getAndIncrement()) {
                        index.addItem(e.row(r), r);
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the HNSW index", ex);
        } catch (java.util.concurrent.ExecutionException ex) {
            throw new IllegalStateException("building the HNSW index failed", ex.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    @Override
    public List<ScoredItem> search(float[] query, int k, IntPredicate excluded) {
        lock.readLock().lock();
        try {
            ensureOpen();
            ItemIndex.checkQuery(query, k, dim);
            int want = Math.min(k, size);
            // Over-fetch: double the request until k survivors remain or the whole index was asked.
            int fetch = Math.min(size, excluded == null ? want : Math.max(2 * want, want + 16));
            while (true) {
                QueryTuple hits = index.knnQuery(query, fetch);
                TopK top = new TopK(want);
                int survivors = 0;
                for (int row : hits.getIds()) {
                    if (row < 1 || row >= embeddings.numRows() || (excluded != null && excluded.test(row))) {
                        continue;
                    }
                    survivors++;
                    top.offer(row, embeddings.dot(query, row));
                }
                if (survivors >= want || fetch >= size) {
                    return top.bestFirst();
                }
                fetch = (int) Math.min(size, 2L * fetch);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Sets ef for later searches (1..10000; the search uses max(ef, k)). Waits for running searches. */
    public void setEfSearch(int ef) {
        HnswParams.checkEfSearch(ef);
        lock.writeLock().lock();
        try {
            ensureOpen();
            index.setEf(ef);
            efSearch = ef;
        } finally {
            lock.writeLock().unlock();
        }
    }

    public int efSearch() {
        lock.readLock().lock();
        try {
            return efSearch;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Estimated native bytes, from hnswlib's layout: per item the layer-0 block (2M links of 4
     * bytes plus a count), the vector (4D bytes) and an 8-byte label, plus upper-layer links for
     * the expected 1/(M-1) share of items; the per-item lock array and visited lists are ignored.
     */
    public long estimatedNativeBytes() {
        long m = buildParams.m();
        long perItem = (2 * m * 4 + 4) + 4L * dim + 8;
        long upper = (long) ((m * 4 + 4) * ((double) (size + 1) / (m - 1)));
        return perItem * (size + 1) + upper;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int dim() {
        return dim;
    }

    /** Frees the native index; waits for running searches. Idempotent. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                index.clear();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("HnswItemIndex is closed");
        }
    }
}
