package org.seqrec.it.node;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link LocalOpenSearchNode} starts: immutable and validated.
 *
 * @param homeTemplate folder holding the server's {@code lib/}, {@code modules/} and {@code agent/}
 *     (built by this module's assembly in {@code target/opensearch-node})
 * @param pluginDir an unpacked plugin zip installed as {@code plugins/<name>/}, if any
 * @param workDir folder that receives the node's home, data, logs and temporary files; it must
 *     not hold an earlier node's home
 * @param javaHome JDK the node runs on (21 or newer)
 * @param heap JVM heap bounds, passed as {@code -Xms} and {@code -Xmx}
 * @param startTimeout how long {@link LocalOpenSearchNode#start} waits for green health
 * @param extraSettings more {@code opensearch.yml} settings, written after the defaults
 */
public record NodeOptions(
        Path homeTemplate,
        Optional<Path> pluginDir,
        Path workDir,
        Path javaHome,
        Heap heap,
        Duration startTimeout,
        Map<String, String> extraSettings) {

    /** JVM heap bounds, e.g. {@code 512m} and {@code 1g}. */
    public record Heap(String min, String max) {
        public Heap {
            Objects.requireNonNull(min, "min");
            Objects.requireNonNull(max, "max");
            if (!min.matches("\\d+[kmg]") || !max.matches("\\d+[kmg]")) {
                throw new IllegalArgumentException(
                        "heap sizes must look like 512m or 1g, got min [" + min + "] max [" + max + "]");
            }
        }
    }

    public NodeOptions {
        Objects.requireNonNull(homeTemplate, "homeTemplate");
        Objects.requireNonNull(pluginDir, "pluginDir");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(javaHome, "javaHome");
        Objects.requireNonNull(heap, "heap");
        Objects.requireNonNull(startTimeout, "startTimeout");
        extraSettings = Map.copyOf(extraSettings);
        for (String dir : new String[] {"lib", "modules", "agent"}) {
            if (!Files.isDirectory(homeTemplate.resolve(dir))) {
                throw new IllegalArgumentException("homeTemplate [" + homeTemplate + "] has no " + dir
                        + "/ folder; build it with" + " `mvn -pl integ-tests process-test-resources`");
            }
        }
        pluginDir.ifPresent(dir -> {
            if (!Files.isRegularFile(dir.resolve("plugin-descriptor.properties"))) {
                throw new IllegalArgumentException("pluginDir [" + dir + "] holds no plugin-descriptor.properties");
            }
        });
        if (!Files.isExecutable(javaHome.resolve("bin/java"))) {
            throw new IllegalArgumentException("javaHome [" + javaHome + "] has no bin/java");
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new IllegalArgumentException("startTimeout must be positive, got " + startTimeout);
        }
    }
}
