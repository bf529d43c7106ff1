package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

/** The node's resident memory and its heap's mapping from /proc, its heap from the node stats; unknown is -1. */
public class NodeSamplerTests {
    private static final long TWO_GB = 2_147_483_648L;

    /** One mapping of a {@code /proc/<pid>/smaps} text, with the lines the kernel writes around Size and Rss. */
    private static String mapping(String header, long sizeKb, long rssKb) {
        return header + "\n"
                + "Size:           " + sizeKb + " kB\n"
                + "KernelPageSize:        4 kB\n"
                + "MMUPageSize:           4 kB\n"
                + "Rss:            " + rssKb + " kB\n"
                + "Pss:            " + rssKb + " kB\n"
                + "Anonymous:      " + rssKb + " kB\n"
                + "THPeligible:           0\n"
                + "VmFlags: rd wr mr mw me ac sd \n";
    }

    @Test
    public void vmRssIsReadFromItsLineInKilobytes() {
        String status =
                "Name:\tjava\nVmPeak:\t 5000000 kB\nVmSize:\t 4800000 kB\nVmHWM:\t 1400000 kB\nVmRSS:\t 1234567 kB\n"
                        + "RssAnon:\t 1000000 kB\n";
        assertEquals(1_234_567, NodeSampler.vmRssKb(status));
        assertEquals(-1, NodeSampler.vmRssKb("Name:\tjava\nState:\tZ (zombie)\n"));
        assertEquals(-1, NodeSampler.vmRssKb("VmRSS:\t lots kB\n"));
    }

    @Test
    public void cpuTimeIsUserPlusSystemTicksOfTheStatLine() {
        // a command with spaces and a parenthesis; utime 250 and stime 31 ticks of 10 ms
        String stat = "4361 (java (x) y) S 1 4361 4361 0 -1 4194560 91 0 0 0 250 31 0 0 20 0 97 0 1234 5244180 4242\n";
        assertEquals(2810, NodeSampler.cpuMillis(stat));
        assertEquals(-1, NodeSampler.cpuMillis("4361 (java) S 1 2"));
        assertEquals(-1, NodeSampler.cpuMillis("garbage"));
    }

    @Test
    public void ownCpuTimeIsReadOnLinuxAndGrows() throws IOException {
        Path self = Path.of("/proc/self/stat");
        assumeTrue("needs /proc", Files.isReadable(self));
        long before = NodeSampler.cpuMillis(Files.readString(self));
        assertTrue(before + " ms", before >= 0);
        // spin until the ticks move (a 10 ms tick takes 10 ms of CPU; the bound is only against a hang)
        long deadline = System.nanoTime() + 60_000_000_000L;
        long after = before;
        double sink = 0;
        while (after == before && System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000_000; i++) {
                sink += Math.sqrt(sink + i);
            }
            after = NodeSampler.cpuMillis(Files.readString(self));
        }
        assertTrue(before + " ms before, " + after + " after (" + sink + ")", after > before);
    }

    @Test
    public void ownJitCompilerThreadsAreFoundByName() throws IOException {
        Path self = Path.of("/proc/self/task");
        assumeTrue("needs /proc", Files.isDirectory(self));
        // this JVM has compiled plenty by now: its compiler threads have used some CPU (-1 only without /proc)
        long pid = ProcessHandle.current().pid();
        NodeSampler own = NodeSampler.forProcDir(Path.of("/proc", Long.toString(pid)));
        assertTrue(own.jitCpuMillis() + " ms", own.jitCpuMillis() >= 0);
        assertTrue(own.cpuMillis() + " ms", own.cpuMillis() >= own.jitCpuMillis());
    }

    @Test
    public void ownResidentMemoryIsReadOnLinux() throws IOException {
        // this JVM's own status: a real file in the real format (the soak reads the node's the same way)
        Path self = Path.of("/proc/self/status");
        assumeTrue("needs /proc", Files.isReadable(self));
        long kb = NodeSampler.vmRssKb(Files.readString(self));
        assertTrue(kb + " kB", kb > 1024);
    }

    @Test
    public void theHeapsMappingIsTheLargestAnonymousPrivateOneOfAboutTheMaxHeap() {
        String smaps =
                mapping("55f95039c000-55f95039e000 r--p 00000000 fe:00 260386                     /usr/bin/java", 8, 8)
                        + mapping(
                                "5e001000-5ed95000 rw-p 00001000 fe:00 328742                 /jdk/lib/server/classes.jsa",
                                13_904,
                                13_000)
                        + mapping("5f160000-9f000000 ---p 00000000 00:00 0 ", 1_047_168, 0)
                        + mapping("80000000-ffe00000 rw-p 00000000 00:00 0 ", 2_095_104, 1_409_264)
                        + mapping("ffe00000-100000000 rw-p 00000000 00:00 0 ", 2_048, 2_048)
                        + mapping(
                                "555555a00000-5555d5a00000 rw-p 00000000 00:00 0                          [heap]",
                                2_097_152,
                                900_000)
                        + mapping(
                                "7f4b8c000000-7f4c0c000000 rw-s 00000000 00:01 1234                       /memfd:x (deleted)",
                                2_097_152,
                                1)
                        + mapping("7f4c10000000-7f4c8ff00000 rw-p 00000000 00:00 0 ", 2_096_128, 12_345);
        assertEquals(
                "the largest of the two within 10 % of the max heap; not malloc's [heap], not shared or file mappings",
                12_345, NodeSampler.heapMappingRssKb(smaps, TWO_GB));
        String withoutTheLarger = smaps.substring(0, smaps.indexOf("7f4c10000000"));
        assertEquals(1_409_264, NodeSampler.heapMappingRssKb(withoutTheLarger, TWO_GB));
        assertEquals(
                "a 2 GB mapping is not a 4 GB heap's: more than 10 % too small",
                -1, NodeSampler.heapMappingRssKb(smaps, 2 * TWO_GB));
        assertEquals(
                "nor a 1 GB heap's: too large (the 1 GB ---p reservation is not a candidate)",
                -1,
                NodeSampler.heapMappingRssKb(withoutTheLarger, TWO_GB / 2));
        assertEquals(
                "90.04 % of the max heap is within 10 %",
                1_000,
                NodeSampler.heapMappingRssKb(
                        mapping("80000000-f3400000 rw-p 00000000 00:00 0", 1_888_256, 1_000), TWO_GB));
        assertEquals(
                "89.84 % is not",
                -1,
                NodeSampler.heapMappingRssKb(
                        mapping("80000000-f3000000 rw-p 00000000 00:00 0", 1_884_160, 1_000), TWO_GB));
        assertEquals(-1, NodeSampler.heapMappingRssKb(withoutTheLarger, -1));
        assertEquals(-1, NodeSampler.heapMappingRssKb("", TWO_GB));
        assertEquals(
                "no Rss line",
                -1,
                NodeSampler.heapMappingRssKb("80000000-ffe00000 rw-p 00000000 00:00 0\nSize:  2095104 kB\n", TWO_GB));
    }

    @Test
    public void aJvmsHeapMappingIsFoundInItsRealSmaps() throws Exception {
        // a JVM started as the node is (-Xms = -Xmx), read the way the soak reads the node's smaps
        assumeTrue("needs /proc", Files.isReadable(Path.of("/proc/self/smaps")));
        Process child = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xms64m",
                        "-Xmx64m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Idle.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("ready", out.readLine());
            String smaps = Files.readString(Path.of("/proc", Long.toString(child.pid()), "smaps"));
            long rss = NodeSampler.heapMappingRssKb(smaps, 64L << 20);
            assertTrue(rss + " kB", rss > 0 && rss <= 64 * 1024);
            assertEquals("no 1 GB mapping in a 64 MB JVM", -1, NodeSampler.heapMappingRssKb(smaps, 1L << 30));
        } finally {
            child.destroyForcibly().waitFor();
        }
    }

    /** The child JVM of {@link #aJvmsHeapMappingIsFoundInItsRealSmaps}: fills part of its heap, then waits. */
    static final class Idle {
        static byte[][] kept;

        public static void main(String[] args) throws IOException {
            kept = new byte[8][1 << 20];
            System.out.println("ready");
            System.out.flush();
            System.in.read(); // until the test ends it
        }
    }

    @Test
    public void heapUsedComesFromTheOneNodeOfTheAnswer() {
        Map<String, Object> answer = Map.of(
                "nodes",
                Map.of(
                        "x1Yk",
                        Map.of(
                                "jvm",
                                Map.of(
                                        "mem",
                                        Map.of(
                                                "heap_used_in_bytes",
                                                734_003_200L,
                                                "heap_max_in_bytes",
                                                2_147_483_648L)))));
        assertEquals(734_003_200L, NodeSampler.heapUsedBytes(answer));
        assertEquals(TWO_GB, NodeSampler.heapMaxBytes(answer));
        assertEquals(-1, NodeSampler.heapMaxBytes(Map.of()));
        assertEquals(-1, NodeSampler.heapUsedBytes(Map.of()));
        assertEquals(-1, NodeSampler.heapUsedBytes(Map.of("nodes", Map.of("x1Yk", Map.of("jvm", Map.of())))));
    }
}
