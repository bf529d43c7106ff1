package org.seqrec.model;

/**
 * How a model type turns histories into user vectors: the part of serving that differs between
 * types. A network runs on DJL ({@code org.seqrec.encoder.SequenceEncoder} opens it); a counting
 * baseline computes its vectors in Java ({@link HeapUserStates}: {@link PopularityUserStates},
 * {@link MarkovUserStates}, opened by {@link CountingType#userStates}). Shapes: B histories of item
 * rows in, (B, D) user vectors out.
 *
 * <p>Implementations are thread-safe for concurrent {@link #userVectors} calls; {@link #close()}
 * frees whatever native memory they hold and is called once, by the encoder that owns them.
 */
public interface UserStates extends AutoCloseable {
    /**
     * User vectors (B, D), one per history.
     *
     * @param histories item rows in 1..numItems, oldest first, of any length (implementations read the
     *     latest {@link #maxLen()}), already checked by the caller; B >= 1
     */
    float[][] userVectors(int[][] histories);

    /** Whether the model reads event times ({@code org.seqrec.nn.TimeCodes}); counting baselines do not. */
    default boolean readsTimes() {
        return false;
    }

    /**
     * User vectors (B, D) of histories with their time codes ({@code org.seqrec.nn.TimeCodes}, one per
     * item, parallel to {@code histories}); a time-blind model ignores them.
     */
    default float[][] userVectors(int[][] histories, int[][] timeCodes) {
        return userVectors(histories);
    }

    /** L, the number of most recent items read. */
    int maxLen();

    /** Where vectors are computed: {@code cpu} or {@code gpu(N)}. */
    String deviceName();

    /**
     * Whether vectors are computed in plain Java on the calling thread, tens of microseconds a
     * history and no faster per history in batches (counting baselines, the plain-Java forward
     * pass); {@code false} for an engine (DJL), whose per-call overhead batching amortises.
     */
    default boolean runsInJava() {
        return true;
    }

    /** Frees native memory, if any. */
    @Override
    void close();
}
