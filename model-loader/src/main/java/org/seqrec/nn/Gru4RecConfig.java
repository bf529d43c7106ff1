package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * GRU4Rec hyper-parameters (Hidasi et al., "Session-based Recommendations with Recurrent Neural
 * Networks", ICLR 2016). The GRU's hidden size is D, so its last state is the user vector.
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim D, the embedding and GRU hidden size, 1..4096
 * @param maxLen L, the number of most recent items the network reads, 1..4096
 * @param layers stacked GRU layers, 1..8 (default {@value #DEFAULT_LAYERS})
 * @param dropout dropout rate on the item embeddings and between GRU layers, [0, 1)
 * @param projection whether a D x D linear layer (with bias) maps the GRU's state to the user vector.
 *     The state is a tanh-bounded mix of the gates; the layer lets the user vector leave that box and
 *     carry a constant part (an item bias {@code b . E[i]}), as the reference implementations do. Every
 *     model trained now has it; artifacts written before it existed do not ({@code projection} missing
 *     from the manifest reads as false)
 */
public record Gru4RecConfig(int numItems, int dim, int maxLen, int layers, float dropout, boolean projection)
        implements NetworkConfig {
    public static final String MODEL_TYPE = "gru4rec";
    public static final int DEFAULT_LAYERS = 1;

    public Gru4RecConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
        ConfigChecks.require(layers >= 1 && layers <= 8, "layers must be in 1..8, got " + layers);
    }

    /** A GRU4Rec as the trainer builds one today: with the output projection. */
    public Gru4RecConfig(int numItems, int dim, int maxLen, int layers, float dropout) {
        this(numItems, dim, maxLen, layers, dropout, true);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public Gru4RecNetwork initialize(NDManager manager, long seed) {
        return Gru4RecNetwork.initialize(this, manager, seed);
    }

    @Override
    public Gru4RecNetwork wrap(Map<String, NDArray> parameters) {
        return Gru4RecNetwork.fromParameters(this, parameters);
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(this);
        m.put("layers", layers);
        m.put("dropout", dropout);
        m.put("projection", projection);
        return m;
    }

    public static Gru4RecConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new Gru4RecConfig(
                    m.numItems(),
                    m.intParam("dim"),
                    m.intParam("max_len"),
                    ConfigChecks.intOr(m, "layers", DEFAULT_LAYERS),
                    (float) m.doubleParam("dropout"),
                    ConfigChecks.booleanOr(m, "projection", false));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
