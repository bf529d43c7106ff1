package org.seqrec.nn.cpu;

import org.seqrec.nn.NetworkConfig;

/**
 * The batch loop every {@link CpuSequenceNetwork} shares: one scratch memory per call, one
 * {@link #encode} per history.
 *
 * @param <C> the network family's hyper-parameters
 * @param <S> the family's working memory, used by one thread at a time
 */
abstract class AbstractCpuNetwork<C extends NetworkConfig, S> implements CpuSequenceNetwork {
    protected final C config;

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
        S scratch = newScratch();
        for (int b = 0; b < histories.length; b++) {
            out[b] = new float[config.dim()];
            encode(histories[b], scratch, out[b]);
        }
        return out;
    }

    /** Fresh working memory for histories of up to L items. */
    abstract S newScratch();

    /** Writes the user vector of {@code history} (item rows, oldest first, any length) into {@code user} (D). */
    abstract void encode(int[] history, S scratch, float[] user);

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
