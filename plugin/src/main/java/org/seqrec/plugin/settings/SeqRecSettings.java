package org.seqrec.plugin.settings;

import java.util.List;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Setting.Property;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.unit.TimeValue;
import org.opensearch.common.util.concurrent.OpenSearchExecutors;
import org.opensearch.core.common.unit.ByteSizeUnit;
import org.opensearch.core.common.unit.ByteSizeValue;
import org.opensearch.threadpool.ExecutorBuilder;
import org.opensearch.threadpool.FixedExecutorBuilder;
import org.seqrec.encoder.CpuInference;
import org.seqrec.encoder.DevicePreference;
import org.seqrec.index.HnswParams;
import org.seqrec.index.HnswSpace;
import org.seqrec.plugin.model.ItemIndexConfig;

/**
 * The node settings of the plugin, as typed constants. All are static node settings (set in
 * {@code opensearch.yml}); OpenSearch validates them when the node starts and refuses to start on a
 * bad value, with the setting's name in the message. See docs/settings.md.
 */
public final class SeqRecSettings {
    private SeqRecSettings() {}

    /** Where the sequence network runs: {@code auto} (a GPU when DJL sees one, else the CPU), {@code cpu} or {@code gpu}. */
    public static final Setting<DevicePreference> DEVICE =
            new Setting<>("plugins.seqrec.device", "auto", SeqRecSettings::parseDevice, Property.NodeScope);

    /**
     * What runs a network that encodes on the CPU: {@code java} (the plain-Java forward pass, the
     * default) or {@code djl} (PyTorch through DJL). Networks on a GPU always run on DJL.
     */
    public static final Setting<CpuInference> CPU_INFERENCE = new Setting<>(
            "plugins.seqrec.cpu_inference", "java", SeqRecSettings::parseCpuInference, Property.NodeScope);

    /** The longest {@code history} a request may send (longer requests get a 400). */
    public static final Setting<Integer> MAX_HISTORY_LENGTH =
            Setting.intSetting("plugins.seqrec.max_history_length", 200, 1, 10_000, Property.NodeScope);

    /** PyTorch intra-op threads per encoding call (JVM-wide; 1 to the machine's cores). */
    public static final Setting<Integer> INFERENCE_THREADS = Setting.intSetting(
            "plugins.seqrec.inference_threads", 1, 1, Runtime.getRuntime().availableProcessors(), Property.NodeScope);

    /** The largest artifact {@code PUT _plugins/_seqrec/models/{id}} accepts (larger: 413). */
    public static final Setting<ByteSizeValue> MAX_ARTIFACT_SIZE = Setting.byteSizeSetting(
            "plugins.seqrec.max_artifact_size",
            new ByteSizeValue(100, ByteSizeUnit.MB),
            new ByteSizeValue(1, ByteSizeUnit.KB),
            new ByteSizeValue(1, ByteSizeUnit.GB),
            Property.NodeScope);

    /**
     * The bound on the estimated memory of the models loaded on a node (heap arrays and native
     * network parameters), as bytes or a share of the heap; least recently used models are unloaded
     * past it.
     */
    public static final Setting<ByteSizeValue> MODEL_CACHE_MAX_SIZE =
            Setting.memorySizeSetting("plugins.seqrec.model_cache.max_size", "20%", Property.NodeScope);

    /** The largest {@code window_size} a {@code seqrec} rescore clause may ask for (larger: 400). */
    public static final Setting<Integer> MAX_WINDOW_SIZE =
            Setting.intSetting("plugins.seqrec.max_window_size", 1000, 1, 100_000, Property.NodeScope);

    /**
     * Whether concurrent encodes are gathered into one forward pass per model version (dynamic
     * batching); off: each history runs alone, as it arrives.
     */
    public static final Setting<Boolean> BATCHING_ENABLED =
            Setting.boolSetting("plugins.seqrec.batching.enabled", true, Property.NodeScope);

    /** The most histories one forward pass takes. */
    public static final Setting<Integer> BATCHING_MAX_BATCH_SIZE =
            Setting.intSetting("plugins.seqrec.batching.max_batch_size", 16, 1, 1024, Property.NodeScope);

    /**
     * How long a batch waits for more histories after its oldest arrived, when fewer than the
     * maximum wait; 0 (the default) never waits: a lone request pays nothing and batches form from
     * what queued up while the previous batch ran.
     */
    public static final Setting<TimeValue> BATCHING_MAX_WAIT = Setting.timeSetting(
            "plugins.seqrec.batching.max_wait",
            TimeValue.ZERO,
            TimeValue.ZERO,
            TimeValue.timeValueMillis(100),
            Property.NodeScope);

    /** The most histories waiting to be encoded on a node; one more is refused with a 429. */
    public static final Setting<Integer> BATCHING_MAX_QUEUE =
            Setting.intSetting("plugins.seqrec.batching.max_queue", 1000, 1, 100_000, Property.NodeScope);

    /**
     * The bound on the heap the node's cache of encoded user vectors takes (keyed by model version
     * and history), as bytes or a share of the heap; 0 turns the cache off.
     */
    public static final Setting<ByteSizeValue> USER_VECTOR_CACHE_MAX_SIZE =
            Setting.memorySizeSetting("plugins.seqrec.user_vector_cache.max_size", "1%", Property.NodeScope);

    /**
     * Catalogues of up to this many items are searched exactly (a scan of every item row); larger
     * ones get an HNSW graph, built in the background on {@link #INDEX_BUILD_THREAD_POOL} while the
     * scan answers. 0: every catalogue gets a graph (counting models' identity embeddings never do).
     */
    public static final Setting<Integer> INDEX_EXACT_MAX_ITEMS = Setting.intSetting(
            "plugins.seqrec.index.exact_max_items",
            ItemIndexConfig.DEFAULT_EXACT_MAX_ITEMS,
            0,
            Integer.MAX_VALUE,
            Property.NodeScope);

    /** HNSW's M: links per node on the upper layers (2 M on layer 0). */
    public static final Setting<Integer> INDEX_HNSW_M = Setting.intSetting(
            "plugins.seqrec.index.hnsw.m", HnswParams.defaults().m(), 2, HnswParams.MAX_M, Property.NodeScope);

    /** HNSW's efConstruction: the candidate list while inserting; at least M. */
    public static final Setting<Integer> INDEX_HNSW_EF_CONSTRUCTION = Setting.intSetting(
            "plugins.seqrec.index.hnsw.ef_construction",
            HnswParams.defaults().efConstruction(),
            2,
            HnswParams.MAX_EF,
            Property.NodeScope);

    /** HNSW's ef at query time, for searches that give no {@code ef_search}; a search uses max(ef, k + excluded). */
    public static final Setting<Integer> INDEX_HNSW_EF_SEARCH = Setting.intSetting(
            "plugins.seqrec.index.hnsw.ef_search",
            HnswParams.defaults().efSearch(),
            1,
            HnswParams.MAX_EF,
            Property.NodeScope);

    /** The space the graph is built in: {@code reduced_l2} (inner product reduced to L2) or {@code ip}. */
    public static final Setting<HnswSpace> INDEX_HNSW_SPACE = new Setting<>(
            "plugins.seqrec.index.hnsw.space",
            HnswParams.defaults().space().id(),
            SeqRecSettings::parseSpace,
            Property.NodeScope);

    /** Name of the bounded thread pool that builds HNSW graphs ({@code thread_pool.seqrec_index_build.size}). */
    public static final String INDEX_BUILD_THREAD_POOL = "seqrec_index_build";

    /** Queue length of {@link #INDEX_BUILD_THREAD_POOL}: builds (and their helpers) waiting for a thread. */
    static final int INDEX_BUILD_QUEUE_SIZE = 100;

    /** Bytes per chunk document in the model store (not a setting: small enough for any request, large enough to be few). */
    public static final int STORE_CHUNK_SIZE = 1 << 20;

    /** Name of the thread pool that loads models and encodes histories, off the network threads. */
    public static final String INFERENCE_THREAD_POOL = "seqrec_inference";

    /** Queue length of {@link #INFERENCE_THREAD_POOL}; a full queue answers 429. */
    static final int INFERENCE_QUEUE_SIZE = 1000;

    private static DevicePreference parseDevice(String value) {
        try {
            return DevicePreference.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "[plugins.seqrec.device] must be one of auto, cpu, gpu, got [" + value + "]", e);
        }
    }

    private static HnswSpace parseSpace(String value) {
        try {
            return HnswSpace.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "[plugins.seqrec.index.hnsw.space] must be one of ip, reduced_l2, got [" + value + "]", e);
        }
    }

    /**
     * The HNSW parameters of the settings.
     *
     * @throws IllegalArgumentException when ef_construction is below m (naming both settings)
     */
    public static HnswParams hnswParams(Settings settings) {
        int m = INDEX_HNSW_M.get(settings);
        int efc = INDEX_HNSW_EF_CONSTRUCTION.get(settings);
        if (efc < m) {
            throw new IllegalArgumentException("[" + INDEX_HNSW_EF_CONSTRUCTION.getKey() + "] (" + efc
                    + ") must be at least [" + INDEX_HNSW_M.getKey() + "] (" + m + ")");
        }
        return new HnswParams(m, efc, INDEX_HNSW_EF_SEARCH.get(settings), INDEX_HNSW_SPACE.get(settings));
    }

    private static CpuInference parseCpuInference(String value) {
        try {
            return CpuInference.parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "[plugins.seqrec.cpu_inference] must be one of java, djl, got [" + value + "]", e);
        }
    }

    /** Every setting the plugin registers (the thread pool registers its own). */
    public static List<Setting<?>> all() {
        return List.of(
                DEVICE,
                CPU_INFERENCE,
                MAX_HISTORY_LENGTH,
                INFERENCE_THREADS,
                MAX_ARTIFACT_SIZE,
                MODEL_CACHE_MAX_SIZE,
                MAX_WINDOW_SIZE,
                BATCHING_ENABLED,
                BATCHING_MAX_BATCH_SIZE,
                BATCHING_MAX_WAIT,
                BATCHING_MAX_QUEUE,
                USER_VECTOR_CACHE_MAX_SIZE,
                INDEX_EXACT_MAX_ITEMS,
                INDEX_HNSW_M,
                INDEX_HNSW_EF_CONSTRUCTION,
                INDEX_HNSW_EF_SEARCH,
                INDEX_HNSW_SPACE);
    }

    /**
     * The fixed pool {@code seqrec_index_build}: by default half the node's allocated processors (at
     * least 1), so that a build leaves cores to the requests; a build takes one thread and uses free
     * ones as helpers. Tunable with {@code thread_pool.seqrec_index_build.size} and {@code .queue_size}.
     */
    public static ExecutorBuilder<?> indexBuildExecutor(Settings settings) {
        return new FixedExecutorBuilder(
                settings,
                INDEX_BUILD_THREAD_POOL,
                Math.max(1, OpenSearchExecutors.allocatedProcessors(settings) / 2),
                INDEX_BUILD_QUEUE_SIZE,
                "thread_pool." + INDEX_BUILD_THREAD_POOL);
    }

    /**
     * The fixed pool {@code seqrec_inference}: by default as many threads as the node's allocated
     * processors divided by {@link #INFERENCE_THREADS} (at least 1), so that concurrent encodings do
     * not oversubscribe the cores; tunable with {@code thread_pool.seqrec_inference.size} and
     * {@code .queue_size}.
     */
    public static ExecutorBuilder<?> inferenceExecutor(Settings settings) {
        return new FixedExecutorBuilder(
                settings,
                INFERENCE_THREAD_POOL,
                inferencePoolSize(settings),
                INFERENCE_QUEUE_SIZE,
                "thread_pool." + INFERENCE_THREAD_POOL);
    }

    /** The default size of {@link #INFERENCE_THREAD_POOL}: allocated processors / inference threads, at least 1. */
    public static int inferencePoolSize(Settings settings) {
        return Math.max(1, OpenSearchExecutors.allocatedProcessors(settings) / INFERENCE_THREADS.get(settings));
    }
}
