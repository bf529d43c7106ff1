package org.seqrec.it.node;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The folders of one local node, laid out under a work dir the way a tar installation has them:
 *
 * <pre>
 * work/home/lib, modules, agent     hard links to the home template
 * work/home/plugins/NAME/           hard links to the unpacked plugin zip (if any)
 * work/home/config/                 opensearch.yml, log4j2.properties, jvm.options
 * work/home/config/seqrec/models/   where tests drop model files for the plugin
 * work/data, work/logs, work/tmp    path.data, path.logs, java.io.tmpdir
 * </pre>
 *
 * Immutable once {@link #create} returns.
 */
public record NodeHome(Path home, Path config, Path data, Path logs, Path tmp, Optional<String> pluginName) {

    /** Where the node's console output (all its logging) goes. */
    public Path logFile() {
        return logs.resolve("node.log");
    }

    /** {@code config/seqrec/models}: model files placed here are visible to the plugin. */
    public Path modelsDir() {
        return config.resolve("seqrec").resolve("models");
    }

    /**
     * Lays out a fresh home under {@code options.workDir()}, which must not contain one already.
     *
     * @param httpPort HTTP port written to {@code opensearch.yml}
     * @param transportPort transport port written to {@code opensearch.yml}
     */
    static NodeHome create(NodeOptions options, int httpPort, int transportPort) throws IOException {
        Path work = options.workDir().toAbsolutePath();
        Path home = work.resolve("home");
        if (Files.exists(home)) {
            throw new IllegalStateException(
                    "work dir [" + work + "] already holds a node home; give each node its own work dir");
        }
        NodeHome layout = new NodeHome(
                home,
                home.resolve("config"),
                work.resolve("data"),
                work.resolve("logs"),
                work.resolve("tmp"),
                options.pluginDir().map(NodeHome::pluginName));
        for (String dir : new String[] {"lib", "modules", "agent"}) {
            NodeFiles.linkTree(options.homeTemplate().resolve(dir), home.resolve(dir));
        }
        Files.createDirectories(home.resolve("plugins"));
        if (options.pluginDir().isPresent()) {
            NodeFiles.linkTree(
                    options.pluginDir().get(),
                    home.resolve("plugins").resolve(layout.pluginName().get()));
        }
        for (Path dir : new Path[] {layout.modelsDir(), layout.data(), layout.logs(), layout.tmp()}) {
            Files.createDirectories(dir);
        }
        layout.writeConfig(httpPort, transportPort, options.extraSettings());
        return layout;
    }

    private void writeConfig(int httpPort, int transportPort, Map<String, String> extra) throws IOException {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("cluster.name", "seqrec-local");
        settings.put("node.name", "seqrec-local-node");
        settings.put("discovery.type", "single-node");
        settings.put("network.host", "127.0.0.1");
        settings.put("http.port", Integer.toString(httpPort));
        settings.put("transport.port", Integer.toString(transportPort));
        settings.put("path.data", data.toString());
        settings.put("path.logs", logs.toString());
        // Shared build machines often have fuller disks than OpenSearch's watermarks allow.
        settings.put("cluster.routing.allocation.disk.threshold_enabled", "false");
        settings.putAll(extra);
        StringBuilder yml = new StringBuilder("# Written by org.seqrec.it.node.NodeHome\n");
        settings.forEach((key, value) ->
                yml.append(key).append(": ").append(quote(value)).append('\n'));
        Files.writeString(config.resolve("opensearch.yml"), yml, StandardCharsets.UTF_8);
        // Everything goes to the console, which LocalOpenSearchNode redirects to logFile().
        Files.writeString(config.resolve("log4j2.properties"), """
                status = error
                appender.console.type = Console
                appender.console.name = console
                appender.console.layout.type = PatternLayout
                appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %marker%m%n
                rootLogger.level = info
                rootLogger.appenderRef.console.ref = console
                """, StandardCharsets.UTF_8);
        // Read only by the distribution's launcher script; kept so the layout matches a real one.
        Files.writeString(config.resolve("jvm.options"), "", StandardCharsets.UTF_8);
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String pluginName(Path pluginDir) {
        Properties descriptor = new Properties();
        try (InputStream in = Files.newInputStream(pluginDir.resolve("plugin-descriptor.properties"))) {
            descriptor.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the descriptor of plugin dir " + pluginDir, e);
        }
        String name = descriptor.getProperty("name", "").trim();
        if (!name.matches("[a-zA-Z0-9_-]+")) {
            throw new IllegalArgumentException(
                    "plugin-descriptor.properties in " + pluginDir + " has an invalid name [" + name + "]");
        }
        return name;
    }
}
