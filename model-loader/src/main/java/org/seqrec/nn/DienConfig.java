package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * DIEN hyper-parameters (Zhou et al., "Deep Interest Evolution Network for Click-Through Rate
 * Prediction", AAAI 2019): a ranking network ({@link DienNetwork}), DIN's target attention over the
 * states of a GRU that reads the history, and an attention-gated GRU that evolves the interest
 * towards the candidate. The attention unit's hidden size ({@value DinConfig#ATTENTION_UNITS}) and
 * the {@link ScoringMlp}'s are DIN's, fixed.
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim D, the item embedding size and both GRUs' hidden size, 1..4096
 * @param maxLen L, the number of most recent items the network reads, 1..4096
 * @param dropout dropout rate on the history's embeddings and the MLP's first layer, [0, 1)
 */
public record DienConfig(int numItems, int dim, int maxLen, float dropout) implements RankingConfig {
    public static final String MODEL_TYPE = "dien";

    public DienConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public DienNetwork initialize(NDManager manager, long seed) {
        return DienNetwork.initialize(this, manager, seed);
    }

    @Override
    public DienNetwork wrap(Map<String, NDArray> parameters) {
        return DienNetwork.fromParameters(this, parameters);
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(dim, maxLen);
        m.put("dropout", dropout);
        return m;
    }

    public static DienConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new DienConfig(
                    m.numItems(), m.intParam("dim"), m.intParam("max_len"), (float) m.doubleParam("dropout"));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
