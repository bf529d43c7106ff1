package org.seqrec.model;

import java.util.Optional;

/**
 * The network hyper-parameters a training run can set, by the key they have in a manifest's
 * {@code hyper_parameters} and in the trainer's configuration. Each {@link ModelType} declares which
 * of them it reads ({@link ModelType#reads()}); the trainer refuses the others for that type.
 */
public enum HyperParameter {
    /** D, the embedding and hidden size. */
    DIM("dim"),
    /** L, the number of most recent items read. */
    MAX_LEN("max_len"),
    /** Stacked transformer blocks. */
    BLOCKS("blocks"),
    /** Attention heads per block. */
    HEADS("heads"),
    /** The dropout rate. */
    DROPOUT("dropout"),
    /** Where a transformer block normalises ({@link org.seqrec.nn.LayerNormPlacement}). */
    LAYER_NORM("layer_norm"),
    /** Stacked recurrent layers. */
    LAYERS("layers"),
    /** The window of latest items a convolution reads. */
    WINDOW("window"),
    /** Horizontal convolution filters per height. */
    H_FILTERS("h_filters"),
    /** Vertical convolution filters. */
    V_FILTERS("v_filters"),
    /** The Cloze task's masking probability. */
    MASK_PROB("mask_prob"),
    /** Which event-time features the network reads ({@link org.seqrec.nn.TimeFeatures}). */
    TIME_FEATURES("time_features"),
    /** BSARec's share of the frequency sub-layer in each block's mix (the paper's alpha). */
    ALPHA("alpha"),
    /** BSARec's low-pass filter: frequencies 0 .. low_pass / 2 are kept (the paper's c). */
    LOW_PASS("low_pass");

    private final String key;

    HyperParameter(String key) {
        this.key = key;
    }

    /** The snake_case key, e.g. {@code max_len}. */
    public String key() {
        return key;
    }

    /** The hyper-parameter with this key, if there is one. */
    public static Optional<HyperParameter> forKey(String key) {
        for (HyperParameter h : values()) {
            if (h.key.equals(key)) {
                return Optional.of(h);
            }
        }
        return Optional.empty();
    }
}
