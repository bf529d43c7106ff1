package org.seqrec.it.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * Reads what the soak watches on the node: the process's resident memory from
 * {@code /proc/<pid>/status} (the pid the node reports in {@code GET /_nodes/_local/process}) and the
 * resident part of its Java heap's mapping from {@code /proc/<pid>/smaps}, the JVM heap in use from
 * {@code GET /_nodes/_local/stats/jvm}, and the plugin's loaded models from
 * {@code GET /_plugins/_seqrec/_local/stats}. A value that cannot be read is -1, never an exception:
 * the soak counts failed searches, not failed samples. Thread-safe (the client is).
 */
final class NodeSampler {
    /** The heap's mapping may differ from the node's max heap by this fraction (G1 keeps a few MB apart). */
    static final double HEAP_MAPPING_TOLERANCE = 0.1;
    /** The first line of a mapping in {@code smaps}: {@code start-end perms offset dev inode [path]}. */
    private static final Pattern MAPPING_LINE = Pattern.compile("[0-9a-f]+-[0-9a-f]+\\s");

    private final NodeHttpClient http;
    private final Path procStatus;
    private final Path procSmaps;

    private NodeSampler(NodeHttpClient http, Path procDir) {
        this.http = http;
        this.procStatus = procDir.resolve("status");
        this.procSmaps = procDir.resolve("smaps");
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
        return new NodeSampler(http, Path.of("/proc", Long.toString(pid.longValue())));
    }

    /** A sampler of the process whose {@code /proc/<pid>} is {@code procDir}, without a node to ask (its /proc reads only). */
    static NodeSampler forProcDir(Path procDir) {
        return new NodeSampler(null, procDir);
    }

    /** Where the resident memory is read ({@code /proc/<pid>/status}). */
    Path procStatus() {
        return procStatus;
    }

    /** Where the heap's mapping is read ({@code /proc/<pid>/smaps}). */
    Path procSmaps() {
        return procSmaps;
    }

    /** One sample; {@code succeeded}, {@code failed} and {@code generation} are read from the suppliers now. */
    SoakSample sample(int slot, double seconds, LongSupplier succeeded, LongSupplier failed, LongSupplier generation) {
        Map<String, Object> jvm = get("/_nodes/_local/stats/jvm");
        long heap = heapUsedBytes(jvm);
        // the two /proc reads back to back, so that VmRSS less the heap's Rss compares one moment
        long rss = rssKb();
        long heapRss = heapRssKb(heapMaxBytes(jvm));
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
                heapRss,
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

    /**
     * The CPU time the node's process has used so far, user plus system, in milliseconds, from
     * {@code /proc/<pid>/stat} (10 ms ticks: Linux's USER_HZ is 100); -1 when it cannot be read.
     */
    long cpuMillis() {
        try {
            return cpuMillis(Files.readString(procStatus.resolveSibling("stat")));
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /**
     * utime + stime of a {@code /proc/<pid>/stat} line in milliseconds; -1 when it does not parse. The
     * fields after the command (which is in parentheses and may hold spaces) start with the state,
     * field 3; utime and stime are fields 14 and 15.
     */
    static long cpuMillis(String stat) {
        int end = stat.lastIndexOf(')');
        String[] fields =
                end < 0 ? new String[0] : stat.substring(end + 1).trim().split("\\s+");
        if (fields.length < 13) {
            return -1;
        }
        try {
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The CPU time, in milliseconds, of the node's JIT compiler threads alive now (those named
     * {@code C1 CompilerThread<n>} or {@code C2 CompilerThread<n>}, which {@code /proc} cuts to 15
     * characters); -1 when {@code /proc} cannot be read. Compiler threads that exited are not counted.
     */
    long jitCpuMillis() {
        Path tasks = procStatus.resolveSibling("task");
        long sum = 0;
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                try {
                    String name = Files.readString(thread.resolve("comm")).trim();
                    if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                        long ms = cpuMillis(Files.readString(thread.resolve("stat")));
                        sum += Math.max(ms, 0);
                    }
                } catch (IOException | UncheckedIOException e) {
                    // the thread ended between the listing and the read
                }
            }
            return sum;
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /** The {@code VmRSS:  123456 kB} line of a {@code /proc/<pid>/status} text, in kB; -1 without one. */
    static long vmRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                long kb = kilobytes(line, "VmRSS:");
                if (kb >= 0) {
                    return kb;
                }
            }
        }
        return -1;
    }

    /**
     * The {@code Rss} in kB of the Java heap's mapping in {@code /proc/<pid>/smaps}; -1 when {@code /proc}
     * cannot be read, the max heap is unknown or no mapping matches ({@link #heapMappingRssKb}).
     */
    long heapRssKb(long heapMaxBytes) {
        if (heapMaxBytes <= 0) {
            return -1;
        }
        try {
            return heapMappingRssKb(Files.readString(procSmaps), heapMaxBytes);
        } catch (IOException | UncheckedIOException e) {
            return -1;
        }
    }

    /**
     * The {@code Rss} in kB of the Java heap's mapping in a {@code /proc/<pid>/smaps} text; -1 without one.
     * The JVM maps its heap as one anonymous private mapping of about {@code -Xmx} (no path, {@code rw-p},
     * inode 0) whose pages become resident only when G1 first uses them: of the anonymous private
     * mappings whose {@code Size} differs from {@code heapMaxBytes} by at most
     * {@value #HEAP_MAPPING_TOLERANCE} of it, the largest. Mappings with a path ({@code [heap]} is
     * malloc's, not Java's) or other permissions ({@code ---p} reservations) are not candidates.
     *
     * @param heapMaxBytes the node's max heap ({@code heap_max_in_bytes}); -1 when unknown
     */
    static long heapMappingRssKb(String smaps, long heapMaxBytes) {
        if (heapMaxBytes <= 0) {
            return -1;
        }
        double maxKb = heapMaxBytes / 1024.0;
        boolean anonymousPrivate = false;
        long size = -1;
        long bestSize = -1;
        long bestRss = -1;
        for (String line : smaps.split("\n")) {
            if (MAPPING_LINE.matcher(line).lookingAt()) {
                String[] fields = line.trim().split("\\s+");
                anonymousPrivate = fields.length == 5 && fields[1].equals("rw-p") && fields[4].equals("0");
                size = -1;
            } else if (anonymousPrivate && line.startsWith("Size:")) {
                size = kilobytes(line, "Size:");
            } else if (anonymousPrivate && line.startsWith("Rss:")) {
                long rss = kilobytes(line, "Rss:");
                // Size comes before Rss in every mapping's block
                if (rss >= 0 && size > bestSize && Math.abs(size - maxKb) <= HEAP_MAPPING_TOLERANCE * maxKb) {
                    bestSize = size;
                    bestRss = rss;
                }
            }
        }
        return bestRss;
    }

    /** The value of a {@code Name:  123 kB} line of {@code /proc}, in kB; -1 when it is not one. */
    private static long kilobytes(String line, String name) {
        String[] fields = line.substring(name.length()).trim().split("\\s+");
        return fields.length == 2 && fields[1].equals("kB") && fields[0].matches("\\d{1,15}")
                ? Long.parseLong(fields[0])
                : -1;
    }

    /** {@code nodes.<id>.jvm.mem.heap_used_in_bytes} of a {@code _nodes/stats/jvm} answer; -1 without it. */
    static long heapUsedBytes(Map<String, Object> answer) {
        return jvmMemBytes(answer, "heap_used_in_bytes");
    }

    /** {@code nodes.<id>.jvm.mem.heap_max_in_bytes} of a {@code _nodes/stats/jvm} answer; -1 without it. */
    static long heapMaxBytes(Map<String, Object> answer) {
        return jvmMemBytes(answer, "heap_max_in_bytes");
    }

    private static long jvmMemBytes(Map<String, Object> answer, String field) {
        if (firstNode(answer).get("jvm") instanceof Map<?, ?> jvm
                && jvm.get("mem") instanceof Map<?, ?> mem
                && mem.get(field) instanceof Number bytes) {
            return bytes.longValue();
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
