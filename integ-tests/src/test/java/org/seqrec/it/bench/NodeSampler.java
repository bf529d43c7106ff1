package org.seqrec.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * Reads what the soak watches on the node: the process's resident memory from
 * {@code /proc/<pid>/status} (the pid the node reports in {@code GET /_nodes/_local/process}), the
 * JVM heap in use from {@code GET /_nodes/_local/stats/jvm}, and the plugin's loaded models from
 * {@code GET /_plugins/_seqrec/_local/stats}. A value that cannot be read is -1, never an exception:
 * the soak counts failed searches, not failed samples. Thread-safe (the client is).
 */
final class NodeSampler {
    private final NodeHttpClient http;
    private final Path procStatus;

    private NodeSampler(NodeHttpClient http, Path procStatus) {
        this.http = http;
        this.procStatus = procStatus;
    }

    /**
     * A sampler of the node behind {@code http}; its pid comes from the node itself.
     *
     * @throws IllegalStateException if the node does not report its pid
     */
    static NodeSampler of(NodeHttpClient http) {
        NodeResponse r = http.get("/_nodes/_local/process");
        Object process = r.status() == 200 ? firstNode(r.json()).get("process") : null;
        if (!(process instanceof Map<?, ?> p) || !(p.get("id") instanceof Number pid)) {
            throw new IllegalStateException("GET /_nodes/_local/process did not report the node's pid: " + r);
        }
        return new NodeSampler(http, Path.of("/proc", Long.toString(pid.longValue()), "status"));
    }

    /** Where the resident memory is read ({@code /proc/<pid>/status}). */
    Path procStatus() {
        return procStatus;
    }

    /** One sample; {@code succeeded}, {@code failed} and {@code generation} are read from the suppliers now. */
    SoakSample sample(int slot, double seconds, LongSupplier succeeded, LongSupplier failed, LongSupplier generation) {
        long rss = rssKb();
        long heap = heapUsedBytes();
        Map<?, ?> seqrec = seqrecStats();
        long models = seqrec.get("loaded_models_memory_bytes") instanceof Number n ? n.longValue() : -1;
        int versions = seqrec.get("loaded_models") instanceof List<?> l ? l.size() : -1;
        long encodes = seqrec.get("encodes") instanceof Number n ? n.longValue() : -1;
        return new SoakSample(
                slot,
                seconds,
                succeeded.getAsLong(),
                failed.getAsLong(),
                rss,
                heap,
                models,
                versions,
                encodes,
                generation.getAsLong());
    }

    /** {@code VmRSS} in kB, -1 when {@code /proc} cannot be read (not Linux, the process gone). */
    long rssKb() {
        try {
            return vmRssKb(Files.readString(procStatus));
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** The {@code VmRSS:  123456 kB} line of a {@code /proc/<pid>/status} text, in kB; -1 without one. */
    static long vmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
                if (fields.length == 2 && fields[1].equals("kB") && fields[0].matches("\\d{1,15}")) {
                    return Long.parseLong(fields[0]);
                }
            }
        }
        return -1;
    }

    private long heapUsedBytes() {
        return heapUsedBytes(get("/_nodes/_local/stats/jvm"));
    }

    /** {@code nodes.<id>.jvm.mem.heap_used_in_bytes} of a {@code _nodes/stats/jvm} answer; -1 without it. */
    static long heapUsedBytes(Map<String, Object> answer) {
        if (firstNode(answer).get("jvm") instanceof Map<?, ?> jvm
                && jvm.get("mem") instanceof Map<?, ?> mem
                && mem.get("heap_used_in_bytes") instanceof Number used) {
            return used.longValue();
        }
        return -1;
    }

    private Map<?, ?> seqrecStats() {
        return firstNode(get("/_plugins/_seqrec/_local/stats"));
    }

    private Map<String, Object> get(String path) {
        try {
            NodeResponse r = http.get(path);
            return r.status() == 200 ? r.json() : Map.of();
        } catch (RuntimeException e) { // unreachable or a slow answer: an unknown value, not a failed soak
            return Map.of();
        }
    }

    /** The one node of a {@code nodes} answer of {@code _local}; empty when there is none. */
    static Map<?, ?> firstNode(Map<String, Object> answer) {
        if (answer.get("nodes") instanceof Map<?, ?> nodes) {
            for (Object node : nodes.values()) {
                if (node instanceof Map<?, ?> m) {
                    return m;
                }
            }
        }
        return Map.of();
    }
}
