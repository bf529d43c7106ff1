package org.seqrec.it.bench;

/**
 * What the soak's sampler saw at one moment. Unknown values (a stats call that failed, no
 * {@code /proc}) are -1.
 *
 * @param slot the sampling slot: {@code slot x 10 s} after the load started, the moment it was due;
 *     {@link #END} for the sample taken after the clients stopped
 * @param seconds when it was taken, seconds after the load started
 * @param succeeded successful searches so far
 * @param failed failed searches so far
 * @param rssKb the node process's resident memory ({@code VmRSS} of {@code /proc/<pid>/status}), kB
 * @param heapRssKb the resident part ({@code Rss}) of the node's Java heap's mapping in
 *     {@code /proc/<pid>/smaps}, kB ({@link NodeSampler#heapMappingRssKb})
 * @param heapUsedBytes the node's JVM heap in use ({@code _nodes/_local/stats/jvm})
 * @param modelBytes the plugin's estimate of its loaded models' memory ({@code loaded_models_memory_bytes})
 * @param loadedVersions model versions loaded on the node
 * @param encodes the plugin's {@code encodes} counter (histories encoded on the node since it started)
 * @param generation the model's latest upload generation the soak had been answered at that moment
 */
record SoakSample(
        int slot,
        double seconds,
        long succeeded,
        long failed,
        long rssKb,
        long heapRssKb,
        long heapUsedBytes,
        long modelBytes,
        int loadedVersions,
        long encodes,
        long generation) {

    /** The slot of the sample after the load. */
    static final int END = -1;
    /** Seconds between two slots. */
    static final int SLOT_SECONDS = 10;
    /** Slots per minute. */
    static final int SLOTS_PER_MINUTE = 60 / SLOT_SECONDS;

    boolean isEnd() {
        return slot == END;
    }

    /**
     * The node's resident memory outside its Java heap, {@code rssKb - heapRssKb}, kB; -1 when either is
     * unknown. Unlike {@code VmRSS} it does not climb while G1 touches the heap's pages for the first time,
     * so it is where a native leak shows.
     */
    long nonHeapRssKb() {
        return rssKb < 0 || heapRssKb < 0 ? -1 : rssKb - heapRssKb;
    }
}
