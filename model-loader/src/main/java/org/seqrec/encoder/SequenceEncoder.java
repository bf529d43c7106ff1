package org.seqrec.encoder;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.nn.HistoryPadding;
import org.seqrec.nn.Networks;
import org.seqrec.nn.SequenceNetwork;

/**
 * Turns histories (external item ids, oldest first) into user vectors with the artifact's network
 * on DJL's PyTorch engine. The model's logit for an item is then
 * {@code artifact.itemEmbeddings().dot(userVector, row)}.
 *
 * <p>Histories longer than the network's L keep their most recent L items; ids the model does not
 * know are skipped; an empty history is allowed (the vector then reflects no evidence).
 *
 * <p>Thread-safe: each call works in its own sub-manager, closed before the call returns, so no
 * native memory outlives a call. The encoder owns the network parameters; {@link #close()} frees
 * them, after which calls fail.
 */
public final class SequenceEncoder implements AutoCloseable {
    private final ItemVocabulary vocabulary;
    private final NDManager manager;
    private final SequenceNetwork network;
    private final String deviceName;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SequenceEncoder(ItemVocabulary vocabulary, NDManager manager, SequenceNetwork network) {
        this.vocabulary = vocabulary;
        this.manager = manager;
        this.network = network;
        ai.djl.Device device = manager.getDevice();
        this.deviceName = device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu";
    }

    /**
     * Loads the artifact's network onto {@code device}.
     *
     * @throws ArtifactException when the network parameters do not fit the manifest
     * @throws IllegalStateException when {@code GPU} is asked for and none is usable
     */
    public static SequenceEncoder open(ModelArtifact artifact, Device device) throws ArtifactException {
        NDManager manager = NDManager.newBaseManager(DjlRuntime.resolve(device), "PyTorch");
        try {
            return new SequenceEncoder(artifact.vocabulary(), manager, Networks.fromArtifact(artifact, manager));
        } catch (ArtifactException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /** The user vector (D) for one history. */
    public float[] encode(List<String> history) {
        return encodeBatch(List.of(history))[0];
    }

    /** User vectors (B x D) for many histories, in one forward pass. */
    public float[][] encodeBatch(List<List<String>> histories) {
        int[][] rows = new int[histories.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = histories.get(i).stream().mapToInt(vocabulary::rowOf).filter(r -> r > 0).toArray();
        }
        return encodeRows(rows);
    }

    /**
     * User vectors for histories already given as item rows (1..numItems), oldest first.
     *
     * @throws IllegalArgumentException for a row outside 1..numItems
     */
    public float[][] encodeRows(int[][] histories) {
        if (closed.get()) {
            throw new IllegalStateException("encoder is closed");
        }
        int len = network.maxLen();
        int batch = histories.length;
        if (batch == 0) {
            return new float[0][];
        }
        for (int[] h : histories) {
            for (int row : h) {
                if (row < 1 || row > vocabulary.size()) {
                    throw new IllegalArgumentException("item row " + row + " outside 1.." + vocabulary.size());
                }
            }
        }
        long[] padded = HistoryPadding.leftPad(histories, len);
        try (NDManager call = manager.newSubManager()) {
            NDArray input = call.create(padded, new Shape(batch, len));
            float[] flat = network.userVectors(input).toFloatArray();
            int dim = flat.length / batch;
            float[][] out = new float[batch][dim];
            for (int b = 0; b < batch; b++) {
                System.arraycopy(flat, b * dim, out[b], 0, dim);
            }
            return out;
        }
    }

    /** L, the number of most recent items the network reads. */
    public int maxLen() {
        return network.maxLen();
    }

    /** Where inference runs: {@code cpu} or {@code gpu(N)}. */
    public String deviceName() {
        return deviceName;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            manager.close();
        }
    }
}
