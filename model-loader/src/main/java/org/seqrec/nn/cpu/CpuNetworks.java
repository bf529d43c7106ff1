package org.seqrec.nn.cpu;

import java.util.LinkedHashMap;
import java.util.Map;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.FloatTensor;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.Bert4RecConfig;
import org.seqrec.nn.CaserConfig;
import org.seqrec.nn.Gru4RecConfig;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SasRecConfig;

/** Builds the {@link CpuSequenceNetwork} of an artifact or of a config and its parameters. */
public final class CpuNetworks {
    private CpuNetworks() {}

    /**
     * The CPU forward pass of the artifact's network. Reads the manifest's hyper-parameters, the
     * network parameters and the item embedding matrix (shared with the artifact, not copied).
     *
     * @throws ArtifactException for an unknown model type, or parameters missing, extra, non-finite or
     *     of the wrong shape for the hyper-parameters
     */
    public static CpuSequenceNetwork fromArtifact(ModelArtifact artifact) throws ArtifactException {
        NetworkConfig config = Networks.configFromManifest(artifact.manifest());
        Map<String, FloatTensor> parameters = new LinkedHashMap<>(artifact.parameters());
        parameters.put(Networks.ITEM_EMBEDDING, artifact.itemEmbeddings().asTensor());
        try {
            return of(config, parameters);
        } catch (IllegalArgumentException e) {
            throw new ArtifactException(e.getMessage(), e);
        }
    }

    /**
     * @param parameters every parameter by the name the DJL network gives it,
     *     {@link Networks#ITEM_EMBEDDING} included; arrays are shared, so they must not change
     * @throws IllegalArgumentException for a parameter missing, extra, misshapen or non-finite, or a
     *     config type without a CPU forward pass
     */
    public static CpuSequenceNetwork of(NetworkConfig config, Map<String, FloatTensor> parameters) {
        return switch (config) {
            case SasRecConfig c -> CpuSasRec.of(c, parameters);
            case Gru4RecConfig c -> CpuGru4Rec.of(c, parameters);
            case CaserConfig c -> CpuCaser.of(c, parameters);
            case Bert4RecConfig c -> CpuBert4Rec.of(c, parameters);
            default -> throw new IllegalArgumentException("no CPU forward pass for model type '" + config.modelType() + "'");
        };
    }
}
