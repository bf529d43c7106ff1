package org.seqrec.it.node;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;

/**
 * The {@code java} command line that starts OpenSearch from a {@link NodeHome}, as the
 * distribution's launcher would: the OpenSearch agent (which enforces each plugin's
 * {@code plugin-security.policy}), the server's {@code lib/*} classpath and the home/config paths.
 */
final class NodeCommand {

    private static final String AGENT_PREFIX = "opensearch-agent-";

    private NodeCommand() {}

    static List<String> build(NodeOptions options, NodeHome home) throws IOException {
        Path agent = findAgent(home.home().resolve("agent"));
        List<String> command = new ArrayList<>();
        command.add(options.javaHome().resolve("bin").resolve("java").toString());
        command.add("-Xms" + options.heap().min());
        command.add("-Xmx" + options.heap().max());
        command.add("-XX:+UseG1GC");
        command.add("-XX:-OmitStackTraceInFastThrow");
        command.add("-Djava.io.tmpdir=" + home.tmp());
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Djava.locale.providers=SPI,CLDR");
        command.add("-Djna.nosys=true");
        // JNA (in lib/) and plugins with native code (DJL) load libraries; JDK 24+ warns otherwise.
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Dlog4j2.formatMsgNoLookups=true");
        command.add("-Dlog4j.shutdownHookEnabled=false");
        command.add("-Dlog4j2.disable.jmx=true");
        command.add("-Dio.netty.noUnsafe=true");
        command.add("-Dio.netty.noKeySetOptimization=true");
        command.add("-Dio.netty.recycler.maxCapacityPerThread=0");
        // as the distribution's jvm.options (JDK 20+): Lucene's vectorised VectorUtil, which the
        // plugin's plain-Java encoder uses too; without it both fall back to scalar loops
        command.add("--add-modules=jdk.incubator.vector");
        command.add("-javaagent:" + agent);
        command.add("-Dopensearch.path.home=" + home.home());
        command.add("-Dopensearch.path.conf=" + home.config());
        command.add("-Dopensearch.distribution.type=tar");
        command.add("-Dopensearch.bundled_jdk=false");
        command.add("-cp");
        command.add(home.home().resolve("lib") + "/*");
        command.add("org.opensearch.bootstrap.OpenSearch");
        return command;
    }

    /**
     * The agent jar in {@code agentDir}, after checking that the jars its manifest's
     * {@code Boot-Class-Path} names are beside it (a version mismatch there fails at JVM start
     * with a far less helpful message).
     */
    static Path findAgent(Path agentDir) throws IOException {
        Path agent = null;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(agentDir, AGENT_PREFIX + "*.jar")) {
            for (Path jar : jars) {
                String rest = jar.getFileName().toString().substring(AGENT_PREFIX.length());
                if (Character.isDigit(rest.charAt(0))) {
                    agent = jar;
                }
            }
        }
        if (agent == null) {
            throw new IllegalStateException("no " + AGENT_PREFIX + "<version>.jar in " + agentDir);
        }
        String bootClassPath;
        try (JarFile jar = new JarFile(agent.toFile())) {
            bootClassPath = jar.getManifest().getMainAttributes().getValue("Boot-Class-Path");
        }
        if (bootClassPath != null) {
            for (String entry : bootClassPath.trim().split("\\s+")) {
                if (!Files.isRegularFile(agentDir.resolve(entry))) {
                    throw new IllegalStateException(agent.getFileName() + " needs " + entry + " beside it in "
                            + agentDir + " (Boot-Class-Path); the node-home assembly resolved a different version");
                }
            }
        }
        return agent;
    }
}
