package org.seqrec.plugin.settings;

import java.util.List;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Setting.Property;
import org.opensearch.common.settings.Settings;
import org.opensearch.common.util.concurrent.OpenSearchExecutors;
import org.opensearch.core.common.unit.ByteSizeUnit;
import org.opensearch.core.common.unit.ByteSizeValue;
import org.opensearch.threadpool.ExecutorBuilder;
import org.opensearch.threadpool.FixedExecutorBuilder;
import org.seqrec.encoder.DevicePreference;

/**
 * The node settings of the plugin, as typed constants. All are static node settings (set in
 * {@code opensearch.yml}); OpenSearch validates them when the node starts and refuses to start on a
 * bad value, with the setting's name in the message. See docs/settings.md.
 */
public final class SeqRecSettings {
    private SeqRecSettings() {}

    /** Where the sequence network runs: {@code auto} (a GPU when DJL sees one, else the CPU), {@code cpu} or {@code gpu}. */
    public static final Setting<DevicePreference> DEVICE = new Setting<>("plugins.seqrec.device", "auto", SeqRecSettings::parseDevice,
            Property.NodeScope);

    /** The longest {@code history} a request may send (longer requests get a 400). */
    public static final Setting<Integer> MAX_HISTORY_LENGTH = Setting.intSetting(
            "plugins.seqrec.max_history_length", 200, 1, 10_000, Property.NodeScope);

    /** PyTorch intra-op threads per encoding call (JVM-wide; 1 to the machine's cores). */
    public static final Setting<Integer> INFERENCE_THREADS = Setting.intSetting(
            "plugins.seqrec.inference_threads", 1, 1, Runtime.getRuntime().availableProcessors(), Property.NodeScope);

    /** The largest artifact {@code PUT _plugins/_seqrec/models/{id}} accepts (larger: 413). */
    public static final Setting<ByteSizeValue> MAX_ARTIFACT_SIZE = Setting.byteSizeSetting("plugins.seqrec.max_artifact_size",
            new ByteSizeValue(100, ByteSizeUnit.MB), new ByteSizeValue(1, ByteSizeUnit.KB), new ByteSizeValue(1, ByteSizeUnit.GB),
            Property.NodeScope);

    /**
     * The bound on the estimated memory of the models loaded on a node (heap arrays and native
     * network parameters), as bytes or a share of the heap; least recently used models are unloaded
     * past it.
     */
    public static final Setting<ByteSizeValue> MODEL_CACHE_MAX_SIZE = Setting.memorySizeSetting("plugins.seqrec.model_cache.max_size",
            "20%", Property.NodeScope);

    /** The largest {@code window_size} a {@code seqrec} rescore clause may ask for (larger: 400). */
    public static final Setting<Integer> MAX_WINDOW_SIZE = Setting.intSetting("plugins.seqrec.max_window_size", 1000, 1, 100_000,
            Property.NodeScope);

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
            throw new IllegalArgumentException("[plugins.seqrec.device] must be one of auto, cpu, gpu, got [" + value + "]", e);
        }
    }

    /** Every setting the plugin registers (the thread pool registers its own). */
    public static List<Setting<?>> all() {
        return List.of(DEVICE, MAX_HISTORY_LENGTH, INFERENCE_THREADS, MAX_ARTIFACT_SIZE, MODEL_CACHE_MAX_SIZE, MAX_WINDOW_SIZE);
    }

    /**
     * The fixed pool {@code seqrec_inference}: by default as many threads as the node's allocated
     * processors divided by {@link #INFERENCE_THREADS} (at least 1), so that concurrent encodings do
     * not oversubscribe the cores; tunable with {@code thread_pool.seqrec_inference.size} and
     * {@code .queue_size}.
     */
    public static ExecutorBuilder<?> inferenceExecutor(Settings settings) {
        int size = Math.max(1, OpenSearchExecutors.allocatedProcessors(settings) / INFERENCE_THREADS.get(settings));
        return new FixedExecutorBuilder(settings, INFERENCE_THREAD_POOL, size, INFERENCE_QUEUE_SIZE,
                "thread_pool." + INFERENCE_THREAD_POOL);
    }
}
