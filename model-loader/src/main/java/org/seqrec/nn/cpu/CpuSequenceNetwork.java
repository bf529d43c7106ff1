package org.seqrec.nn.cpu;

import org.seqrec.nn.NetworkConfig;

/**
 * A sequence network's inference in plain Java on the CPU: the user vector that
 * {@code SequenceNetwork.userVectors} computes for a left-padded history, without DJL, native memory
 * or engine calls. Built by {@link CpuNetworks} from an artifact, or from a config and its parameter
 * tensors; equal to the DJL network within float rounding (the tests bound it by 1e-5).
 *
 * <p>Shapes: B histories in, (B, D) user vectors out; the model's logit for item row i is
 * {@code u . E[i]}, E the artifact's item embeddings. A history is item rows in 1..n, oldest first,
 * of any length: the network reads its latest L items (BERT4Rec L - 1, the mask token takes the last
 * position), exactly as {@code HistoryPadding.leftPad} lays it out for DJL; an empty one is allowed.
 *
 * <p>Thread-safe: implementations are immutable (their arrays are shared with the parameter tensors,
 * which must not change) but for a small pool of scratch memory, one per processor at most, that each
 * call takes for itself and hands back. Holds heap memory only; nothing to close.
 */
public interface CpuSequenceNetwork {
    /** The hyper-parameters the network was built with. */
    NetworkConfig config();

    /** L, the history length the network reads. */
    default int maxLen() {
        return config().maxLen();
    }

    /** D, the size of the user vectors. */
    default int dim() {
        return config().dim();
    }

    /**
     * The user vector (D) of one history, a new array.
     *
     * @throws IllegalArgumentException for an item row outside 1..n
     */
    default float[] userVector(int[] history) {
        return userVectors(new int[][] {history})[0];
    }

    /**
     * The user vectors (B, D) of a batch of histories, one new array each, computed one after the
     * other in one scratch memory: a batch costs B times one history, as there is no per-call
     * overhead to share.
     *
     * @throws IllegalArgumentException for an item row outside 1..n
     */
    float[][] userVectors(int[][] histories);

    /** Whether the network reads event times ({@code org.seqrec.nn.TimeCodes}), as its config says. */
    default boolean readsTimes() {
        return config().readsTimes();
    }

    /**
     * The user vectors (B, D) of histories with their time codes ({@code timeCodes[b]} parallel to
     * {@code histories[b]}, one code per item); a time-blind network ignores the codes.
     *
     * @throws IllegalArgumentException for an item row outside 1..n, a code outside the codes, or
     *     codes of another length than their history
     */
    default float[][] userVectors(int[][] histories, int[][] timeCodes) {
        return userVectors(histories);
    }
}
