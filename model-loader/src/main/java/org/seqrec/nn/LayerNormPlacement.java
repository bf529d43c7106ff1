package org.seqrec.nn;

import java.util.Locale;

/**
 * Where a transformer block applies layer normalisation, stored as hyper-parameter {@code layer_norm}.
 *
 * <ul>
 *   <li>{@link #PRE}: {@code x = x + Dropout(F(LN(x)))}, with a final LN after the last block; trains
 *       most stably (pmixer/SASRec.pytorch).
 *   <li>{@link #POST}: {@code x = LN(x + Dropout(F(x)))}, LN after the residual add (Vaswani et al.
 *       2017, BERT); the last block's output is already normalised, so there is no final LN.
 * </ul>
 */
public enum LayerNormPlacement {
    PRE("pre"),
    POST("post");

    private final String id;

    LayerNormPlacement(String id) {
        this.id = id;
    }

    /** The manifest spelling: {@code pre} or {@code post}. */
    public String id() {
        return id;
    }

    /** Parses {@code pre} or {@code post} (case-insensitive). */
    public static LayerNormPlacement parse(String value) {
        for (LayerNormPlacement p : values()) {
            if (p.id.equals(value == null ? null : value.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("layer_norm must be 'pre' or 'post', got '" + value + "'");
    }
}
