package org.seqrec.trainer.train;

import java.util.Random;
import java.util.SplittableRandom;

/**
 * The random streams of one epoch, derived from (seed, epoch) alone: the shuffle of the training
 * sequences, the Java-side sampling (negatives, Cloze masks) and the engine's seed (dropout). Since
 * no stream carries over from one epoch to the next, the epoch number is the whole random position
 * of a run, which is what makes a resumed run repeat the uninterrupted one.
 */
record EpochSeeds(long seed, int epoch) {
    /** The order in which the epoch visits the training sequences. */
    Random shuffle() {
        return new Random(mix(0));
    }

    /** Negatives and masks, consumed in batch order. */
    SplittableRandom sampling() {
        return new SplittableRandom(mix(1));
    }

    /** Seed for the engine's generator (dropout masks). */
    int engine() {
        return (int) mix(2);
    }

    /** SplittableRandom's 64-bit finaliser (Stafford variant 13) over seed, epoch and stream. */
    private long mix(int stream) {
        long z = seed + 0x9E3779B97F4A7C15L * (epoch * 4L + stream + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
