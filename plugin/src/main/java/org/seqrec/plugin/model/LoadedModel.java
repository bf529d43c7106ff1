package org.seqrec.plugin.model;

import java.io.Closeable;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.encoder.RankingScorer;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.index.ExactItemIndex;
import org.seqrec.index.HnswItemIndex;
import org.seqrec.index.ItemIndex;
import org.seqrec.index.ScoredItem;
import org.seqrec.model.ModelTypes;
import org.seqrec.nn.cpu.CpuNetworks;
import org.seqrec.plugin.history.TimedHistory;

/**
 * A model held in memory on this node: its artifact (vocabulary and item embeddings, on the Java
 * heap) and, opened on first {@link #encode}, its {@link SequenceEncoder} (network parameters in
 * native memory). Data nodes that only score hits never open the encoder, so they never load
 * libtorch.
 *
 * <p>Item search ({@link #search}): catalogues up to {@link ItemIndexConfig#exactMaxItems()} items
 * (and identity embeddings) are scanned exactly. Larger ones get an HNSW graph (native memory), built
 * in the background on the node's build pool, started by the first search on this node (so only
 * nodes that retrieve candidates build one; nodes that only rescore hits never do); until it is
 * built the exact scan answers, so no request waits for a build, and encodes never touch it. The
 * graph's estimated native memory counts in {@link #memoryBytes()} from the build's start (the
 * registry's bound); a graph that does not fit the bound is not built and the exact scan keeps
 * answering. {@link #indexState()} says which index answers now.
 *
 * <p>Thread-safe. Owned by {@link ModelRegistry}, which closes it (and so the encoder's and the item
 * index's native memory) when it evicts the model or the plugin closes. {@link #encode} and
 * {@link #search} hold a read lock and {@link #close} the write lock, so native memory is never
 * freed under a running call; a call after close throws {@link ModelClosedException}. Closing
 * cancels a running build, which frees its own unfinished graph. The vocabulary and item embeddings
 * are plain heap arrays and stay usable after close.
 */
public final class LoadedModel implements Closeable {
    private static final Logger LOGGER = LogManager.getLogger(LoadedModel.class);

    private final ModelRef ref;
    private final String id;
    private final ModelArtifact artifact;
    private final DevicePreference device;
    private final CpuInference cpuInference;
    /** Everything but the graph: the artifact's arrays, the network's native copy, the exact scan's copy. */
    private final long baseBytes;
    /** The graph's estimated native bytes, 0 when the model is searched exactly. */
    private final long graphBytes;

    private final ItemIndexConfig indexConfig;
    /** Asked when a build is about to start whether the graph fits the memory bound (it may evict others). */
    private final Predicate<LoadedModel> reserveGraph;

    private final ExactItemIndex exactIndex;
    private volatile HnswItemIndex hnswIndex; // written under lock
    private volatile IndexState indexState; // written under lock
    /** Set once a build was tried (started, refused for memory, or failed): a model builds at most once. */
    private volatile boolean buildStarted; // written under lock
    /** Read: a call using native memory is running; write: closing. */
    private final ReadWriteLock useLock = new ReentrantReadWriteLock();

    private final Object lock = new Object();
    private SequenceEncoder encoder; // guarded by lock
    private volatile RankingScorer ranker; // written under lock
    /** Whether the model type is a ranking type, read once: every rescore of the model asks. */
    private final boolean ranking;

    private volatile boolean closed; // written under lock and the write lock
    /** The encoder is open and computes in plain Java (written under lock). */
    private volatile boolean encodesInJava;

    private volatile long lastUsedNanos = System.nanoTime();

    /** Which index answers {@link #search}, as the stats show it. */
    public enum IndexState {
        /** The exact scan: the catalogue is small, the embeddings are an identity, or no graph was started or fits. */
        EXACT("exact"),
        /** The exact scan answers while the HNSW graph is built. */
        BUILDING("building"),
        /** The HNSW graph answers. */
        HNSW("hnsw");

        private final String id;

        IndexState(String id) {
            this.id = id;
        }

        /** {@code exact}, {@code building} or {@code hnsw}. */
        public String id() {
            return id;
        }
    }

    /** A model searched with {@link ItemIndexConfig#defaults()}, graphs always allowed (tests and tools). */
    LoadedModel(ModelRef ref, ModelArtifact artifact, DevicePreference device, CpuInference cpuInference) {
        this(ref, artifact, device, cpuInference, ItemIndexConfig.defaults(), m -> true);
    }

    LoadedModel(
            ModelRef ref,
            ModelArtifact artifact,
            DevicePreference device,
            CpuInference cpuInference,
            ItemIndexConfig indexConfig,
            Predicate<LoadedModel> reserveGraph) {
        this.ref = ref;
        this.id = ref.modelId();
        this.artifact = artifact;
        this.device = device;
        this.cpuInference = cpuInference;
        this.indexConfig = indexConfig;
        this.reserveGraph = reserveGraph;
        ItemEmbeddings e = artifact.itemEmbeddings();
        this.graphBytes = indexConfig.usesHnsw(e) ? ModelMemory.graphBytes(e, indexConfig.hnsw()) : 0;
        // a catalogue searched exactly for good gets the blocked scan (its copy counted from the start,
        // built by the first search); one with a graph is scanned row by row, copy-free, while it builds
        boolean exactForGood = graphBytes == 0;
        this.baseBytes = ModelMemory.estimate(artifact) + (exactForGood ? ExactItemIndex.blockedScanBytes(e) : 0);
        this.exactIndex = new ExactItemIndex(e, exactForGood);
        this.indexState = IndexState.EXACT;
        this.ranking = ModelTypes.isRanking(artifact.manifest().modelType());
    }

    public String id() {
        return id;
    }

    /** The model id and the version of its artifact. */
    public ModelRef ref() {
        return ref;
    }

    /**
     * Estimated memory of the loaded model: the artifact's heap arrays, the network's copy in native
     * memory once opened, and the HNSW graph's native memory once its build started.
     */
    public long memoryBytes() {
        return baseBytes + indexNativeBytes();
    }

    /** The HNSW graph's estimated native bytes while it is built or serves, else 0. */
    public long indexNativeBytes() {
        return indexState == IndexState.EXACT ? 0 : graphBytes;
    }

    /** The memory this model would take with its graph (the bound a graph build checks). */
    long memoryBytesWithGraph() {
        return baseBytes + graphBytes;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    /**
     * Where the encoder (a ranking model: its network) runs ({@code cpu}, {@code gpu(0)}), or
     * {@code null} before its first use on this node.
     */
    public String encoderDevice() {
        synchronized (lock) {
            if (encoder != null) {
                return encoder.deviceName();
            }
            return ranker == null ? null : ranker.deviceName();
        }
    }

    /**
     * Whether this model's encoder is open and computes in plain Java (the CPU forward pass, a
     * counting baseline): an encode then costs tens of microseconds and batching gains nothing, so
     * callers encode on their own thread. {@code false} before the first encode, on DJL and on a GPU.
     */
    public boolean encodesInJava() {
        return encodesInJava && closed == false;
    }

    /**
     * The most stored values (items x D) of an exact scan that {@link #searchesCheaply} calls cheap:
     * 2^20, a 16,384 x 64 catalogue, scanned in about the time of one plain-Java encode.
     */
    public static final long CHEAP_SEARCH_MAX_VALUES = 1L << 20;

    /**
     * Whether a search costs about what a plain-Java encode does: the catalogue is scanned exactly for
     * good (no graph) and holds at most {@link #CHEAP_SEARCH_MAX_VALUES} values. A caller whose encode
     * ran on its own thread (a network thread, see the plugin's HistoryEncoder) may search there too,
     * instead of handing the search to the inference pool.
     */
    public boolean searchesCheaply() {
        return graphBytes == 0
                && (long) exactIndex.size() * exactIndex.dim() <= CHEAP_SEARCH_MAX_VALUES
                && closed == false;
    }

    /** Which index answers searches now. */
    public IndexState indexState() {
        return indexState;
    }

    /** Whether this model's catalogue is large enough for an HNSW graph. */
    public boolean usesHnsw() {
        return graphBytes > 0;
    }

    public boolean isClosed() {
        return closed;
    }

    /** The artifact (heap only, immutable), e.g. to derive a new version from it. */
    public ModelArtifact artifact() {
        return artifact;
    }

    public ItemVocabulary vocabulary() {
        return artifact.vocabulary();
    }

    public ItemEmbeddings itemEmbeddings() {
        return artifact.itemEmbeddings();
    }

    /** The item features and feature embeddings of a model trained with them, for items it does not know. */
    public Optional<FeatureModel> features() {
        return artifact.features();
    }

    /** Whether this is a ranking model ({@code din}, {@code dien}, {@code bst}): it scores candidates, it has no user vector. */
    public boolean isRanking() {
        return ranking;
    }

    /**
     * A ranking model's scores of {@code candidates} (item rows) after {@code history} (item rows,
     * oldest first): one window of a {@code seqrec} rescore, on this node's device. On the CPU the
     * plain-Java pass ({@code plugins.seqrec.cpu_inference: java}), else (a GPU, or {@code djl}) the
     * DJL network.
     *
     * @throws IllegalArgumentException (400) when the model is not a ranking model, does not fit its
     *     manifest, or a row is outside its items
     * @throws ModelClosedException once the model was closed
     */
    public float[] rank(int[] history, int[] candidates) {
        RankingScorer r = ranker();
        if (r.runsInJava()) {
            // heap arrays only: a window whose model was evicted after its rescore was built still scores
            return r.scores(history, candidates);
        }
        useLock.readLock().lock();
        try {
            if (closed) {
                throw new ModelClosedException(ref);
            }
            return DjlCalls.call(() -> r.scores(history, candidates));
        } finally {
            useLock.readLock().unlock();
        }
    }

    /**
     * Opens the ranking network now, if not yet, so that a model that cannot be loaded fails when a
     * rescore is built rather than when it scores.
     *
     * @throws IllegalArgumentException (400) as {@link #rank}
     */
    public void openRanker() {
        ranker();
    }

    private RankingScorer ranker() {
        RankingScorer r = ranker;
        if (r != null) {
            return r;
        }
        // not opened before the model was closed: ModelClosedException below
        synchronized (lock) {
            if (closed) {
                throw new ModelClosedException(ref);
            }
            if (ranker == null) {
                if (isRanking() == false) {
                    throw new IllegalArgumentException("seqrec model [" + id + "] is not a ranking model");
                }
                try {
                    ranker = DjlCalls.call(() -> RankingScorer.open(artifact, device, cpuInference));
                } catch (ArtifactException e) {
                    throw new IllegalArgumentException(
                            "seqrec model [" + id + "] cannot be loaded: " + e.getMessage(), e);
                }
                LOGGER.info(
                        "seqrec: ranking model [{}] ({} items, D={}, L={}) scores on device [{}] (plugins.seqrec.device: {}),"
                                + " engine {}",
                        id,
                        artifact.manifest().numItems(),
                        artifact.manifest().embeddingDim(),
                        maxSeqLen(),
                        ranker.deviceName(),
                        device,
                        ranker.runsInJava() ? "plain Java (plugins.seqrec.cpu_inference: java)" : "PyTorch (DJL)");
            }
            return ranker;
        }
    }

    /** The rows of the history's items this model knows, oldest first, the latest L of them. */
    public int[] historyRows(List<String> history) {
        ItemVocabulary vocabulary = artifact.vocabulary();
        int[] rows =
                history.stream().mapToInt(vocabulary::rowOf).filter(r -> r > 0).toArray();
        return rows.length <= maxSeqLen() ? rows : Arrays.copyOfRange(rows, rows.length - maxSeqLen(), rows.length);
    }

    public int maxSeqLen() {
        return artifact.manifest().maxSeqLen();
    }

    /**
     * The user vector (D) for a history of external item ids, oldest first (unknown ids skipped,
     * only the latest L used).
     *
     * @throws IllegalArgumentException when the network parameters do not fit the manifest (400)
     * @throws IllegalStateException when the encoder cannot start (e.g. {@code gpu} asked for, none usable)
     */
    public float[] encode(List<String> history) {
        useLock.readLock().lock();
        try {
            SequenceEncoder e = encoder();
            return DjlCalls.call(() -> e.encode(history));
        } finally {
            useLock.readLock().unlock();
        }
    }

    /**
     * The user vectors (B x D) of several histories in one forward pass; see {@link #encode}.
     *
     * @throws ModelClosedException once the model was closed
     */
    public float[][] encodeBatch(List<List<String>> histories) {
        useLock.readLock().lock();
        try {
            SequenceEncoder e = encoder();
            return DjlCalls.call(() -> e.encodeBatch(histories));
        } finally {
            useLock.readLock().unlock();
        }
    }

    /** Whether the model reads event times (its manifest's {@code reads_times}). */
    public boolean readsTimes() {
        return artifact.manifest().readsTimes();
    }

    /** The 400 for a history without times given to a model that reads them. */
    public static IllegalArgumentException noTimes(String modelId) {
        return new IllegalArgumentException("seqrec model [" + modelId + "] reads event times (reads_times), but the"
                + " history has none: give each item's time ([history] as [{\"item\": ..., \"time\": ...}], or"
                + " [history_times]), or use [user_id] with [events] whose [time_field] holds every event's time");
    }

    /**
     * The user vectors of histories with their times: a model that reads times encodes each
     * history's time codes ({@link TimedHistory#timeCodes}; unknown ids are skipped with their codes),
     * a time-blind one the items alone (as {@link #encodeBatch}).
     *
     * @throws IllegalArgumentException (400) when the model reads times and a history has none
     * @throws ModelClosedException once the model was closed
     */
    public float[][] encodeTimed(List<TimedHistory> histories) {
        if (readsTimes() == false) {
            return encodeBatch(histories.stream().map(TimedHistory::items).toList());
        }
        ItemVocabulary vocabulary = artifact.vocabulary();
        int[][] rows = new int[histories.size()][];
        int[][] codes = new int[histories.size()][];
        for (int b = 0; b < rows.length; b++) {
            TimedHistory h = histories.get(b);
            if (h.hasTimes() == false) {
                throw noTimes(id);
            }
            int[] all = h.timeCodes();
            int[] r = new int[all.length];
            int[] c = new int[all.length];
            int n = 0;
            for (int i = 0; i < all.length; i++) {
                int row = vocabulary.rowOf(h.items().get(i));
                if (row > 0) {
                    r[n] = row;
                    c[n++] = all[i];
                }
            }
            rows[b] = Arrays.copyOf(r, n);
            codes[b] = Arrays.copyOf(c, n);
        }
        useLock.readLock().lock();
        try {
            SequenceEncoder e = encoder();
            return DjlCalls.call(() -> e.encodeRows(rows, codes));
        } finally {
            useLock.readLock().unlock();
        }
    }

    /**
     * The k items with the largest inner product with u, best first (see {@link ItemIndex#search}),
     * from the HNSW graph once built, else from the exact scan; the first search of a large catalogue
     * starts the graph's build in the background (it never waits for it).
     *
     * @throws ModelClosedException once the model was closed
     */
    public List<ScoredItem> search(float[] userVector, int k, IntPredicate excluded) {
        useLock.readLock().lock();
        try {
            return itemIndex().search(userVector, k, excluded);
        } finally {
            useLock.readLock().unlock();
        }
    }

    /**
     * {@link #search(float[], int, IntPredicate)} with the excluded rows as a set (an HNSW search
     * widens its one search by their number) and this search's efSearch.
     *
     * @param efSearch 1..10000, or 0 for {@code plugins.seqrec.index.hnsw.ef_search}; the exact scan ignores it
     */
    public List<ScoredItem> search(float[] userVector, int k, BitSet excluded, int efSearch) {
        useLock.readLock().lock();
        try {
            return itemIndex().search(userVector, k, excluded, efSearch);
        } finally {
            useLock.readLock().unlock();
        }
    }

    private SequenceEncoder encoder() {
        synchronized (lock) {
            if (closed) {
                throw new ModelClosedException(ref);
            }
            if (encoder == null) {
                if (isRanking()) {
                    throw new RankingModelException(id, artifact.manifest().modelType());
                }
                try {
                    encoder = DjlCalls.call(() -> SequenceEncoder.open(artifact, device, cpuInference));
                } catch (ArtifactException e) {
                    throw new IllegalArgumentException(
                            "seqrec model [" + id + "] cannot be loaded: " + e.getMessage(), e);
                }
                // counting baselines and the Java forward pass encode in plain Java: do not load libtorch just to log
                // its version
                encodesInJava = encoder.runsInJava();
                String engine = ModelTypes.isCounting(artifact.manifest().modelType())
                        ? "none (counting model)"
                        : encodesInJava
                                ? "plain Java (" + CpuNetworks.kernelDescription()
                                        + "; plugins.seqrec.cpu_inference: java)"
                                : DjlCalls.call(() -> DjlRuntime.engine().getEngineName() + " "
                                        + DjlRuntime.engine().getVersion());
                LOGGER.info(
                        "seqrec: model [{}] ({} items, D={}, L={}) encodes on device [{}] (plugins.seqrec.device: {}), engine {}",
                        id,
                        artifact.manifest().numItems(),
                        artifact.manifest().embeddingDim(),
                        maxSeqLen(),
                        encoder.deviceName(),
                        device,
                        engine);
            }
            return encoder;
        }
    }

    /**
     * The index that answers now: the graph once built, else the exact scan; starts the graph's
     * build if this model needs one and none started yet. Call under the read lock; the caller must
     * not close it.
     *
     * @throws ModelClosedException once the model was closed
     */
    ItemIndex itemIndex() {
        if (closed) {
            throw new ModelClosedException(ref);
        }
        HnswItemIndex hnsw = hnswIndex;
        if (hnsw != null) {
            return hnsw;
        }
        if (graphBytes > 0 && indexState == IndexState.EXACT && buildStarted == false) {
            startBuild();
        }
        return exactIndex;
    }

    private void startBuild() {
        synchronized (lock) {
            if (buildStarted || closed) {
                return;
            }
            buildStarted = true;
            indexState = IndexState.BUILDING;
        }
        // outside the lock: the registry may evict other models to make room
        if (reserveGraph.test(this) == false) {
            synchronized (lock) {
                indexState = IndexState.EXACT;
            }
            LOGGER.warn(
                    "seqrec: model [{}] ({} items) is searched exactly: its HNSW graph (~{} MiB) does not fit"
                            + " plugins.seqrec.model_cache.max_size",
                    id,
                    exactIndex.size(),
                    graphBytes >> 20);
            return;
        }
        try {
            indexConfig.buildExecutor().execute(this::build);
        } catch (RejectedExecutionException e) {
            synchronized (lock) {
                indexState = IndexState.EXACT;
                buildStarted = false; // the pool is full: a later search tries again
            }
            LOGGER.debug("seqrec: model [{}] could not queue its HNSW build (the pool is full); searched exactly", id);
        }
    }

    /** Runs on the build pool. */
    private void build() {
        long start = System.nanoTime();
        HnswItemIndex built;
        try {
            built = HnswItemIndex.build(
                    artifact.itemEmbeddings(),
                    indexConfig.hnsw(),
                    indexConfig.buildExecutor(),
                    indexConfig.buildThreads(),
                    () -> closed);
        } catch (CancellationException e) {
            LOGGER.debug("seqrec: model [{}] closed while its HNSW graph was built: build cancelled", id);
            return;
        } catch (RuntimeException | Error e) {
            synchronized (lock) {
                indexState = IndexState.EXACT;
            }
            LOGGER.warn(
                    () -> "seqrec: building the HNSW graph of model [" + id + "] failed; it is searched exactly", e);
            return;
        }
        synchronized (lock) {
            if (closed) {
                built.close();
                return;
            }
            hnswIndex = built;
            indexState = IndexState.HNSW;
        }
        LOGGER.info(
                "seqrec: model [{}] built its HNSW item graph ({} items, M {}, efConstruction {}, {}, ~{} MiB native) in {} ms",
                id,
                built.size(),
                indexConfig.hnsw().m(),
                indexConfig.hnsw().efConstruction(),
                indexConfig.hnsw().space().id(),
                graphBytes >> 20,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Frees the encoder's, the ranking network's and the item index's native memory, after the running {@link #encode} and
     * {@link #search} calls finished (this waits for them); later calls throw
     * {@link ModelClosedException}. Idempotent.
     */
    @Override
    public void close() {
        useLock.writeLock().lock();
        try {
            synchronized (lock) {
                closed = true;
                encodesInJava = false;
                if (encoder != null) {
                    encoder.close();
                    encoder = null;
                }
                if (ranker != null) {
                    ranker.close(); // kept: a plain-Java ranker goes on scoring the windows of rescores already built
                }
                // a running build sees closed and frees its own graph
                if (hnswIndex != null) {
                    hnswIndex.close();
                    hnswIndex = null;
                }
                exactIndex.close();
            }
        } finally {
            useLock.writeLock().unlock();
        }
    }
}
