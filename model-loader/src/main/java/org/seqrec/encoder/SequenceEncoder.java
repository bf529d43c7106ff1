package org.seqrec.encoder;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.model.CountingType;
import org.seqrec.model.ModelTypes;
import org.seqrec.model.NetworkType;
import org.seqrec.model.RankingType;
import org.seqrec.model.UserStates;
import org.seqrec.nn.TimeCodes;

/**
 * Turns histories (external item ids, oldest first) into user vectors with the artifact's model.
 * The model's logit for an item is then {@code artifact.itemEmbeddings().dot(userVector, row)}.
 * The artifact's model type ({@link ModelTypes}) says how: networks run on DJL's PyTorch engine; the
 * counting baselines ({@link CountingType}) are computed in Java on the CPU, without loading the engine.
 *
 * <p>Histories longer than the model's L keep their most recent L items; ids the model does not
 * know are skipped; an empty history is allowed (the vector then reflects no evidence).
 *
 * <p>Thread-safe: for networks each call works in its own sub-manager, closed before the call
 * returns, so no native memory outlives a call. The encoder owns the network parameters;
 * {@link #close()} frees them, after which calls fail.
 */
public final class SequenceEncoder implements AutoCloseable {
    private final ItemVocabulary vocabulary;
    private final UserStates states;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SequenceEncoder(ItemVocabulary vocabulary, UserStates states) {
        this.vocabulary = vocabulary;
        this.states = states;
    }

    /**
     * Loads the artifact's model: a network onto {@code device}, run on the CPU by the plain-Java
     * forward pass ({@link CpuInference#JAVA}); a counting baseline on the CPU whatever {@code device}
     * says.
     *
     * @throws ArtifactException for an unknown model type, or parameters that do not fit the manifest
     * @throws IllegalStateException when {@code GPU} is asked for a network and none is usable
     */
    public static SequenceEncoder open(ModelArtifact artifact, DevicePreference device) throws ArtifactException {
        return open(artifact, device, CpuInference.JAVA);
    }

    /**
     * {@link #open(ModelArtifact, DevicePreference)}, choosing what runs a network on the CPU. A
     * network on a GPU ({@code gpu}, or {@code auto} when DJL sees one) always runs on DJL; {@code cpu}
     * with {@link CpuInference#JAVA} never loads the engine.
     */
    public static SequenceEncoder open(ModelArtifact artifact, DevicePreference device, CpuInference cpu)
            throws ArtifactException {
        UserStates states = switch (ModelTypes.of(artifact.manifest())) {
            case NetworkType network ->
                cpu == CpuInference.JAVA && runsOnCpu(device)
                        ? CpuNetworkUserStates.open(artifact, network)
                        : NetworkUserStates.open(artifact, network.configFromManifest(artifact.manifest()), device);
            case CountingType counting -> counting.userStates(artifact);
            case RankingType ranking ->
                throw new ArtifactException("model type " + ranking.name() + " is a ranking model: it scores given"
                        + " candidates (the seqrec rescorer) and has no user vector");
        };
        return new SequenceEncoder(artifact.vocabulary(), states);
    }

    /** Whether a network opened with {@code device} runs on the CPU ({@code auto} asks DJL for a GPU). */
    static boolean runsOnCpu(DevicePreference device) {
        return switch (device) {
            case CPU -> true;
            case GPU -> false;
            case AUTO -> !DjlRuntime.resolve(DevicePreference.AUTO).isGpu();
        };
    }

    /** The user vector (D) for one history. */
    public float[] encode(List<String> history) {
        return encodeBatch(List.of(history))[0];
    }

    /** User vectors (B x D) for many histories, in one forward pass (networks). */
    public float[][] encodeBatch(List<List<String>> histories) {
        int[][] rows = new int[histories.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = histories.get(i).stream()
                    .mapToInt(vocabulary::rowOf)
                    .filter(r -> r > 0)
                    .toArray();
        }
        return encodeRows(rows);
    }

    /**
     * User vectors for histories already given as item rows (1..numItems), oldest first.
     *
     * @throws IllegalArgumentException for a row outside 1..numItems
     */
    public float[][] encodeRows(int[][] histories) {
        checkOpen();
        if (states.readsTimes()) {
            throw new IllegalArgumentException(
                    "this model reads event times (reads_times): give the histories'" + " time codes");
        }
        int batch = histories.length;
        if (batch == 0) {
            return new float[0][];
        }
        checkRows(histories);
        return states.userVectors(histories);
    }

    private void checkOpen() {
        if (closed.get()) {
            throw new IllegalStateException("encoder is closed");
        }
    }

    private void checkRows(int[][] histories) {
        for (int[] h : histories) {
            for (int row : h) {
                if (row < 1 || row > vocabulary.size()) {
                    throw new IllegalArgumentException("item row " + row + " outside 1.." + vocabulary.size());
                }
            }
        }
    }

    /**
     * User vectors for histories given as item rows with their {@link TimeCodes} (one per row, made by
     * {@link TimeCodes#of} from the times of exactly these events and "now"); a time-blind model
     * ignores the codes.
     *
     * @throws IllegalArgumentException for a row outside 1..numItems, or codes missing, of another
     *     length than their history, or outside the codes
     */
    public float[][] encodeRows(int[][] histories, int[][] timeCodes) {
        if (!states.readsTimes()) {
            return encodeRows(histories);
        }
        if (timeCodes == null || timeCodes.length != histories.length) {
            throw new IllegalArgumentException("this model reads event times: give one time code array per history");
        }
        for (int b = 0; b < histories.length; b++) {
            if (timeCodes[b] == null || timeCodes[b].length != histories[b].length) {
                throw new IllegalArgumentException("history " + b + " has " + histories[b].length + " items but "
                        + (timeCodes[b] == null ? "no" : timeCodes[b].length) + " time codes");
            }
            for (int c : timeCodes[b]) {
                if (c < 0 || c >= TimeCodes.CODES) {
                    throw new IllegalArgumentException("time code " + c + " outside 0.." + (TimeCodes.CODES - 1));
                }
            }
        }
        checkOpen();
        checkRows(histories);
        return histories.length == 0 ? new float[0][] : states.userVectors(histories, timeCodes);
    }

    /** Whether the model reads event times (its manifest's {@code reads_times}). */
    public boolean readsTimes() {
        return states.readsTimes();
    }

    /** L, the number of most recent items the model reads. */
    public int maxLen() {
        return states.maxLen();
    }

    /** Where inference runs: {@code cpu} or {@code gpu(N)}. */
    public String deviceName() {
        return states.deviceName();
    }

    /** Whether this encoder computes in plain Java, no engine involved (see {@link UserStates#runsInJava}). */
    public boolean runsInJava() {
        return states.runsInJava();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            states.close();
        }
    }
}
