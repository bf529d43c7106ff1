package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * SR-GNN hyper-parameters (Wu et al., "Session-based Recommendation with Graph Neural Networks",
 * AAAI 2019), as {@link SrGnnNetwork} computes it: one gated graph step over the session graph (the
 * reference implementation's default), then the attention readout.
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim D, the embedding and node-state size, 1..4096
 * @param maxLen L, the number of most recent items the session graph is built from, 1..4096
 * @param dropout dropout rate on the item embeddings, [0, 1)
 */
public record SrGnnConfig(int numItems, int dim, int maxLen, float dropout) implements NetworkConfig {
    public static final String MODEL_TYPE = "srgnn";

    public SrGnnConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public SrGnnNetwork initialize(NDManager manager, long seed) {
        return SrGnnNetwork.initialize(this, manager, seed);
    }

    @Override
    public SrGnnNetwork wrap(Map<String, NDArray> parameters) {
        return SrGnnNetwork.fromParameters(this, parameters);
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(this);
        m.put("dropout", dropout);
        return m;
    }

    public static SrGnnConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new SrGnnConfig(
                    m.numItems(), m.intParam("dim"), m.intParam("max_len"), (float) m.doubleParam("dropout"));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
