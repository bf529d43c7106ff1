package org.seqrec.nn.cpu;

import java.time.Duration;
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
     * Encodes synthetic full-length histories until {@code calls} are done or {@code budget} has passed,
     * so that HotSpot compiles the forward pass before real requests need it: until C2 has compiled
     * them, the kernels run interpreted or in C1 code, up to 100 times slower (the Vector API kernel
     * most of all: interpreted, each vector operation allocates); about 1,000 to 3,000 encodes of one
     * model type compile them for the whole JVM (docs/benchmarks.md, "Encode microbenchmark"). Call it
     * once when a model loads, off the search threads.
     *
     * @return the encodes done
     */
    public static int warmUp(CpuSequenceNetwork network, int calls, Duration budget) {
        int len = network.maxLen();
        int items = network.config().numItems();
        int[] history = new int[len];
        for (int i = 0; i < len; i++) {
            history[i] = 1 + i % items;
        }
        long end = System.nanoTime() + budget.toNanos();
        int done = 0;
        while (done < calls && System.nanoTime() < end) {
            // vary the last item, so that no value is ever constant to the compiler
            history[len - 1] = 1 + done % items;
            network.userVector(history);
            done++;
        }
        return done;
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
