package org.seqrec.encoder;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.concurrent.atomic.AtomicBoolean;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.ModelTypes;
import org.seqrec.model.RankingType;
import org.seqrec.nn.HistoryPadding;
import org.seqrec.nn.Networks;
import org.seqrec.nn.RankingNetwork;
import org.seqrec.nn.cpu.CpuRankingNetwork;

/**
 * Scores candidates with a ranking model (DIN, DIEN, BST) and a history, both as item rows: what a
 * {@code seqrec} rescore with a ranking model runs on each shard, one call per window. Where, as
 * {@link SequenceEncoder} decides for a retrieval network: on the CPU the plain-Java pass
 * ({@link CpuInference#JAVA}, no engine loaded) or the DJL network ({@link CpuInference#DJL}); on a
 * GPU ({@code gpu}, or {@code auto} when DJL sees one) always the DJL network, one (1, L) history
 * and (1, K) candidates per call.
 *
 * <p>Thread-safe. The DJL path owns a base manager holding the parameters (closed by
 * {@link #close()}, which the caller must not run during a call); each call works in its own
 * sub-manager, closed before it returns.
 */
public final class RankingScorer implements AutoCloseable {
    private final int numItems;
    private final CpuRankingNetwork java;
    private final NDManager manager;
    private final RankingNetwork network;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RankingScorer(int numItems, CpuRankingNetwork java, NDManager manager, RankingNetwork network) {
        this.numItems = numItems;
        this.java = java;
        this.manager = manager;
        this.network = network;
    }

    /**
     * Loads the artifact's ranking network for {@code device} and {@code cpu}.
     *
     * @throws ArtifactException when the artifact is not a ranking model, or its parameters do not fit
     * @throws IllegalStateException when {@code GPU} is asked for and none is usable
     */
    public static RankingScorer open(ModelArtifact artifact, DevicePreference device, CpuInference cpu)
            throws ArtifactException {
        if (!(ModelTypes.find(artifact.manifest().modelType()).orElse(null) instanceof RankingType type)) {
            throw new ArtifactException("model type " + artifact.manifest().modelType() + " is not a ranking model ("
                    + String.join(", ", ModelTypes.names(ModelTypes.ranking())) + ")");
        }
        int numItems = artifact.manifest().numItems();
        if (cpu == CpuInference.JAVA && SequenceEncoder.runsOnCpu(device)) {
            return new RankingScorer(numItems, type.cpuNetwork(artifact), null, null);
        }
        NDManager manager = NDManager.newBaseManager(DjlRuntime.resolve(device), "PyTorch");
        try {
            RankingNetwork network =
                    Networks.fromArtifact(type.configFromManifest(artifact.manifest()), artifact, manager);
            return new RankingScorer(numItems, null, manager, network);
        } catch (ArtifactException | RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * The model's logits of {@code candidates} (item rows 1..n) after {@code history} (item rows,
     * oldest first; only the latest L are read), in the candidates' order.
     *
     * @throws IllegalArgumentException for a row outside 1..n
     * @throws IllegalStateException once the DJL network was closed (the plain-Java pass, heap
     *     arrays only, keeps scoring)
     */
    public float[] scores(int[] history, int[] candidates) {
        if (java != null) {
            return java.scores(history, candidates);
        }
        if (closed.get()) {
            throw new IllegalStateException("ranking scorer is closed");
        }
        checkRows(history, "history");
        checkRows(candidates, "candidate");
        if (candidates.length == 0) {
            return new float[0];
        }
        int len = network.config().maxLen();
        long[] rows = new long[candidates.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = candidates[i];
        }
        try (NDManager call = manager.newSubManager()) {
            NDArray input = call.create(HistoryPadding.leftPad(new int[][] {history}, len), new Shape(1, len));
            return network.lastLogits(input, call.create(rows, new Shape(1, rows.length)))
                    .toFloatArray();
        }
    }

    /** Where the network runs: {@code cpu} or {@code gpu(i)}. */
    public String deviceName() {
        if (java != null) {
            return "cpu";
        }
        Device device = manager.getDevice();
        return device.isGpu() ? "gpu(" + device.getDeviceId() + ")" : "cpu";
    }

    /** Whether the plain-Java pass scores, no engine involved. */
    public boolean runsInJava() {
        return java != null;
    }

    private void checkRows(int[] rows, String what) {
        for (int row : rows) {
            if (row < 1 || row > numItems) {
                throw new IllegalArgumentException(what + " item row " + row + " outside 1.." + numItems);
            }
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true) && manager != null) {
            manager.close();
        }
    }
}
