package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.Manifest;
import org.seqrec.artifact.ModelArtifact;

/**
 * BST hyper-parameters (Chen et al., "Behavior Sequence Transformer for E-commerce Recommendation in
 * Alibaba", DLP-KDD 2019): a ranking network ({@link BstNetwork}) whose transformer is SASRec's
 * (pre-layer-norm, causal, ReLU feed-forward of width D), so that it can start from a trained
 * SASRec's weights ({@link #warmStart}).
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim D, the embedding and hidden size
 * @param maxLen L, the number of most recent items the network reads
 * @param blocks b, stacked self-attention blocks, 1..32
 * @param heads attention heads; must divide {@code dim}
 * @param dropout dropout rate on embeddings, attention weights, feed-forward outputs and the MLP's
 *     first layer, [0, 1)
 */
public record BstConfig(int numItems, int dim, int maxLen, int blocks, int heads, float dropout)
        implements RankingConfig {
    public static final String MODEL_TYPE = "bst";

    public BstConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
        ConfigChecks.transformer(dim, blocks, heads);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public BstNetwork initialize(NDManager manager, long seed) {
        return BstNetwork.initialize(this, manager, seed);
    }

    @Override
    public BstNetwork wrap(Map<String, NDArray> parameters) {
        return BstNetwork.fromParameters(this, parameters);
    }

    /**
     * The SASRec of the same shape (n, D, L, blocks, heads, pre-layer-norm, no time features) whose
     * parameters this network's transformer and item embeddings are.
     */
    SasRecConfig sasRec() {
        return new SasRecConfig(numItems, dim, maxLen, blocks, heads, dropout);
    }

    @Override
    public boolean canWarmStart() {
        return true;
    }

    /**
     * A trained SASRec's parameters, item embeddings included, to start from: with them and the
     * scoring MLP's output at 0 ({@link BstNetwork#initialize}), the network's logits are that
     * SASRec's scores.
     *
     * <p>A SASRec trained with item features gives its E' (what it serves) as E: the start is exact
     * for a BST with or without features (with them, F starts at 0).
     *
     * @throws IllegalArgumentException for another model type, another shape, or time features
     */
    @Override
    public Map<String, FloatTensor> warmStart(ModelArtifact retrieval) {
        Manifest m = retrieval.manifest();
        if (!SasRecConfig.MODEL_TYPE.equals(m.modelType())) {
            throw new IllegalArgumentException(
                    "bst starts from a sasrec model's weights; this one is " + m.modelType());
        }
        SasRecConfig theirs;
        try {
            theirs = SasRecConfig.fromManifest(m);
        } catch (ArtifactException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        SasRecConfig ours = sasRec();
        SasRecConfig comparable = new SasRecConfig(
                theirs.numItems(),
                theirs.dim(),
                theirs.maxLen(),
                theirs.blocks(),
                theirs.heads(),
                dropout,
                theirs.layerNorm(),
                theirs.timeFeatures());
        if (!comparable.equals(ours)) {
            throw new IllegalArgumentException(String.format(
                    java.util.Locale.ROOT,
                    "bst starts from a sasrec of its own shape: this bst has %d items, dim %d, max_len %d, "
                            + "%d blocks, %d heads, pre layer norm, no time features; the sasrec has %d, %d, %d, "
                            + "%d, %d, %s layer norm, time features %s",
                    numItems,
                    dim,
                    maxLen,
                    blocks,
                    heads,
                    theirs.numItems(),
                    theirs.dim(),
                    theirs.maxLen(),
                    theirs.blocks(),
                    theirs.heads(),
                    theirs.layerNorm().id(),
                    theirs.timeFeatures().id()));
        }
        Map<String, FloatTensor> parameters = new LinkedHashMap<>(retrieval.parameters());
        parameters.put(Networks.ITEM_EMBEDDING, retrieval.itemEmbeddings().asTensor());
        return parameters;
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(dim, maxLen);
        m.put("blocks", blocks);
        m.put("heads", heads);
        m.put("dropout", dropout);
        return m;
    }

    public static BstConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new BstConfig(
                    m.numItems(),
                    m.intParam("dim"),
                    m.intParam("max_len"),
                    m.intParam("blocks"),
                    m.intParam("heads"),
                    (float) m.doubleParam("dropout"));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
