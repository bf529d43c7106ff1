package org.seqrec.it.node;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Each node writes its process id to {@code <work dir>/node.pid}. A node outlives its JVM only
 * when that JVM was killed hard (no shutdown hook ran); before a work dir is reused, {@link #stop}
 * ends such a leftover so that it does not hold ports, memory and files.
 */
public final class StaleNodes {

    static final String PID_FILE = "node.pid";
    private static final String MAIN_CLASS = "org.opensearch.bootstrap.OpenSearch";

    private StaleNodes() {}

    static void record(Path workDir, ProcessHandle process) throws IOException {
        Files.writeString(workDir.resolve(PID_FILE), Long.toString(process.pid()), StandardCharsets.UTF_8);
    }

    /**
     * Stops the OpenSearch process recorded in {@code workDir}, if it still runs and its command
     * line shows it is that work dir's node (a recycled pid is left alone).
     *
     * @return whether a process was stopped
     */
    public static boolean stop(Path workDir) {
        Path pidFile = workDir.resolve(PID_FILE);
        Optional<ProcessHandle> process;
        try {
            process = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).trim()));
        } catch (IOException | NumberFormatException e) {
            return false;
        }
        String home = workDir.toAbsolutePath().resolve("home").toString();
        Optional<ProcessHandle> leftover = process.filter(p -> p.info()
                .commandLine()
                .map(line -> line.contains(MAIN_CLASS) && line.contains(home))
                .orElse(false));
        if (leftover.isEmpty()) {
            return false;
        }
        ProcessHandle node = leftover.get();
        node.destroy();
        try {
            node.onExit().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            node.destroyForcibly();
        }
        return true;
    }
}
