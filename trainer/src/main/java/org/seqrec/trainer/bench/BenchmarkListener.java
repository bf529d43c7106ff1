package org.seqrec.trainer.bench;

import java.io.IOException;
import org.seqrec.trainer.train.TrainingListener;

/**
 * Callbacks of a {@link BenchmarkRunner}, on its thread, in this order per configuration:
 * {@code configStarted}, the returned listener's training callbacks, {@code configTrained}
 * (also when training failed), {@code configDone}. Indices are 1-based.
 */
public interface BenchmarkListener {
    /** @return the listener of this configuration's training run (e.g. a progress display) */
    TrainingListener configStarted(int index, int total, BenchmarkConfig config);

    /** Training ended, successfully or not: a progress display can be closed. */
    void configTrained(int index, int total, BenchmarkConfig config);

    /**
     * The configuration is trained and tested (or failed: {@link ConfigResult#failed()}).
     *
     * @throws IOException when writing results fails; it stops the benchmark
     */
    void configDone(int index, int total, ConfigResult result) throws IOException;
}
