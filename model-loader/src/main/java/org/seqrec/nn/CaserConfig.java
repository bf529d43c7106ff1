package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.List;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/**
 * Caser hyper-parameters (Tang and Wang, "Personalized Top-N Sequential Recommendation via
 * Convolutional Sequence Embedding", WSDM 2018). The paper's L (the window of recent items read as
 * an image) is {@code window} here; {@code maxLen} is the history length the trainer and encoder pad
 * to, as for the other networks.
 *
 * @param numItems n, items in the vocabulary (embedding rows are n + 1, row 0 pads)
 * @param dim d, the embedding size and the user vector size, 1..4096
 * @param maxLen the number of most recent items the network reads, 1..4096
 * @param window the paper's L, 1..min(maxLen, 64) (default {@value #DEFAULT_WINDOW})
 * @param hFilters the paper's n_h, horizontal filters per height 1..window, 1..1024 (default
 *     {@value #DEFAULT_H_FILTERS})
 * @param vFilters the paper's n_v, vertical filters, 1..1024 (default {@value #DEFAULT_V_FILTERS})
 * @param dropout dropout rate on the concatenated convolution outputs, [0, 1) (the paper uses 0.5)
 */
public record CaserConfig(int numItems, int dim, int maxLen, int window, int hFilters, int vFilters, float dropout)
        implements NetworkConfig {
    public static final String MODEL_TYPE = "caser";
    public static final int DEFAULT_WINDOW = 5;
    public static final int DEFAULT_H_FILTERS = 16;
    public static final int DEFAULT_V_FILTERS = 4;

    public CaserConfig {
        ConfigChecks.common(numItems, dim, maxLen, dropout);
        ConfigChecks.require(
                window >= 1 && window <= Math.min(maxLen, 64),
                "window must be in 1..min(max_len, 64) = 1.." + Math.min(maxLen, 64) + ", got " + window);
        ConfigChecks.require(hFilters >= 1 && hFilters <= 1024, "h_filters must be in 1..1024, got " + hFilters);
        ConfigChecks.require(vFilters >= 1 && vFilters <= 1024, "v_filters must be in 1..1024, got " + vFilters);
    }

    @Override
    public String modelType() {
        return MODEL_TYPE;
    }

    @Override
    public CaserNetwork initialize(NDManager manager, long seed) {
        return CaserNetwork.initialize(this, manager, seed);
    }

    @Override
    public CaserNetwork wrap(Map<String, NDArray> parameters) {
        return CaserNetwork.fromParameters(this, parameters);
    }

    /** Caser's input table and its output table E are separate item tables. */
    @Override
    public List<String> itemTables() {
        return List.of(Networks.ITEM_EMBEDDING, CaserNetwork.INPUT_EMBEDDING);
    }

    /** Width of the concatenated convolution outputs: n_v * d + window * n_h. */
    public int concatWidth() {
        return vFilters * dim + window * hFilters;
    }

    @Override
    public Map<String, Object> toHyperParameters() {
        Map<String, Object> m = ConfigChecks.commonHyperParameters(this);
        m.put("window", window);
        m.put("h_filters", hFilters);
        m.put("v_filters", vFilters);
        m.put("dropout", dropout);
        return m;
    }

    public static CaserConfig fromManifest(Manifest m) throws ArtifactException {
        try {
            return new CaserConfig(
                    m.numItems(),
                    m.intParam("dim"),
                    m.intParam("max_len"),
                    ConfigChecks.intOr(m, "window", DEFAULT_WINDOW),
                    ConfigChecks.intOr(m, "h_filters", DEFAULT_H_FILTERS),
                    ConfigChecks.intOr(m, "v_filters", DEFAULT_V_FILTERS),
                    (float) m.doubleParam("dropout"));
        } catch (IllegalArgumentException e) {
            throw ConfigChecks.invalid(e);
        }
    }
}
