package org.seqrec.plugin.settings;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import org.junit.Test;
import org.opensearch.common.settings.Setting;
import org.opensearch.common.settings.Settings;
import org.opensearch.threadpool.ExecutorBuilder;
import org.seqrec.encoder.DevicePreference;

public class SeqRecSettingsTests {

    @Test
    public void defaultsAreSafe() {
        assertEquals(DevicePreference.AUTO, SeqRecSettings.DEVICE.get(Settings.EMPTY));
        assertEquals(200, (int) SeqRecSettings.MAX_HISTORY_LENGTH.get(Settings.EMPTY));
        assertEquals(1, (int) SeqRecSettings.INFERENCE_THREADS.get(Settings.EMPTY));
    }

    @Test
    public void badValuesNameTheSettingAndTheAllowedRange() {
        IllegalArgumentException device = assertThrows(
                IllegalArgumentException.class,
                () -> SeqRecSettings.DEVICE.get(
                        Settings.builder().put("plugins.seqrec.device", "tpu").build()));
        assertEquals("[plugins.seqrec.device] must be one of auto, cpu, gpu, got [tpu]", device.getMessage());

        IllegalArgumentException tooShort = assertThrows(
                IllegalArgumentException.class,
                () -> SeqRecSettings.MAX_HISTORY_LENGTH.get(Settings.builder()
                        .put("plugins.seqrec.max_history_length", 0)
                        .build()));
        assertTrue(
                tooShort.getMessage(),
                tooShort.getMessage().contains("[plugins.seqrec.max_history_length] must be >= 1"));
        IllegalArgumentException tooLong = assertThrows(
                IllegalArgumentException.class,
                () -> SeqRecSettings.MAX_HISTORY_LENGTH.get(Settings.builder()
                        .put("plugins.seqrec.max_history_length", 10_001)
                        .build()));
        assertTrue(tooLong.getMessage(), tooLong.getMessage().contains("must be <= 10000"));

        int cores = Runtime.getRuntime().availableProcessors();
        IllegalArgumentException threads = assertThrows(
                IllegalArgumentException.class,
                () -> SeqRecSettings.INFERENCE_THREADS.get(Settings.builder()
                        .put("plugins.seqrec.inference_threads", cores + 1)
                        .build()));
        assertTrue(
                threads.getMessage(),
                threads.getMessage().contains("[plugins.seqrec.inference_threads] must be <= " + cores));
    }

    @Test
    public void storeAndCacheLimitsHaveSafeDefaultsAndBounds() {
        assertEquals(
                100L << 20, SeqRecSettings.MAX_ARTIFACT_SIZE.get(Settings.EMPTY).getBytes());
        assertEquals(1000, (int) SeqRecSettings.MAX_WINDOW_SIZE.get(Settings.EMPTY));
        long heap = Runtime.getRuntime().maxMemory();
        assertEquals(
                heap / 5,
                SeqRecSettings.MODEL_CACHE_MAX_SIZE.get(Settings.EMPTY).getBytes(),
                heap / 100.0);
        assertEquals(
                512L << 20,
                SeqRecSettings.MODEL_CACHE_MAX_SIZE
                        .get(Settings.builder()
                                .put("plugins.seqrec.model_cache.max_size", "512mb")
                                .build())
                        .getBytes());

        IllegalArgumentException huge = assertThrows(
                IllegalArgumentException.class,
                () -> SeqRecSettings.MAX_ARTIFACT_SIZE.get(Settings.builder()
                        .put("plugins.seqrec.max_artifact_size", "2gb")
                        .build()));
        assertTrue(huge.getMessage(), huge.getMessage().contains("plugins.seqrec.max_artifact_size"));
        IllegalArgumentException window = assertThrows(
                IllegalArgumentException.class,
                () -> SeqRecSettings.MAX_WINDOW_SIZE.get(Settings.builder()
                        .put("plugins.seqrec.max_window_size", 0)
                        .build()));
        assertTrue(window.getMessage(), window.getMessage().contains("[plugins.seqrec.max_window_size] must be >= 1"));
        assertThrows(
                IllegalArgumentException.class,
                () -> SeqRecSettings.MODEL_CACHE_MAX_SIZE.get(Settings.builder()
                        .put("plugins.seqrec.model_cache.max_size", "lots")
                        .build()));
    }

    @Test
    public void inferencePoolSplitsTheCoresByThreadsPerEncoding() {
        assertEquals(2, poolSize(Settings.builder().put("node.processors", 2).build()));
        assertEquals(
                1,
                poolSize(Settings.builder()
                        .put("node.processors", 2)
                        .put("plugins.seqrec.inference_threads", 2)
                        .build()));
        assertEquals(
                1,
                poolSize(Settings.builder()
                        .put("node.processors", 1)
                        .put("plugins.seqrec.inference_threads", 2)
                        .build()));
        assertEquals(
                3,
                poolSize(Settings.builder()
                        .put("node.processors", 1)
                        .put("thread_pool.seqrec_inference.size", 3)
                        .build()));
    }

    private static int poolSize(Settings settings) {
        ExecutorBuilder<?> pool = SeqRecSettings.inferenceExecutor(settings);
        Setting<?> size = pool.getRegisteredSettings().stream()
                .filter(s -> s.getKey().equals("thread_pool.seqrec_inference.size"))
                .findFirst()
                .orElseThrow();
        assertTrue(pool.getRegisteredSettings().stream()
                .anyMatch(s -> s.getKey().equals("thread_pool.seqrec_inference.queue_size")));
        return (Integer) size.get(settings);
    }
}
