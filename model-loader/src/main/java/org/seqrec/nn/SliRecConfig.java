package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * SLi-Rec hyper-parameters (Yu et al., "Adaptive User Modeling with Long and Short-Term Preferences
 * for Personalized Recommendation", IJCAI 2019), as {@link SliRecNetwork} simplifies it. Always reads
 * event times ({@link TimeCodes}): its artifacts say {@code "reads_times": true}.
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim D, the embedding, attention and recurrent size, 1..4096
 * @param maxLen L, the number of most recent items the network reads, 1..4096
 * @param dropout dropout rate on the item inputs, [0, 1)
 */
public record SliRecConfig(int numItems, int dim, int maxLen, float dropout) implements NetworkConfig {
    public static final String MODEL_TYPE = "slirec";

    public SliRecConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public boolean readsTimes() {
        return true;
    }

    @Override
    public SliRecNetwork initialize(NDManager manager, long seed) {
        return SliRecNetwork.initialize(this, manager, seed);
    }

    @Override
    public SliRecNetwork wrap(Map<String, NDArray> parameters) {
        return SliRecNetwork.fromParameters(this, parameters);
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(this);
        m.put("dropout", dropout);
        return m;
    }

    public static SliRecConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new SliRecConfig(
                    m.numItems(), m.intParam("dim"), m.intParam("max_len"), (float) m.doubleParam("dropout"));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
