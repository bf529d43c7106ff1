package org.seqrec.encoder;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.nio.file.Path;

/**
 * DJL's JVM-wide settings, set once before the first engine use: offline mode (never download),
 * where libtorch is extracted, and the intra-op thread count. Later calls are ignored, since the
 * engine reads them only once.
 */
public final class DjlRuntime {
    private static volatile boolean configured;

    private DjlRuntime() {}

    /**
     * @param cacheDir folder for DJL's cache (libtorch is extracted there on first use, ~450 MB);
     *     {@code null} keeps DJL's default ({@code ~/.djl.ai}, or the DJL_CACHE_DIR variable)
     * @param threads intra-op threads for PyTorch, >= 1
     */
    public static synchronized void configure(Path cacheDir, int threads) {
        if (configured) {
            return;
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        System.setProperty("ai.djl.offline", "true");
        if (cacheDir != null) {
            String dir = cacheDir.toAbsolutePath().toString();
            System.setProperty("DJL_CACHE_DIR", dir);
            System.setProperty("ENGINE_CACHE_DIR", dir);
        }
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        configured = true;
    }

    /** The engine, loading libtorch if needed. */
    public static Engine engine() {
        return Engine.getEngine("PyTorch");
    }

    /** Resolves {@code AUTO} to GPU when the engine sees one. */
    public static Device resolve(DevicePreference device) {
        Engine engine = engine();
        return switch (device) {
            case CPU -> Device.cpu();
            case GPU -> {
                if (engine.getGpuCount() == 0) {
                    throw new IllegalStateException("device 'gpu' was asked for but DJL's PyTorch engine sees no GPU"
                            + " (a CUDA build of libtorch is needed: see docs/development.md)");
                }
                yield Device.gpu();
            }
            case AUTO -> engine.getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        };
    }
}
