package org.seqrec.plugin.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.opensearch.secure_sm.AccessController;
import org.seqrec.encoder.DjlRuntime;

/**
 * The one door through which the plugin calls DJL.
 *
 * <p>DJL finds its engines with {@link java.util.ServiceLoader} on the thread's context class
 * loader, which on OpenSearch's threads is not the plugin's; so every call switches the context
 * class loader to the plugin's and back. Calls also run privileged, so that OpenSearch's java
 * agent checks only the plugin's grants (plugin-security.policy), not those of every caller on
 * the stack.
 */
public final class DjlCalls {
    private static final Logger LOGGER = LogManager.getLogger(DjlCalls.class);

    private DjlCalls() {}

    /**
     * Sets DJL's JVM-wide properties (offline, cache folder, intra-op threads) before any engine
     * use. libtorch (about 450 MB) is extracted into {@code cacheDir} on first use. The first call in
     * the JVM wins (DJL reads the properties once); later calls only log.
     */
    public static void configure(Path cacheDir, int threads) throws IOException {
        String effective = AccessController.doPrivilegedChecked(() -> {
            Files.createDirectories(cacheDir);
            DjlRuntime.configure(cacheDir, threads);
            return System.getProperty("DJL_CACHE_DIR");
        });
        if (cacheDir.toAbsolutePath().toString().equals(effective)) {
            LOGGER.info(
                    "seqrec: DJL cache folder [{}], {} PyTorch intra-op thread(s); libtorch is extracted there when the first"
                            + " model loads",
                    effective,
                    threads);
        } else {
            // DJL's settings are JVM-wide and read once: someone configured them before this node.
            LOGGER.info(
                    "seqrec: DJL was already configured in this JVM (cache folder [{}], default ~/.djl.ai if empty); keeping that",
                    effective);
        }
    }

    /** Runs {@code body} with the plugin's class loader as context class loader, privileged. */
    public static <T, E extends Exception> T call(AccessController.CheckedSupplier<T, E> body) throws E {
        return AccessController.doPrivilegedChecked(() -> {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(DjlCalls.class.getClassLoader());
            try {
                return body.get();
            } finally {
                thread.setContextClassLoader(previous);
            }
        });
    }
}
