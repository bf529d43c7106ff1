package org.seqrec.nn;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A ranking model that looks at the candidate while it reads the history (DIN's target attention):
 * it gives a logit for each (history, candidate) pair instead of a user vector, so it reranks a
 * retrieval model's candidates rather than retrieving them.
 *
 * <p>Tensor contract: {@code rows} is (B, L) int64 of item rows, left-padded with 0 as for
 * {@link SequenceNetwork}. {@link #logits} scores N queries: query n reads the history of row
 * {@code positions[n] / L} up to and including position {@code positions[n] % L} (causal, as the
 * next-item networks train on every position) and gives the logits of its K candidates,
 * {@code candidates} (N, K) int64 item rows. {@link #lastLogits} is the serving case: each row's
 * whole history and (B, K) candidates, in inference mode.
 *
 * <p>Arrays returned belong to the manager of {@code rows}; parameters belong to the manager the
 * network was created with, which the caller owns and closes.
 */
public interface RankingNetwork {
    /** The hyper-parameters the network was built with. */
    RankingConfig config();

    /**
     * (N, K) logits of the queries' candidates.
     *
     * @param positions (N) int64 flat positions {@code b * L + t} into {@code rows}
     * @param candidates (N, K) int64 item rows 1..n
     * @param training turns dropout on
     */
    NDArray logits(NDArray rows, NDArray positions, NDArray candidates, boolean training);

    /**
     * The logits of {@link #logits} and, for a network with user vectors inside (BST's SASRec, DIEN's
     * interest extractor), those vectors at the same queries, (N, D), from the same pass (same
     * dropout), and the item table (n + 1, D) they score against in that pass (E, or E' with item
     * features), so that training can train them on the next item too; nulls for the others (DIN).
     *
     * @return {logits, user vectors or null, item table or null}
     */
    default NDArray[] logitsAndUserVectors(NDArray rows, NDArray positions, NDArray candidates, boolean training) {
        return new NDArray[] {logits(rows, positions, candidates, training), null, null};
    }

    /** (B, K) logits of candidates (B, K) after each row's whole history, in inference mode. */
    default NDArray lastLogits(NDArray rows, NDArray candidates) {
        long batch = rows.getShape().get(0);
        long len = rows.getShape().get(1);
        long[] last = new long[Math.toIntExact(batch)];
        for (int b = 0; b < last.length; b++) {
            last[b] = b * len + len - 1;
        }
        return logits(rows, rows.getManager().create(last), candidates, false);
    }

    /** E, (n + 1, D): the item embedding matrix (row 0 pads), stored as item_embeddings.npy. */
    NDArray itemEmbeddings();

    /** Every trainable parameter by name, E included (as {@link Networks#ITEM_EMBEDDING}). */
    Map<String, NDArray> parameters();
}
