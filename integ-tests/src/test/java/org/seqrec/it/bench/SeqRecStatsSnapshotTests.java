package org.seqrec.it.bench;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Reading the stats answer of docs/rest-api.md loosely: counters summed over nodes, every latency section shown. */
public class SeqRecStatsSnapshotTests {

    @Test
    public void encodesAreSummedAndLatencySectionsListed() {
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p99", 7.8);
        latency.put("max", 31.2);
        latency.put("count", 1042);
        latency.put("p50", 1.9);
        latency.put("batch", 3);
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "node-1");
        a.put("device", null);
        a.put("encodes", 1042);
        a.put("encode_latency_ms", latency);
        a.put("loaded_models", List.of());
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("name", "node-2");
        b.put("encodes", 8);
        b.put("queue_wait_ms", Map.of("p50", 0.1));
        Map<String, Object> nodes = new LinkedHashMap<>();
        nodes.put("x1", a);
        nodes.put("x2", b);
        Map<String, Object> raw = new HashMap<>();
        raw.put("nodes", nodes);
        raw.put("cluster_name", null);
        SeqRecStatsSnapshot stats = new SeqRecStatsSnapshot(raw);
        assertEquals(1050.0, stats.encodes(), 0);
        assertEquals(
                List.of(
                        "node-1 encode_latency_ms: count=1042 p50=1.90 p99=7.80 max=31.20 batch=3",
                        "node-2 queue_wait_ms: p50=0.10"),
                stats.latencyLines());
    }

    @Test
    public void missingCountersReadAsUnknown() {
        SeqRecStatsSnapshot stats = new SeqRecStatsSnapshot(Map.of("nodes", Map.of("x1", Map.of("name", "n"))));
        assertTrue(Double.isNaN(stats.encodes()));
        assertEquals(List.of(), stats.latencyLines());
        assertTrue(Double.isNaN(new SeqRecStatsSnapshot(Map.of()).encodes()));
    }
}
