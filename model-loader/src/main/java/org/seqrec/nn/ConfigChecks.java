package org.seqrec.nn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.Manifest;

/** Validation and manifest reading shared by the network configs. */
final class ConfigChecks {
    private ConfigChecks() {}

    static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The bounds every network shares: n, D, L and a dropout rate. */
    static void common(int numItems, int dim, int maxLen, float dropout) {
        require(numItems >= 1, "num_items must be >= 1, got " + numItems);
        require(dim >= 1 && dim <= 4096, "dim must be in 1..4096, got " + dim);
        require(maxLen >= 1 && maxLen <= 4096, "max_len must be in 1..4096, got " + maxLen);
        require(dropout >= 0f && dropout < 1f, "dropout must be in [0, 1), got " + dropout);
    }

    /** The bounds of a transformer (SASRec, BERT4Rec): b stacked blocks and H heads that divide D. */
    static void transformer(int dim, int blocks, int heads) {
        require(blocks >= 1 && blocks <= 32, "blocks must be in 1..32, got " + blocks);
        require(heads >= 1 && dim % heads == 0, "heads must be >= 1 and divide dim " + dim + ", got " + heads);
    }

    /**
     * A new, modifiable {@code hyper_parameters} map holding what every network writes first, dim and
     * max_len; the network adds its own after them. The map's order is the manifest's key order.
     */
    static Map<String, Object> commonHyperParameters(NetworkConfig config) {
        return commonHyperParameters(config.dim(), config.maxLen());
    }

    /** As {@link #commonHyperParameters(NetworkConfig)}, for any network of D = dim and L = maxLen. */
    static Map<String, Object> commonHyperParameters(int dim, int maxLen) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dim", dim);
        m.put("max_len", maxLen);
        return m;
    }

    /** An integer hyper-parameter, or {@code fallback} when the manifest does not have it. */
    static int intOr(Manifest m, String name, int fallback) throws ArtifactException {
        return m.hyperParameters().containsKey(name) ? m.intParam(name) : fallback;
    }

    /** A numeric hyper-parameter, or {@code fallback} when the manifest does not have it. */
    static double doubleOr(Manifest m, String name, double fallback) throws ArtifactException {
        return m.hyperParameters().containsKey(name) ? m.doubleParam(name) : fallback;
    }

    /** A true/false hyper-parameter, or {@code fallback} when the manifest does not have it. */
    static boolean booleanOr(Manifest m, String name, boolean fallback) throws ArtifactException {
        Object v = m.hyperParameters().get(name);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        throw new ArtifactException("hyper-parameter '" + name + "' must be true or false, got " + v);
    }

    /** Turns a constructor's {@link IllegalArgumentException} into the artifact reader's exception. */
    static ArtifactException invalid(IllegalArgumentException e) {
        return new ArtifactException("manifest hyper_parameters: " + e.getMessage(), e);
    }
}
