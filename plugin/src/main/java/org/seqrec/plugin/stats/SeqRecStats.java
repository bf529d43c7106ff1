package org.seqrec.plugin.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * This node's seqrec counters, shown by {@code GET /_plugins/_seqrec/stats}. Counts since the node
 * started; encoding latencies over the latest requests. Thread-safe, lock-free counting.
 */
public final class SeqRecStats {
    private final LongAdder encodes = new LongAdder();
    private final LongAdder encodeErrors = new LongAdder();
    private final LongAdder rescoredHits = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder loadErrors = new LongAdder();
    private final LatencyReservoir encodeLatency = new LatencyReservoir();

    /** A history was encoded in {@code nanos}. */
    public void encoded(long nanos) {
        encodes.increment();
        encodeLatency.record(nanos);
    }

    public void encodeFailed() {
        encodeErrors.increment();
    }

    public void rescored(int hits) {
        rescoredHits.add(hits);
    }

    /** A request found its model version already loaded. */
    public void cacheHit() {
        cacheHits.increment();
    }

    /** A request had to load its model version. */
    public void cacheMiss() {
        cacheMisses.increment();
    }

    public void loadFailed() {
        loadErrors.increment();
    }

    public Counters counters() {
        return new Counters(encodes.sum(), encodeErrors.sum(), rescoredHits.sum(), cacheHits.sum(), cacheMisses.sum(),
                loadErrors.sum(), encodeLatency.snapshot());
    }

    /** A snapshot of the counters. */
    public record Counters(long encodes, long encodeErrors, long rescoredHits, long cacheHits, long cacheMisses, long loadErrors,
                           LatencyReservoir.Percentiles encodeLatency) {}
}
