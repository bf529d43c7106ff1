package org.seqrec.it.bench;

/**
 * The measurement of one cell of the benchmark: one request kind at one client count.
 *
 * @param kind the request kind
 * @param clients concurrent clients
 * @param requested measured requests asked for
 * @param succeeded requests answered with a whole 200 (the latencies and the rate count only these)
 * @param errors requests that failed
 * @param timedOut whether the cell's time limit stopped it before every request was sent
 * @param requestsPerSecond successful requests per second of the cell's wall time
 * @param p50Millis median client latency, NaN without successes
 * @param p99Millis 99th percentile client latency, NaN without successes
 * @param encodesPerRequest the node's {@code encodes} counter's increase over the cell per successful
 *     request, NaN when the stats do not report it
 * @param nodeCpuMillisPerRequest the node process's CPU time (user + system, all its threads: GC and
 *     JIT included) over the cell per successful request, NaN when it cannot be read; what a request
 *     costs the node whatever the machine's concurrency does to the rates
 * @param firstError what went wrong first, or null
 */
record CellResult(
        RequestKind kind,
        int clients,
        int requested,
        int succeeded,
        int errors,
        boolean timedOut,
        double requestsPerSecond,
        double p50Millis,
        double p99Millis,
        double encodesPerRequest,
        double nodeCpuMillisPerRequest,
        String firstError) {

    /** @param cpuMillis the node's CPU time over the cell, NaN when unknown */
    static CellResult of(
            RequestKind kind, int clients, int requested, LoadPhase.Result r, double encodes, double cpuMillis) {
        int succeeded = r.latencies().count();
        return new CellResult(
                kind,
                clients,
                requested,
                succeeded,
                r.errors(),
                r.timedOut(),
                r.requestsPerSecond(),
                r.latencies().percentileMillis(50),
                r.latencies().percentileMillis(99),
                succeeded == 0 || Double.isNaN(encodes) ? Double.NaN : encodes / succeeded,
                succeeded == 0 || Double.isNaN(cpuMillis) ? Double.NaN : cpuMillis / succeeded,
                r.firstError());
    }
}
