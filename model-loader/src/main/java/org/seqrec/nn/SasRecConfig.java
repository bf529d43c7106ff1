package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import java.util.Objects;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * SASRec hyper-parameters (Kang and McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018).
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim d, the embedding and hidden size
 * @param maxLen L, the number of most recent items the network reads
 * @param blocks b, stacked self-attention blocks, 1..32
 * @param heads attention heads; must divide {@code dim}
 * @param dropout dropout rate on embeddings, attention weights and feed-forward outputs, [0, 1)
 * @param layerNorm hyper-parameter {@code layer_norm}: {@code pre} (default) or {@code post}; a
 *     manifest without it reads as {@code pre}, the only layout artifacts had before it existed
 * @param timeFeatures hyper-parameter {@code time_features}: {@code none} (default; a manifest
 *     without it reads as none) or {@code gap_hour} (the network reads {@link TimeCodes})
 */
public record SasRecConfig(
        int numItems,
        int dim,
        int maxLen,
        int blocks,
        int heads,
        float dropout,
        LayerNormPlacement layerNorm,
        TimeFeatures timeFeatures)
        implements NetworkConfig {
    public static final String MODEL_TYPE = "sasrec";

    public SasRecConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
        ConfigChecks.transformer(dim, blocks, heads);
        Objects.requireNonNull(layerNorm, "layer_norm");
        Objects.requireNonNull(timeFeatures, "time_features");
    }

    /** Time-blind. */
    public SasRecConfig(
            int numItems, int dim, int maxLen, int blocks, int heads, float dropout, LayerNormPlacement layerNorm) {
        this(numItems, dim, maxLen, blocks, heads, dropout, layerNorm, TimeFeatures.NONE);
    }

    /** Pre-layer-norm blocks, the default. */
    public SasRecConfig(int numItems, int dim, int maxLen, int blocks, int heads, float dropout) {
        this(numItems, dim, maxLen, blocks, heads, dropout, LayerNormPlacement.PRE);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public boolean readsTimes() {
        return timeFeatures.readsTimes();
    }

    @Override
    public SasRecNetwork initialize(NDManager manager, long seed) {
        return SasRecNetwork.initialize(this, manager, seed);
    }

    @Override
    public SasRecNetwork wrap(Map<String, NDArray> parameters) {
        return SasRecNetwork.fromParameters(this, parameters);
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(this);
        m.put("blocks", blocks);
        m.put("heads", heads);
        m.put("dropout", dropout);
        m.put("layer_norm", layerNorm.id());
        if (timeFeatures.readsTimes()) {
            // written only when set, so that time-blind manifests stay as they were
            m.put("time_features", timeFeatures.id());
        }
        return m;
    }

    public static SasRecConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new SasRecConfig(
                    m.numItems(),
                    m.intParam("dim"),
                    m.intParam("max_len"),
                    m.intParam("blocks"),
                    m.intParam("heads"),
                    (float) m.doubleParam("dropout"),
                    LayerNormPlacement.parse(m.stringParam("layer_norm", LayerNormPlacement.PRE.id())),
                    TimeFeatures.parse(m.stringParam("time_features", TimeFeatures.NONE.id())));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
