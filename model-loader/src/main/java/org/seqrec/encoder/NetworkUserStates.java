package org.seqrec.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.UserStates;
import org.seqrec.nn.HistoryPadding;
import org.seqrec.nn.NetworkConfig;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SequenceNetwork;
import org.seqrec.nn.TimeCodes;

/**
 * User vectors from the artifact's network on DJL's PyTorch engine: histories are left-padded to
 * (B, L) and the network's output at position L - 1 is the user vector (B, D).
 *
 * <p>Owns a base manager holding the network parameters (closed by {@link #close()}); each call works
 * in its own sub-manager, closed before it returns, so no native memory outlives a call.
 */
final class NetworkUserStates implements UserStates {
    private final NDManager manager;
    private final SequenceNetwork network;
    private final String deviceName;

    private NetworkUserStates(NDManager manager, SequenceNetwork network) {
        this.manager = manager;
        this.network = network;
        ai.djl.Device device = manager.getDevice();
        this.deviceName = device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu";
    }

    /**
     * @param config the network's hyper-parameters, read from the artifact's manifest
     * @throws ArtifactException when the network parameters do not fit them
     * @throws IllegalStateException when {@code GPU} is asked for and none is usable
     */
    static NetworkUserStates open(ModelArtifact artifact, NetworkConfig config, DevicePreference device)
            throws ArtifactException {
        NDManager manager = NDManager.newBaseManager(DjlRuntime.resolve(device), "PyTorch");
        try {
            return new NetworkUserStates(manager, Networks.fromArtifact(config, artifact, manager));
        } catch (ArtifactException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public float[][] userVectors(int[][] histories) {
        return userVectors(histories, null);
    }

    @Override
    public boolean readsTimes() {
        return network.readsTimes();
    }

    /** @param timeCodes null for a time-blind network (a time-reading one then fails) */
    @Override
    public float[][] userVectors(int[][] histories, int[][] timeCodes) {
        int len = network.maxLen();
        int batch = histories.length;
        long[] padded = HistoryPadding.leftPad(histories, len);
        try (NDManager call = manager.newSubManager()) {
            NDArray input = call.create(padded, new Shape(batch, len));
            NDArray users = timeCodes != null && network.readsTimes()
                    ? network.userVectors(input, call.create(TimeCodes.leftPad(timeCodes, len), new Shape(batch, len)))
                    : network.userVectors(input);
            float[] flat = users.toFloatArray();
            int dim = flat.length / batch;
            float[][] out = new float[batch][dim];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(flat, b * dim, out[b], 0, dim);
            }
            return out;
        }
    }

    @Override
    public int maxLen() {
        return network.maxLen();
    }

    @Override
    public String deviceName() {
        return deviceName;
    }

    @Override
    public boolean runsInJava() {
        return false;
    }

    @Override
    public void close() {
        manager.close();
    }
}
