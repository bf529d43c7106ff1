package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Test;

/** Reading the node's resident memory from /proc and its heap from the node stats; unknown is -1. */
public class NodeSamplerTests {

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
    public void ownResidentMemoryIsReadOnLinux() throws IOException {
        // this JVM's own status: a real file in the real format (the soak reads the node's the same way)
        Path self = Path.of("/proc/self/status");
        assumeTrue("needs /proc", Files.isReadable(self));
        long kb = NodeSampler.vmRssKb(Files.readString(self));
        assertTrue(kb + " kB", kb > 1024);
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
        assertEquals(-1, NodeSampler.heapUsedBytes(Map.of()));
        assertEquals(-1, NodeSampler.heapUsedBytes(Map.of("nodes", Map.of("x1Yk", Map.of("jvm", Map.of())))));
    }
}
