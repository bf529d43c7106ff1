package org.seqrec.plugin.stats;

import java.io.IOException;
import java.util.Arrays;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;

/**
 * The latest {@value #SIZE} latencies in a ring buffer, for percentiles over recent traffic (not
 * since the node started). Thread-safe; recording is one synchronized array write.
 */
public final class LatencyReservoir {
    static final int SIZE = 1024;

    private final long[] nanos = new long[SIZE];
    private long count; // guarded by this

    public synchronized void record(long durationNanos) {
        nanos[(int) (count % SIZE)] = durationNanos;
        count++;
    }

    /** Percentiles of the recorded latencies in milliseconds; all zero when nothing was recorded. */
    public Percentiles snapshot() {
        long[] copy;
        long total;
        synchronized (this) {
            total = count;
            copy = Arrays.copyOf(nanos, (int) Math.min(count, SIZE));
        }
        if (copy.length == 0) {
            return new Percentiles(0, 0, 0, 0, 0);
        }
        Arrays.sort(copy);
        return new Percentiles(
                total, millis(copy, 0.50), millis(copy, 0.90), millis(copy, 0.99), copy[copy.length - 1] / 1e6);
    }

    /** Nearest-rank percentile. */
    private static double millis(long[] sorted, double q) {
        int rank = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, rank)] / 1e6;
    }

    /**
     * @param count latencies recorded since the node started
     * @param p50Millis median of the latest {@value LatencyReservoir#SIZE}
     */
    public record Percentiles(long count, double p50Millis, double p90Millis, double p99Millis, double maxMillis)
            implements Writeable {

        /** Reads what {@link #writeTo} writes, in that order. */
        public static Percentiles readFrom(StreamInput in) throws IOException {
            return new Percentiles(in.readVLong(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble());
        }

        @Override
        public void writeTo(StreamOutput out) throws IOException {
            out.writeVLong(count);
            out.writeDouble(p50Millis);
            out.writeDouble(p90Millis);
            out.writeDouble(p99Millis);
            out.writeDouble(maxMillis);
        }
    }
}
