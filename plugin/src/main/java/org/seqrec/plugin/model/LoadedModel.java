package org.seqrec.plugin.model;

import java.io.Closeable;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.IntPredicate;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ItemEmbeddings;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.encoder.DjlRuntime;
import org.seqrec.encoder.SequenceEncoder;
import org.seqrec.index.ExactItemIndex;
import org.seqrec.index.HnswItemIndex;
import org.seqrec.index.HnswParams;
import org.seqrec.index.ItemIndex;
import org.seqrec.index.ScoredItem;
import org.seqrec.model.ModelTypes;
import org.seqrec.nn.cpu.CpuNetworks;

/**
 * A model held in memory on this node: its artifact (vocabulary and item embeddings, on the Java
 * heap) and, opened on first {@link #encode}, its {@link SequenceEncoder} (network parameters in
 * native memory). Data nodes that only score hits never open the encoder, so they never load
 * libtorch. Its {@link ItemIndex} (an HNSW graph over the item embeddings, native memory) is built
 * on first {@link #itemIndex} use, i.e. only on nodes that retrieve candidates.
 *
 * <p>Thread-safe. Owned by {@link ModelRegistry}, which closes it (and so the encoder's and the item
 * index's native memory) when it evicts the model or the plugin closes. {@link #encode} and
 * {@link #search} hold a read lock and {@link #close} the write lock, so native memory is never
 * freed under a running call; a call after close throws {@link ModelClosedException}. The
 * vocabulary and item embeddings are plain heap arrays and stay usable after close.
 */
public final class LoadedModel implements Closeable {
    private static final Logger LOGGER = LogManager.getLogger(LoadedModel.class);

    private final ModelRef ref;
    private final String id;
    private final ModelArtifact artifact;
    private final DevicePreference device;
    private final CpuInference cpuInference;
    private final long memoryBytes;
    /** Read: a call using native memory is running; write: closing. */
    private final ReadWriteLock useLock = new ReentrantReadWriteLock();

    private final Object lock = new Object();
    private SequenceEncoder encoder; // guarded by lock
    private ItemIndex itemIndex; // guarded by lock
    private volatile boolean closed; // written under lock and the write lock
    /** The encoder is open and computes in plain Java (written under lock). */
    private volatile boolean encodesInJava;

    private volatile long lastUsedNanos = System.nanoTime();

    LoadedModel(ModelRef ref, ModelArtifact artifact, DevicePreference device, CpuInference cpuInference) {
        this.ref = ref;
        this.id = ref.modelId();
        this.artifact = artifact;
        this.device = device;
        this.cpuInference = cpuInference;
        this.memoryBytes = ModelMemory.estimate(artifact);
    }

    public String id() {
        return id;
    }

    /** The model id and the version of its artifact. */
    public ModelRef ref() {
        return ref;
    }

    /** Estimated memory of the loaded artifact (heap arrays, and the network's copy in native memory once opened). */
    public long memoryBytes() {
        return memoryBytes;
    }

    long lastUsedNanos() {
        return lastUsedNanos;
    }

    void touch() {
        lastUsedNanos = System.nanoTime();
    }

    /** Where the encoder runs ({@code cpu}, {@code gpu(0)}), or {@code null} before its first use on this node. */
    public String encoderDevice() {
        synchronized (lock) {
            return encoder == null ? null : encoder.deviceName();
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

    public boolean indexBuilt() {
        synchronized (lock) {
            return itemIndex != null;
        }
    }

    public boolean isClosed() {
        return closed;
    }

    public ItemVocabulary vocabulary() {
        return artifact.vocabulary();
    }

    public ItemEmbeddings itemEmbeddings() {
        return artifact.itemEmbeddings();
    }

    /** L: histories longer than this keep their most recent L items. */
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

    /**
     * The k items with the largest inner product with u, best first (see {@link ItemIndex#search});
     * builds the item index on first use.
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

    private SequenceEncoder encoder() {
        synchronized (lock) {
            if (closed) {
                throw new ModelClosedException(ref);
            }
            if (encoder == null) {
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
     * Catalogues up to this many items are searched exactly. Measured (docs/benchmarks.md): the
     * exact scan answers 2,100-3,700 queries/s at 12k-24k items x 64, while HNSW over trained
     * SASRec embeddings recalled only 0.38 (Games, 24k items) to 0.91 (Beauty, 12k) of the true
     * top 10 at efSearch 200; HNSW pays off at large catalogues (1M items: recall@10 0.95 at 51x).
     */
    static final int EXACT_SEARCH_MAX_ITEMS = 100_000;

    static ItemIndex buildIndex(ItemEmbeddings embeddings) {
        int items = embeddings.numRows() - 1;
        return items <= EXACT_SEARCH_MAX_ITEMS || embeddings.isIdentity() // identity (markov): HNSW cannot hold it
                ? new ExactItemIndex(embeddings)
                : HnswItemIndex.build(embeddings, HnswParams.defaults());
    }

    /**
     * The model's item index (maximum inner product over E): exact up to
     * {@link #EXACT_SEARCH_MAX_ITEMS} items and for identity embeddings (markov), else HNSW with
     * {@link HnswParams#defaults()}; built on
     * first use (this blocks while an HNSW graph is built: call it off the network threads). Owned
     * by this model: callers must not close it, and search it through {@link #search}, which keeps
     * it open during the search.
     *
     * @throws ModelClosedException once the model was closed
     */
    ItemIndex itemIndex() {
        synchronized (lock) {
            if (closed) {
                throw new ModelClosedException(ref);
            }
            if (itemIndex == null) {
                long start = System.nanoTime();
                itemIndex = buildIndex(artifact.itemEmbeddings());
                LOGGER.info(
                        "seqrec: model [{}] built its {} item index ({} items) in {} ms",
                        id,
                        itemIndex instanceof HnswItemIndex ? "HNSW" : "exact",
                        itemIndex.size(),
                        (System.nanoTime() - start) / 1_000_000);
            }
            return itemIndex;
        }
    }

    /**
     * Frees the encoder's and the item index's native memory, after the running {@link #encode} and
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
                if (itemIndex != null) {
                    itemIndex.close();
                    itemIndex = null;
                }
            }
        } finally {
            useLock.writeLock().unlock();
        }
    }
}
