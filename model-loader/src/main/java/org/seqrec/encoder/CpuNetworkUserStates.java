package org.seqrec.encoder;

import java.time.Duration;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.NetworkType;
import org.seqrec.model.UserStates;
import org.seqrec.nn.cpu.CpuNetworks;
import org.seqrec.nn.cpu.CpuSequenceNetwork;

/**
 * User vectors from the artifact's network computed in plain Java on the CPU ({@link
 * CpuSequenceNetwork}), equal to the DJL network within float rounding. Heap memory only (shared
 * with the artifact): nothing to close. Thread-safe.
 */
final class CpuNetworkUserStates implements UserStates {
    /** Encodes run when the model opens, so that the JIT has compiled the forward pass before requests come. */
    private static final int WARM_UP_CALLS = 2_000;

    private static final Duration WARM_UP_BUDGET = Duration.ofSeconds(2);

    private final CpuSequenceNetwork network;

    private CpuNetworkUserStates(CpuSequenceNetwork network) {
        this.network = network;
    }

    /** @throws ArtifactException when the network parameters do not fit the manifest */
    static CpuNetworkUserStates open(ModelArtifact artifact, NetworkType type) throws ArtifactException {
        CpuSequenceNetwork network = type.cpuNetwork(artifact);
        CpuNetworks.warmUp(network, WARM_UP_CALLS, WARM_UP_BUDGET);
        return new CpuNetworkUserStates(network);
    }

    @Override
    public float[][] userVectors(int[][] histories) {
        return network.userVectors(histories);
    }

    @Override
    public boolean readsTimes() {
        return network.readsTimes();
    }

    @Override
    public float[][] userVectors(int[][] histories, int[][] timeCodes) {
        return network.userVectors(histories, timeCodes);
    }

    @Override
    public int maxLen() {
        return network.maxLen();
    }

    @Override
    public String deviceName() {
        return "cpu";
    }

    @Override
    public void close() {}
}
