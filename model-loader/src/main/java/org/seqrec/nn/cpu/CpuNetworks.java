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
        return of(config, parameters, MatMulKernel.DEFAULT);
    }

    /** {@link #of(NetworkConfig, Map)} multiplying with {@code kernel} (tests compare both kernels). */
    static CpuSequenceNetwork of(NetworkConfig config, Map<String, FloatTensor> parameters, MatMulKernel kernel) {
        return switch (config) {
            case SasRecConfig c -> CpuSasRec.of(c, parameters, kernel);
            case Gru4RecConfig c -> CpuGru4Rec.of(c, parameters, kernel);
            case CaserConfig c -> CpuCaser.of(c, parameters, kernel);
            case Bert4RecConfig c -> CpuBert4Rec.of(c, parameters, kernel);
            default -> throw new IllegalArgumentException("no CPU forward pass for model type '" + config.modelType() + "'");
        };
    }

    /**
     * Which matrix kernel this JVM's CPU networks use, for logs and stats: {@code Vector API (512-bit)}
     * (the width of the machine's preferred vectors) when the JVM reads {@code jdk.incubator.vector} (a
     * stock OpenSearch node does), else {@code portable (C2 auto-vectorised)}.
     */
    public static String kernelDescription() {
        return MatMulKernel.DEFAULT.description();
    }
}
