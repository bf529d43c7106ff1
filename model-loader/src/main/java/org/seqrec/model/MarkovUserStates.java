package org.seqrec.model;

import org.seqrec.artifact.ArtifactException;
import org.seqrec.artifact.CountModels;
import org.seqrec.artifact.ModelArtifact;
import org.seqrec.artifact.TransitionCounts;

/**
 * The first-order Markov chain baseline ({@link CountingType.Counts#TRANSITIONS}). With i the last item of the
 * history, the user vector (D = n + 1) is the whole score row
 * {@code u[j] = count(i -> j) / out(i) + epsilon * pop(j)}, where out(i) is the sum of i's
 * transition counts and pop(j) = count(j) / max count is the popularity in [0, 1]. Since the item
 * embeddings are the identity, u . E[j] = u[j]. Transitions never seen, items without successors
 * and empty histories fall back to popularity order (epsilon * pop); as epsilon &lt;= 1e-3 and
 * pop &lt;= 1, any seen transition (probability &gt;= 1 / out(i)) outranks every unseen one while
 * out(i) &lt; 1 / epsilon. u[0] (padding) is 0.
 *
 * <p>Each call allocates n + 1 floats per history on the heap. Immutable; thread-safe; holds no
 * native memory.
 */
final class MarkovUserStates extends HeapUserStates {
    private final TransitionCounts counts;
    /** epsilon * pop(j), the vector every history starts from. */
    private final float[] fallback;
    /** 1 / out(i), or 0 for items without transitions. */
    private final float[] inverseOut;

    private MarkovUserStates(TransitionCounts counts, double epsilon, int maxLen) {
        super(maxLen);
        this.counts = counts;
        int rows = counts.numItems() + 1;
        float max = 0f;
        for (float p : counts.popularity()) {
            max = Math.max(max, p);
        }
        fallback = new float[rows];
        if (max > 0f) {
            for (int j = 1; j < rows; j++) {
                fallback[j] = (float) (epsilon * counts.popularity()[j] / max);
            }
        }
        inverseOut = new float[rows];
        for (int i = 1; i < rows; i++) {
            double out = 0;
            for (int k = counts.indptr()[i]; k < counts.indptr()[i + 1]; k++) {
                out += counts.counts()[k];
            }
            inverseOut[i] = out > 0 ? (float) (1.0 / out) : 0f;
        }
    }

    /** @throws ArtifactException when the transition counts or epsilon are invalid */
    static MarkovUserStates of(ModelArtifact artifact) throws ArtifactException {
        TransitionCounts counts = TransitionCounts.fromParameters(
                artifact.parameters(), artifact.manifest().numItems());
        return new MarkovUserStates(
                counts,
                CountModels.epsilon(artifact.manifest()),
                artifact.manifest().maxSeqLen());
    }

    /** u = epsilon * pop plus the transition row of the last item, (D = n + 1). */
    @Override
    float[] userVector(int[] history) {
        float[] u = fallback.clone();
        if (history.length == 0) {
            return u;
        }
        int last = history[history.length - 1];
        int[] indptr = counts.indptr();
        for (int k = indptr[last]; k < indptr[last + 1]; k++) {
            u[counts.items()[k]] += counts.counts()[k] * inverseOut[last];
        }
        return u;
    }
}
