package org.seqrec.plugin.stats;

import java.io.IOException;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

/**
 * This node's seqrec counters, shown by {@code GET /_plugins/_seqrec/stats} (docs/rest-api.md says
 * what each counts). Counts since the node started; encoding latencies over the latest requests.
 * Thread-safe, lock-free counting.
 */
public final class SeqRecStats {
    private final LongAdder encodes = new LongAdder();
    private final LongAdder encodeErrors = new LongAdder();
    private final LongAdder rescoredHits = new LongAdder();
    private final LongAdder cacheHits = new LongAdder();
    private final LongAdder cacheMisses = new LongAdder();
    private final LongAdder loadErrors = new LongAdder();
    private final LatencyReservoir encodeLatency = new LatencyReservoir();
    private final LongAdder batches = new LongAdder();
    private final LongAdder callingThreadEncodes = new LongAdder();
    private final LongAdder batchedHistories = new LongAdder();
    private final LatencyReservoir batchQueueWait = new LatencyReservoir();
    private final LongAccumulator largestBatch = new LongAccumulator(Math::max, 0);

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

    /**
     * A request found its model version already loaded (or loading). Counted once per request whose
     * history this node encodes, not per lookup: see {@code ModelRegistry#getForRequest}.
     */
    public void cacheHit() {
        cacheHits.increment();
    }

    /** A request had to load its model version (counted like {@link #cacheHit}). */
    public void cacheMiss() {
        cacheMisses.increment();
    }

    public void loadFailed() {
        loadErrors.increment();
    }

    /** One forward pass ran over {@code size} histories; the oldest of them had waited {@code queueNanos}. */
    public void batchRan(int size, long queueNanos) {
        batches.increment();
        batchedHistories.add(size);
        batchQueueWait.record(queueNanos);
        largestBatch.accumulate(size);
    }

    /** One history was encoded on the thread that asked for it, not batched (a plain-Java encoder). */
    public void encodedOnCallingThread() {
        callingThreadEncodes.increment();
    }

    public Counters counters() {
        return new Counters(
                encodes.sum(),
                encodeErrors.sum(),
                rescoredHits.sum(),
                cacheHits.sum(),
                cacheMisses.sum(),
                loadErrors.sum(),
                encodeLatency.snapshot(),
                new Batching(
                        batches.sum(),
                        batchedHistories.sum(),
                        largestBatch.get(),
                        batchQueueWait.snapshot(),
                        callingThreadEncodes.sum()));
    }

    /**
     * What dynamic batching did since the node started: forward passes run, the histories they
     * encoded (so the mean batch size), the largest batch, and how long each batch's oldest history
     * waited in the queue (percentiles over the latest batches); and the histories encoded on the
     * calling thread instead, never batched ({@code callingThread}: plain-Java encoders).
     */
    public record Batching(
            long batches, long histories, long largest, LatencyReservoir.Percentiles queueWait, long callingThread)
            implements Writeable {
        public static Batching readFrom(StreamInput in) throws IOException {
            return new Batching(
                    in.readVLong(),
                    in.readVLong(),
                    in.readVLong(),
                    LatencyReservoir.Percentiles.readFrom(in),
                    in.readVLong());
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            out.writeVLong(batches);
            out.writeVLong(histories);
            out.writeVLong(largest);
            queueWait.writeTo(out);
            out.writeVLong(callingThread);
        }

        /** Histories per forward pass, on average; 0 before the first. */
        public double meanSize() {
            return batches == 0 ? 0 : (double) histories / batches;
        }
    }

    /** A snapshot of the counters; on the wire in a node's stats. */
    public record Counters(
            long encodes,
            long encodeErrors,
            long rescoredHits,
            long cacheHits,
            long cacheMisses,
            long loadErrors,
            LatencyReservoir.Percentiles encodeLatency,
            Batching batching)
            implements Writeable {

        /** Reads what {@link #writeTo} writes, in that order. */
        public static Counters readFrom(StreamInput in) throws IOException {
            return new Counters(
                    in.readVLong(),
                    in.readVLong(),
                    in.readVLong(),
                    in.readVLong(),
                    in.readVLong(),
                    in.readVLong(),
                    LatencyReservoir.Percentiles.readFrom(in),
                    Batching.readFrom(in));
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            out.writeVLong(encodes);
            out.writeVLong(encodeErrors);
            out.writeVLong(rescoredHits);
            out.writeVLong(cacheHits);
            out.writeVLong(cacheMisses);
            out.writeVLong(loadErrors);
            encodeLatency.writeTo(out);
            batching.writeTo(out);
        }
    }
}
