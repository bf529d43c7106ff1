package org.seqrec.it.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqrec.it.node.NodeHttpClient;
import org.seqrec.it.node.NodeResponse;

/**
 * One answer of {@code GET /_plugins/_seqrec/stats}, read only through the fields docs/rest-api.md
 * documents, and loosely: fields the plugin adds later (batching, caches) are shown, fields it
 * drops read as unknown. Immutable.
 */
final class SeqRecStatsSnapshot {
    private static final List<String> LEADING_KEYS = List.of("count", "p50", "p90", "p99", "max");

    private final Map<String, Object> raw;

    SeqRecStatsSnapshot(Map<String, Object> raw) {
        this.raw = Collections.unmodifiableMap(new LinkedHashMap<>(raw)); // values may be null
    }

    /** @throws IllegalStateException if the node does not answer 200 */
    static SeqRecStatsSnapshot fetch(NodeHttpClient http) {
        NodeResponse r = http.get("/_plugins/_seqrec/stats");
        if (r.status() != 200) {
            throw new IllegalStateException("GET /_plugins/_seqrec/stats failed: " + r);
        }
        return new SeqRecStatsSnapshot(r.json());
    }

    Map<String, Object> raw() {
        return raw;
    }

    /** The {@code encodes} counters of all nodes added up; NaN when no node reports one. */
    double encodes() {
        double sum = 0;
        boolean found = false;
        for (Map<?, ?> node : nodes()) {
            if (node.get("encodes") instanceof Number n) {
                sum += n.doubleValue();
                found = true;
            }
        }
        return found ? sum : Double.NaN;
    }

    /**
     * One line per node and latency section (an object holding a {@code p50}, such as
     * {@code encode_latency_ms}), e.g. {@code encode_latency_ms: count=1042 p50=1.90 p90=3.10 p99=7.80 max=31.20}:
     * {@code count} and the percentiles first, then other keys by name; fractions to two decimals.
     */
    List<String> latencyLines() {
        List<String> lines = new ArrayList<>();
        for (Map<?, ?> node : nodes()) {
            for (Map.Entry<?, ?> e : node.entrySet()) {
                if (e.getValue() instanceof Map<?, ?> section && section.containsKey("p50")) {
                    StringBuilder line = new StringBuilder(node.get("name") + " " + e.getKey() + ":");
                    section.keySet().stream()
                            .map(String::valueOf)
                            .sorted(Comparator.<String>comparingInt(SeqRecStatsSnapshot::rank)
                                    .thenComparing(Comparator.naturalOrder()))
                            .forEach(k -> line.append(' ').append(k).append('=').append(format(section.get(k))));
                    lines.add(line.toString());
                }
            }
        }
        lines.sort(Comparator.naturalOrder());
        return lines;
    }

    private static int rank(String key) {
        int i = LEADING_KEYS.indexOf(key);
        return i < 0 ? LEADING_KEYS.size() : i;
    }

    private static String format(Object value) {
        if (value instanceof Double || value instanceof Float) {
            return String.format(Locale.ROOT, "%.2f", ((Number) value).doubleValue());
        }
        return String.valueOf(value);
    }

    private List<Map<?, ?>> nodes() {
        List<Map<?, ?>> nodes = new ArrayList<>();
        if (raw.get("nodes") instanceof Map<?, ?> byId) {
            for (Object node : byId.values()) {
                if (node instanceof Map<?, ?> m) {
                    nodes.add(m);
                }
            }
        }
        return nodes;
    }
}
