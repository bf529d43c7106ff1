package org.seqrec.model;

import org.seqrec.nn.BsaRecConfig;
import org.seqrec.nn.LayerNormPlacement;
import org.seqrec.nn.TimeFeatures;

/**
 * One value per {@link HyperParameter}, as a training run sets them: what a {@link NetworkType}
 * makes its {@link org.seqrec.nn.NetworkConfig} from, with the catalogue size
 * ({@link NetworkType#config}). A type reads only the fields it declares and ignores the others. Not
 * checked here: the config built from them checks what it reads.
 */
public record NetworkHyperParameters(
        int dim,
        int maxLen,
        int blocks,
        int heads,
        float dropout,
        LayerNormPlacement layerNorm,
        int layers,
        int window,
        int hFilters,
        int vFilters,
        float maskProb,
        TimeFeatures timeFeatures,
        float alpha,
        int lowPass) {

    /** Time-blind ({@link TimeFeatures#NONE}), BSARec's alpha and low-pass at their defaults. */
    public NetworkHyperParameters(
            int dim,
            int maxLen,
            int blocks,
            int heads,
            float dropout,
            LayerNormPlacement layerNorm,
            int layers,
            int window,
            int hFilters,
            int vFilters,
            float maskProb) {
        this(
                dim,
                maxLen,
                blocks,
                heads,
                dropout,
                layerNorm,
                layers,
                window,
                hFilters,
                vFilters,
                maskProb,
                TimeFeatures.NONE,
                BsaRecConfig.DEFAULT_ALPHA,
                BsaRecConfig.DEFAULT_LOW_PASS);
    }
}
