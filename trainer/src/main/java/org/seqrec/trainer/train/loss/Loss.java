package org.seqrec.trainer.train.loss;

import java.util.Optional;
import java.util.Set;

/**
 * The training objectives, by the name {@code --loss} takes (see {@link TrainingLoss} for which to
 * use when). Each names the configuration keys it reads beyond the loss itself.
 */
public enum Loss {
    /** Full softmax cross-entropy ({@link FullCrossEntropy}). */
    CE("ce", Set.of()),
    /** Softmax over the target and N negatives shared by a sequence ({@link SampledCrossEntropy}). */
    SAMPLED_CE("sampled-ce", Set.of(Keys.NEGATIVES)),
    /** Binary cross-entropy with one negative per position ({@link BinaryCrossEntropy}). */
    BCE("bce", Set.of()),
    /** gSASRec's generalised binary cross-entropy ({@link GeneralizedBinaryCrossEntropy}). */
    GBCE("gbce", Set.of(Keys.NEGATIVES, Keys.GBCE_T));

    /** The configuration keys some losses read. */
    public static final class Keys {
        /** Negatives per sequence or per position. */
        public static final String NEGATIVES = "negatives";
        /** gSASRec's calibration t. */
        public static final String GBCE_T = "gbce_t";

        private Keys() {}
    }

    private final String id;
    private final Set<String> reads;

    Loss(String id, Set<String> reads) {
        this.id = id;
        this.reads = reads;
    }

    /** The name {@code --loss} takes and the manifest records, e.g. {@code sampled-ce}. */
    public String id() {
        return id;
    }

    /** Whether this loss reads the configuration key ({@link Keys}). */
    public boolean reads(String key) {
        return reads.contains(key);
    }

    /** The loss named {@code id} (exact spelling), if any. */
    public static Optional<Loss> forId(String id) {
        for (Loss l : values()) {
            if (l.id.equals(id)) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The objective for a catalogue of n = {@code numItems} items.
     *
     * @param negatives k, read by the losses that sample negatives
     * @param gbceT calibration t, read by {@link #GBCE}
     * @throws IllegalArgumentException when the catalogue is too small for the loss
     */
    public TrainingLoss create(int negatives, float gbceT, int numItems) {
        return switch (this) {
            case CE -> new FullCrossEntropy();
            case SAMPLED_CE -> new SampledCrossEntropy(negatives, numItems);
            case BCE -> new BinaryCrossEntropy(numItems);
            case GBCE -> new GeneralizedBinaryCrossEntropy(negatives, gbceT, numItems);
        };
    }

    @Override
    public String toString() {
        return id;
    }
}
