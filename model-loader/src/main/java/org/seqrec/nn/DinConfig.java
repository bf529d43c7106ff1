package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * DIN hyper-parameters (Zhou et al., "Deep Interest Network for Click-Through Rate Prediction", KDD
 * 2018): a ranking network ({@link DinNetwork}). The attention unit's hidden size
 * ({@value #ATTENTION_UNITS}, the paper's activation unit) and the {@link ScoringMlp}'s are fixed.
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim D, the item embedding size, 1..4096
 * @param maxLen L, the number of most recent items the network reads, 1..4096
 * @param dropout dropout rate on the history's embeddings and the MLP's first layer, [0, 1)
 */
public record DinConfig(int numItems, int dim, int maxLen, float dropout) implements RankingConfig {
    public static final String MODEL_TYPE = "din";
    /** Hidden units of the attention unit that weighs each history item against the candidate (DIN's and DIEN's). */
    public static final int ATTENTION_UNITS = 36;

    public DinConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public DinNetwork initialize(NDManager manager, long seed) {
        return DinNetwork.initialize(this, manager, seed);
    }

    @Override
    public DinNetwork wrap(Map<String, NDArray> parameters) {
        return DinNetwork.fromParameters(this, parameters);
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(dim, maxLen);
        m.put("dropout", dropout);
        return m;
    }

    public static DinConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new DinConfig(
                    m.numItems(), m.intParam("dim"), m.intParam("max_len"), (float) m.doubleParam("dropout"));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
