package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * BERT4Rec hyper-parameters (Sun et al., "BERT4Rec: Sequential Recommendation with Bidirectional
 * Encoder Representations from Transformer", CIKM 2019).
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads; the mask token
 *     is row n + 1 of the input only, see {@link #maskRow()})
 * @param dim d, the embedding and hidden size, 1..4096
 * @param maxLen L, the number of positions the network reads, 1..4096; at inference the mask token
 *     takes the last one, so L - 1 history items are read
 * @param blocks stacked bidirectional transformer blocks, 1..32
 * @param heads attention heads; must divide {@code dim}
 * @param dropout dropout rate on embeddings, attention weights and sub-layer outputs, [0, 1)
 * @param maskProb the Cloze task's masking proportion rho, (0, 1) (default {@value #DEFAULT_MASK_PROB});
 *     not used by the network, recorded for the trainer
 */
public record Bert4RecConfig(int numItems, int dim, int maxLen, int blocks, int heads, float dropout, float maskProb)
        implements NetworkConfig {
    public static final String MODEL_TYPE = "bert4rec";
    public static final float DEFAULT_MASK_PROB = 0.2f;

    public Bert4RecConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
        ConfigChecks.require(
                maxLen >= 2, "max_len must be >= 2 for bert4rec (the mask token takes one position), got " + maxLen);
        ConfigChecks.transformer(dim, blocks, heads);
        ConfigChecks.require(maskProb > 0f && maskProb < 1f, "mask_prob must be in (0, 1), got " + maskProb);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Bert4RecNetwork initialize(NDManager manager, long seed) {
        return Bert4RecNetwork.initialize(this, manager, seed);
    }

    @Override
    public Bert4RecNetwork wrap(Map<String, NDArray> parameters) {
        return Bert4RecNetwork.fromParameters(this, parameters);
    }

    /** n + 1: the input row that stands for [mask]; trainers put it where an item is hidden. */
    public int maskRow() {
        return numItems + 1;
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(this);
        m.put("blocks", blocks);
        m.put("heads", heads);
        m.put("dropout", dropout);
        m.put("mask_prob", maskProb);
        return m;
    }

    public static Bert4RecConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new Bert4RecConfig(
                    m.numItems(),
                    m.intParam("dim"),
                    m.intParam("max_len"),
                    m.intParam("blocks"),
                    m.intParam("heads"),
                    (float) m.doubleParam("dropout"),
                    (float) ConfigChecks.doubleOr(m, "mask_prob", DEFAULT_MASK_PROB));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
