package org.seqrec.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * SASRec hyper-parameters (Kang and McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018).
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim d, the embedding and hidden size
 * @param maxLen L, the number of most recent items the network reads
 * @param blocks b, stacked self-attention blocks
 * @param heads attention heads; must divide {@code dim}
 * @param dropout dropout rate on embeddings, attention weights and feed-forward outputs
 */
public record SasRecConfig(int numItems, int dim, int maxLen, int blocks, int heads, float dropout) {
    public static final String MODEL_TYPE = "sasrec";

    public SasRecConfig {
        require(numItems >= 1, "num_items must be >= 1, got " + numItems);
        require(dim >= 1 && dim <= 4096, "dim must be in 1..4096, got " + dim);
        require(maxLen >= 1 && maxLen <= 4096, "max_len must be in 1..4096, got " + maxLen);
        require(blocks >= 1 && blocks <= 32, "blocks must be in 1..32, got " + blocks);
        require(heads >= 1 && dim % heads == 0, "heads must be >= 1 and divide dim " + dim + ", got " + heads);
        require(dropout >= 0f && dropout < 1f, "dropout must be in [0, 1), got " + dropout);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The hyper-parameters as stored in the manifest. */
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dim", dim);
        m.put("max_len", maxLen);
        m.put("blocks", blocks);
        m.put("heads", heads);
        m.put("dropout", dropout);
        return m;
    }

    public static SasRecConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new SasRecConfig(m.numItems(), m.intParam("dim"), m.intParam("max_len"), m.intParam("blocks"),
                    m.intParam("heads"), (float) m.doubleParam("dropout"));
        } catch (IllegalArgumentException e) {
            throw new ArtifactException("manifest hyper_parameters: " + e.getMessage(), e);
        }
    }
}
