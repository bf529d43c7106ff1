package org.seqrec.index;

import com.stepstone.search.hnswlib.jna.Index;
import com.stepstone.search.hnswlib.jna.QueryTuple;
import com.stepstone.search.hnswlib.jna.SpaceName;
import com.stepstone.search.hnswlib.jna.exception.QueryCannotReturnResultsException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;
import org.seqrec.artifact.ItemEmbeddings;

/**
 * Approximate maximum inner product search with an HNSW graph (hnswlib, through hnswlib-jna), in
 * the {@link HnswSpace} of its {@link HnswParams}: by default the inner-product-to-L2 reduction.
 * Item row r is stored under label r; row 0 (padding) is not indexed. The graph only proposes
 * candidates: every returned score is recomputed exactly as {@code u . E[row]} from the embeddings
 * and the candidates re-sorted by it, so scores equal {@link ExactItemIndex}'s for the same rows; only
 * which rows are found is approximate.
 *
 * <p>efSearch per search: hnswlib searches with a candidate list of max(ef, k) and has no per-query
 * ef, so the native ef is set to 1 and each search asks hnswlib for {@code max(efSearch, k + excluded)}
 * candidates: the whole candidate list of a search with that ef. Exact rescoring then keeps the best
 * k that are not excluded, in that one search.
 *
 * <p>Native memory: the graph and a copy of the (extended) vectors live off-heap (see
 * {@link #estimatedNativeBytes()}). Whoever builds the index owns it and must {@link #close()} it;
 * close is idempotent and every other call afterwards throws {@link IllegalStateException}. A build
 * that fails or is cancelled frees its native memory itself before it throws.
 *
 * <p>Thread safety: searches run in parallel under a shared read lock; {@link #close()} takes the
 * write lock, so it waits for running searches: native memory is never freed under one.
 */
public final class HnswItemIndex implements ItemIndex {
    private final Index index;
    private final ItemEmbeddings embeddings;
    private final HnswParams buildParams;
    private final int size;
    private final int dim;
    /** Dimensions of the vectors hnswlib holds: D, or D + 1 padded to a multiple of 4 when reduced. */
    private final int indexDim;

    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile int efSearch;
    private boolean closed; // guarded by lock

    private HnswItemIndex(Index index, ItemEmbeddings embeddings, HnswParams params, int indexDim) {
        this.index = index;
        this.embeddings = embeddings;
        this.buildParams = params;
        this.size = embeddings.numRows() - 1;
        this.dim = embeddings.dim();
        this.indexDim = indexDim;
        this.efSearch = params.efSearch();
    }

    /** Builds the graph on the calling thread (deterministic for a given input and params). */
    public static HnswItemIndex build(ItemEmbeddings embeddings, HnswParams params) {
        return build(embeddings, params, 1);
    }

    /**
     * Builds the graph with {@code threads} threads taking items in turn. The native insertions
     * themselves run one at a time (hnswlib-jna's add is not thread-safe: concurrent adds crashed
     * the JVM), so more threads no longer speed a build up; with more than one thread the insertion
     * order, and so the graph, depends on scheduling, and recall can vary slightly between builds.
     *
     * @throws IllegalArgumentException for identity item embeddings (a counting model's), which an HNSW
     *     graph cannot hold (n + 1 dimensions per item): search them with {@link ExactItemIndex}
     */
    public static HnswItemIndex build(ItemEmbeddings embeddings, HnswParams params, int threads) {
        if (threads < 1 || threads > 1024) {
            throw new IllegalArgumentException("threads must be in 1..1024, got " + threads);
        }
        if (threads == 1) {
            return build(embeddings, params, Runnable::run, 1, () -> false);
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads - 1);
        try {
            return build(embeddings, params, pool, threads, () -> false);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Builds the graph on the calling thread plus up to {@code parallelism - 1} tasks run on
     * {@code workers} (for a node: its bounded build pool). Workers that have not started when the
     * calling thread ran out of items are cancelled, so a busy pool never blocks the build: in the
     * worst case the calling thread inserts every item itself. The native insertions run one at a
     * time whatever the parallelism (see {@link #build(ItemEmbeddings, HnswParams, int)}).
     *
     * @param cancelled polled between insertions; once it answers true the build stops, frees its
     *     native memory and throws {@link CancellationException}
     * @throws IllegalArgumentException for identity embeddings, or embeddings without items
     * @throws CancellationException when {@code cancelled} said so, or the thread was interrupted
     */
    public static HnswItemIndex build(
            ItemEmbeddings embeddings,
            HnswParams params,
            Executor workers,
            int parallelism,
            BooleanSupplier cancelled) {
        if (parallelism < 1 || parallelism > 1024) {
            throw new IllegalArgumentException("parallelism must be in 1..1024, got " + parallelism);
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
        int indexDim = indexDim(embeddings.dim(), params.space());
        Index index = new Index(params.space() == HnswSpace.REDUCED_L2 ? SpaceName.L2 : SpaceName.IP, indexDim);
        boolean ok = false;
        try {
            // maxElements counts labels 0..n: label 0 stays unused, labels are rows.
            index.initialize(n + 1, params.m(), params.efConstruction(), 42);
            // The candidate list is max(native ef, k): with ef 1, each search's k is its ef (see the class javadoc).
            index.setEf(1);
            insertAll(index, embeddings, params.space(), indexDim, workers, parallelism, cancelled);
            ok = true;
            return new HnswItemIndex(index, embeddings, params, indexDim);
        } finally {
            if (!ok) {
                clearQuietly(index);
            }
        }
    }

    /** Writes the graph in hnswlib's own file format (what {@link #load} reads). */
    public void save(Path file) {
        lock.readLock().lock();
        try {
            ensureOpen();
            index.save(file);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Reads a graph {@link #save} wrote for these embeddings and params. hnswlib checks little of the
     * file: the caller must know that it was built from exactly these embeddings.
     */
    public static HnswItemIndex load(Path file, ItemEmbeddings embeddings, HnswParams params) {
        int indexDim = indexDim(embeddings.dim(), params.space());
        Index index = new Index(params.space() == HnswSpace.REDUCED_L2 ? SpaceName.L2 : SpaceName.IP, indexDim);
        boolean ok = false;
        try {
            // hnswlib-jna 1.4.0's load does not mark the index initialised: initialise a tiny one, which the load
            // replaces
            index.initialize(1, params.m(), params.efConstruction(), 42);
            index.load(file, embeddings.numRows());
            index.setEf(1);
            ok = true;
            return new HnswItemIndex(index, embeddings, params, indexDim);
        } finally {
            if (!ok) {
                clearQuietly(index);
            }
        }
    }

    /** Frees a native index that failed to build or load, keeping the original failure. */
    private static void clearQuietly(Index index) {
        try {
            index.clear();
        } catch (RuntimeException ignored) {
            // an index that never initialised has nothing to free
        }
    }

    private static int indexDim(int dim, HnswSpace space) {
        return space == HnswSpace.REDUCED_L2 ? (dim + 1 + 3) / 4 * 4 : dim;
    }

    /** The largest squared row norm |E[r]|^2 over the items (rows 1..n). */
    private static double maxSquaredNorm(ItemEmbeddings e) {
        float[] data = e.asTensor().data();
        int dim = e.dim();
        double max = 0;
        for (int r = 1; r < e.numRows(); r++) {
            double s = 0;
            for (int j = 0; j < dim; j++) {
                double v = data[r * dim + j];
                s += v * v;
            }
            max = Math.max(max, s);
        }
        return max;
    }

    private static void insertAll(
            Index index,
            ItemEmbeddings e,
            HnswSpace space,
            int indexDim,
            Executor workers,
            int parallelism,
            BooleanSupplier cancelled) {
        int rows = e.numRows();
        int dim = e.dim();
        float[] data = e.asTensor().data();
        double maxNormSq = space == HnswSpace.REDUCED_L2 ? maxSquaredNorm(e) : 0;
        AtomicInteger next = new AtomicInteger(1);
        Runnable insert = () -> {
            float[] v = new float[indexDim]; // one buffer per thread: JNA copies it on each call
            for (int r = next.getAndIncrement(); r < rows; r = next.getAndIncrement()) {
                if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
                    next.set(rows); // the other threads stop too
                    return;
                }
                double normSq = 0;
                for (int j = 0; j < dim; j++) {
                    float x = data[r * dim + j];
                    v[j] = x;
                    normSq += (double) x * x;
                }
                if (space == HnswSpace.REDUCED_L2) {
                    v[dim] = (float) Math.sqrt(Math.max(0, maxNormSq - normSq));
                }
                // hnswlib-jna's native add is not thread-safe (its README leaves multi-threading to the Java
                // side): concurrent adds crashed the JVM in searchBaseLayer. One add at a time per graph.
                synchronized (index) {
                    index.addItem(v, r);
                }
            }
        };
        List<FutureTask<Void>> helpers = new ArrayList<>();
        for (int t = 1; t < parallelism; t++) {
            FutureTask<Void> task = new FutureTask<>(insert, null);
            try {
                workers.execute(task);
                helpers.add(task);
            } catch (RejectedExecutionException ex) {
                break; // a full pool: insert with fewer threads
            }
        }
        RuntimeException failure = null;
        try {
            insert.run();
        } catch (RuntimeException ex) {
            next.set(rows);
            failure = ex;
        }
        boolean interrupted = false;
        for (FutureTask<Void> task : helpers) {
            if (task.cancel(false)) {
                continue; // never started: nothing to wait for
            }
            while (true) {
                try {
                    task.get();
                    break;
                } catch (InterruptedException ex) {
                    interrupted = true; // the helper still writes to the index: wait for it before anyone frees it
                } catch (ExecutionException ex) {
                    if (failure == null) {
                        failure = new IllegalStateException("building the HNSW index failed", ex.getCause());
                    }
                    break;
                } catch (CancellationException ex) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (failure != null) {
            throw failure;
        }
        if (cancelled.getAsBoolean() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("the HNSW index build was cancelled");
        }
    }

    /**
     * {@link #search(float[], int, BitSet, int)} with an arbitrary predicate and this index's
     * efSearch; since the number of excluded rows is unknown, the search is repeated with twice the
     * candidates while fewer than k survive.
     */
    @Override
    public List<ScoredItem> search(float[] query, int k, IntPredicate excluded) {
        lock.readLock().lock();
        try {
            ensureOpen();
            ItemIndex.checkQuery(query, k, dim);
            int want = Math.min(k, size);
            float[] q = indexQuery(query);
            int fetch = Math.min(size, Math.max(efSearch, excluded == null ? want : Math.max(2 * want, want + 16)));
            while (true) {
                TopK top = new TopK(want);
                int survivors = collect(query, q, fetch, excluded, top);
                if (survivors >= want || fetch >= size) {
                    return top.bestFirst();
                }
                fetch = (int) Math.min(size, 2L * fetch);
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * One graph search with candidate list {@code max(efSearch, k + |excluded|)}: the excluded rows
     * cannot crowd out the k results, without a second search.
     *
     * @param efSearch 1..{@value HnswParams#MAX_EF}, or 0 for this index's {@link #efSearch()}
     */
    @Override
    public List<ScoredItem> search(float[] query, int k, BitSet excluded, int efSearch) {
        int ef = efSearch == 0 ? this.efSearch : HnswParams.checkEfSearch(efSearch);
        lock.readLock().lock();
        try {
            ensureOpen();
            ItemIndex.checkQuery(query, k, dim);
            int want = Math.min(k, size);
            int excludedCount = excluded == null ? 0 : excluded.cardinality();
            int fetch = (int) Math.min(size, Math.max(ef, (long) want + excludedCount));
            TopK top = new TopK(want);
            collect(
                    query,
                    indexQuery(query),
                    fetch,
                    excluded == null || excludedCount == 0 ? null : excluded::get,
                    top);
            return top.bestFirst();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Offers the non-excluded candidates of one graph search to {@code top}, exactly rescored; returns how many. */
    private int collect(float[] query, float[] indexQuery, int fetch, IntPredicate excluded, TopK top) {
        int[] ids;
        try {
            QueryTuple hits = index.knnQuery(indexQuery, fetch);
            ids = hits.getIds();
        } catch (QueryCannotReturnResultsException e) {
            // hnswlib found fewer than fetch candidates (possible on tiny or oddly shaped graphs): scan instead
            ids = new int[size];
            for (int r = 1; r <= size; r++) {
                ids[r - 1] = r;
            }
        }
        int survivors = 0;
        for (int row : ids) {
            if (row < 1 || row > size || (excluded != null && excluded.test(row))) {
                continue;
            }
            survivors++;
            top.offer(row, embeddings.dot(query, row));
        }
        return survivors;
    }

    /**
     * The query as hnswlib sees it: u, or (u, 0, ..., 0) in the reduced space. (Scaling u changes
     * nothing: every distance of one query is the same increasing function of -u . e, so the graph
     * walk is the same.)
     */
    private float[] indexQuery(float[] query) {
        if (indexDim == dim) {
            return query;
        }
        float[] q = new float[indexDim];
        System.arraycopy(query, 0, q, 0, dim);
        return q;
    }

    /** Sets the default efSearch of later searches (1..10000; a search uses max(ef, k)). */
    public void setEfSearch(int ef) {
        HnswParams.checkEfSearch(ef);
        lock.readLock().lock();
        try {
            ensureOpen();
            efSearch = ef;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The efSearch of searches that do not give their own. */
    public int efSearch() {
        return efSearch;
    }

    /** The parameters the graph was built with (efSearch: the initial default). */
    public HnswParams params() {
        return buildParams;
    }

    /** {@link #estimateNativeBytes} for this index. */
    public long estimatedNativeBytes() {
        return estimateNativeBytes(size, dim, buildParams);
    }

    /**
     * Estimated native bytes of a graph over {@code items} rows of D dimensions, from hnswlib's
     * layout: per element the layer-0 block (2M links of 4 bytes plus a count), the vector (4 bytes
     * per indexed dimension), an 8-byte label, a mutex (40 bytes), an entry in the label map (about 48
     * bytes), its level and link-list pointer (12 bytes); plus upper-layer links (M links and a count)
     * for the expected 1/(M - 1) upper levels per element. Visited lists (per searching thread) are
     * left out. Known before the build, so a node can reserve it.
     */
    public static long estimateNativeBytes(int items, int dim, HnswParams params) {
        long m = params.m();
        long elements = items + 1L;
        long perElement = (2 * m * 4 + 4) + 4L * indexDim(dim, params.space()) + 8 + 40 + 48 + 12;
        long upper = (long) ((m * 4 + 4) * ((double) elements / (m - 1)));
        return perElement * elements + upper;
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
