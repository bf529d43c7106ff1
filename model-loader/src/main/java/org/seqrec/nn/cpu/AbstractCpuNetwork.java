package org.seqrec.nn.cpu;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.seqrec.nn.NetworkConfig;

/**
 * The batch loop every {@link CpuSequenceNetwork} shares: one {@link #encode} per history, in a
 * scratch memory taken for the call and handed back after it.
 *
 * <p>Scratch memory (about 140 KB for SASRec d 64, L 50) is kept in a small lock-free pool of one
 * slot per processor, so that encodes do not allocate it anew (at thousands of encodes a second that
 * would be hundreds of MB/s of garbage); a call that finds every slot empty allocates one, and a
 * scratch that finds every slot full is dropped. A scratch is used by one call at a time, and
 * {@link #encode} overwrites every value it reads, so what a previous history left there never shows.
 *
 * @param <C> the network family's hyper-parameters
 * @param <S> the family's working memory
 */
abstract class AbstractCpuNetwork<C extends NetworkConfig, S> implements CpuSequenceNetwork {
    private static final int SLOTS = Math.min(64, Runtime.getRuntime().availableProcessors());

    protected final C config;
    private final AtomicReferenceArray<S> spare = new AtomicReferenceArray<>(SLOTS);

    AbstractCpuNetwork(C config) {
        this.config = config;
    }

    @Override
    public final C config() {
        return config;
    }

    @Override
    public final float[][] userVectors(int[][] histories) {
        float[][] out = new float[histories.length][];
        if (histories.length == 0) {
            return out;
        }
        S scratch = take();
        for (int b = 0; b < histories.length; b++) {
            out[b] = new float[config.dim()];
            encode(histories[b], scratch, out[b]);
        }
        give(scratch);
        return out;
    }

    @Override
    public final float[][] userVectors(int[][] histories, int[][] timeCodes) {
        if (!config.readsTimes()) {
            return userVectors(histories);
        }
        if (timeCodes == null || timeCodes.length != histories.length) {
            throw new IllegalArgumentException("this network reads event times: give one time code array per history");
        }
        float[][] out = new float[histories.length][];
        if (histories.length == 0) {
            return out;
        }
        S scratch = take();
        for (int b = 0; b < histories.length; b++) {
            if (timeCodes[b] == null || timeCodes[b].length != histories[b].length) {
                throw new IllegalArgumentException("history " + b + " has " + histories[b].length + " items but "
                        + (timeCodes[b] == null ? "no" : String.valueOf(timeCodes[b].length)) + " time codes");
            }
            out[b] = new float[config.dim()];
            encode(histories[b], timeCodes[b], scratch, out[b]);
        }
        give(scratch);
        return out;
    }

    private S take() {
        for (int i = 0; i < SLOTS; i++) {
            if (spare.get(i) != null) {
                S s = spare.getAndSet(i, null);
                if (s != null) {
                    return s;
                }
            }
        }
        return newScratch();
    }

    private void give(S scratch) {
        for (int i = 0; i < SLOTS; i++) {
            if (spare.get(i) == null && spare.compareAndSet(i, null, scratch)) {
                return;
            }
        }
    }

    /** Fresh working memory for histories of up to L items. */
    abstract S newScratch();

    /**
     * Writes the user vector of {@code history} (item rows, oldest first, any length) into {@code user}
     * (D, zeros on entry); every scratch value it reads it has written for this history first.
     */
    abstract void encode(int[] history, S scratch, float[] user);

    /**
     * As {@link #encode(int[], Object, float[])} with the history's time codes (same length); only
     * time-reading networks are called with them, and they override this.
     */
    void encode(int[] history, int[] timeCodes, S scratch, float[] user) {
        encode(history, scratch, user);
    }

    /** A (rows, cols) row-major matrix as rows of their own (a copy). */
    static float[][] rows(float[] matrix, int rows, int cols) {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = Arrays.copyOfRange(matrix, r * cols, (r + 1) * cols);
        }
        return out;
    }

    /**
     * The item row at {@code history[index]}.
     *
     * @throws IllegalArgumentException when it is outside 1..n
     */
    final int row(int[] history, int index) {
        int row = history[index];
        if (row < 1 || row > config.numItems()) {
            throw new IllegalArgumentException("item row " + row + " outside 1.." + config.numItems());
        }
        return row;
    }
}
