package org.seqrec.it.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real single-node OpenSearch process on 127.0.0.1, started from a node-home template built
 * from Maven artifacts (see {@code integ-tests/pom.xml}), optionally with one plugin installed.
 *
 * <p>{@link Builder#start()} lays out a home in the work dir ({@link NodeHome}), starts
 * {@code java -javaagent:agent/opensearch-agent-<v>.jar ... org.opensearch.bootstrap.OpenSearch}
 * with the node's output in {@link NodeHome#logFile()}, and returns once cluster health is green.
 * If the node exits or does not turn green in time, start fails with the tail of that log.
 *
 * <p>The caller owns the node and must {@link #close()} it; close stops the process (SIGTERM,
 * then SIGKILL after 30 s), is idempotent, and also runs from a JVM shutdown hook so that no node
 * outlives the JVM that started it. The work dir is left in place for inspection.
 *
 * <p>OpenSearch refuses to run as root, and so does this class. Thread-safe.
 */
public final class LocalOpenSearchNode implements AutoCloseable {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 80;

    private final NodeHome home;
    private final Process process;
    private final NodeHttpClient http;
    private final Thread shutdownHook;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LocalOpenSearchNode(NodeHome home, Process process, NodeHttpClient http) {
        this.home = home;
        this.process = process;
        this.http = http;
        this.shutdownHook = new Thread(this::stopProcess, "stop-local-opensearch-" + process.pid());
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The node's REST client; closed with the node. */
    public NodeHttpClient http() {
        return http;
    }

    public URI httpUri() {
        return http.base();
    }

    public NodeHome home() {
        return home;
    }

    public boolean isRunning() {
        return process.isAlive();
    }

    /** The last lines of the node's log, for failure messages. */
    public String logTail() {
        return NodeFiles.tail(home.logFile(), LOG_TAIL_LINES);
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and the hook runs (or ran) anyway.
        }
        stopProcess();
        http.close();
    }

    private void stopProcess() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static LocalOpenSearchNode launch(NodeOptions options) throws IOException {
        RootCheck.refuseRoot();
        int httpPort = freePort();
        int transportPort = freePort();
        NodeHome home = NodeHome.create(options, httpPort, transportPort);
        List<String> command = NodeCommand.build(options, home);
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(home.logFile().toFile());
        // The node must not inherit tool options meant for the test JVM (agents, debuggers).
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("_JAVA_OPTIONS");
        builder.environment().put("JAVA_HOME", options.javaHome().toString());
        Process process = builder.start();
        NodeHttpClient http = new NodeHttpClient(URI.create("http://127.0.0.1:" + httpPort));
        LocalOpenSearchNode node = new LocalOpenSearchNode(home, process, http);
        try {
            StaleNodes.record(options.workDir(), process.toHandle());
            HealthWait.untilGreen(node, options.startTimeout());
        } catch (IOException | RuntimeException e) {
            node.close();
            throw new IllegalStateException(
                    e.getMessage() + "\n--- last lines of " + home.logFile() + " ---\n" + node.logTail(), e);
        }
        return node;
    }

    /** A port nobody listens on right now; the node binds it a moment later. */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    /** Required: {@code set*}; optional: {@code opt*}. {@link #start()} validates. */
    public static final class Builder {
        private Path homeTemplate;
        private Path workDir;
        private Path pluginDir;
        private Path javaHome = Path.of(System.getProperty("java.home"));
        private NodeOptions.Heap heap = new NodeOptions.Heap("512m", "1g");
        private Duration startTimeout = Duration.ofSeconds(180);
        private final Map<String, String> settings = new LinkedHashMap<>();

        private Builder() {}

        /** Folder with the server's lib/, modules/ and agent/ ({@code target/opensearch-node}). */
        public Builder setHomeTemplate(Path homeTemplate) {
            this.homeTemplate = homeTemplate;
            return this;
        }

        /** Fresh folder for this node's home, data, logs and temporary files. */
        public Builder setWorkDir(Path workDir) {
            this.workDir = workDir;
            return this;
        }

        /** An unpacked plugin zip to install; none by default. */
        public Builder optPlugin(Path pluginDir) {
            this.pluginDir = pluginDir;
            return this;
        }

        /** JDK for the node; defaults to the one running this JVM. */
        public Builder optJavaHome(Path javaHome) {
            this.javaHome = javaHome;
            return this;
        }

        public Builder optHeap(String min, String max) {
            this.heap = new NodeOptions.Heap(min, max);
            return this;
        }

        public Builder optStartTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** One more {@code opensearch.yml} setting; overrides a default of the same key. */
        public Builder optSetting(String key, String value) {
            settings.put(key, value);
            return this;
        }

        public NodeOptions build() {
            if (homeTemplate == null || workDir == null) {
                throw new IllegalArgumentException("homeTemplate and workDir are required");
            }
            return new NodeOptions(
                    homeTemplate, Optional.ofNullable(pluginDir), workDir, javaHome, heap, startTimeout, settings);
        }

        /** Starts the node and waits for green health; the caller must close the result. */
        public LocalOpenSearchNode start() {
            try {
                return launch(build());
            } catch (IOException e) {
                throw new UncheckedIOException("could not start a local OpenSearch node", e);
            }
        }
    }
}
