package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * BSARec hyper-parameters (Shin et al., "An Attentive Inductive Bias for Sequential Recommendation
 * beyond the Self-Attention", AAAI 2024), as {@link BsaRecNetwork} computes it.
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim D, the embedding and hidden size, 1..4096
 * @param maxLen L, the number of most recent items the network reads, 1..4096
 * @param blocks stacked blocks, 1..32
 * @param heads attention heads; must divide {@code dim}
 * @param dropout dropout rate on embeddings, attention weights and sub-layer outputs, [0, 1)
 * @param alpha the frequency sub-layer's share of each block's mix, [0, 1] (default
 *     {@value #DEFAULT_ALPHA}, the paper's for Beauty)
 * @param lowPass the low-pass filter keeps frequencies 0 .. lowPass / 2, 1..L (the paper's c; default
 *     {@value #DEFAULT_LOW_PASS}, the paper's for Beauty)
 */
public record BsaRecConfig(
        int numItems, int dim, int maxLen, int blocks, int heads, float dropout, float alpha, int lowPass)
        implements NetworkConfig {
    public static final String MODEL_TYPE = "bsarec";
    public static final float DEFAULT_ALPHA = 0.7f;
    public static final int DEFAULT_LOW_PASS = 5;

    public BsaRecConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
        ConfigChecks.transformer(dim, blocks, heads);
        ConfigChecks.require(alpha >= 0f && alpha <= 1f, "alpha must be in [0, 1], got " + alpha);
        ConfigChecks.require(
                lowPass >= 1 && lowPass <= maxLen, "low_pass must be in 1..max_len (" + maxLen + "), got " + lowPass);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public BsaRecNetwork initialize(NDManager manager, long seed) {
        return BsaRecNetwork.initialize(this, manager, seed);
    }

    @Override
    public BsaRecNetwork wrap(Map<String, NDArray> parameters) {
        return BsaRecNetwork.fromParameters(this, parameters);
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(this);
        m.put("blocks", blocks);
        m.put("heads", heads);
        m.put("dropout", dropout);
        m.put("alpha", alpha);
        m.put("low_pass", lowPass);
        return m;
    }

    public static BsaRecConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new BsaRecConfig(
                    m.numItems(),
                    m.intParam("dim"),
                    m.intParam("max_len"),
                    m.intParam("blocks"),
                    m.intParam("heads"),
                    (float) m.doubleParam("dropout"),
                    (float) m.doubleParam("alpha"),
                    m.intParam("low_pass"));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
