package org.seqrec.plugin.retrieval;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.opensearch.common.CheckedSupplier;
import org.opensearch.core.action.ActionListener;
import org.seqrec.artifact.ItemVocabulary;
import org.seqrec.index.HnswParams;
import org.seqrec.index.ItemIndex;
import org.seqrec.index.ScoredItem;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.history.TimedHistory;
import org.seqrec.plugin.model.EncodedHistory;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.model.ModelClosedException;

/**
 * Candidate retrieval shared by the {@code seqrec} query and the {@code _recommend} action: the k
 * items whose embeddings have the largest inner product with the user vector u (D), best first,
 * searched in the model's {@link ItemIndex}: exactly for catalogues up to
 * {@code plugins.seqrec.index.exact_max_items} items (and for markov's identity embeddings), else in
 * an HNSW graph once it is built, so approximately (see {@link LoadedModel#search}). History items are
 * excluded inside that one search. Never waits for a graph build (the exact scan answers meanwhile).
 *
 * <p>Stateless. Searches are CPU work: call it on the {@code seqrec_inference} pool, never on a
 * network thread.
 */
public final class ItemRetrieval {
    public static final int MIN_K = 1;
    /** Documented limit of the query's and {@code _recommend}'s {@code k}; a larger k would also approach Lucene's clause limits. */
    public static final int MAX_K = 1000;

    /** Bound of a request's {@code ef_search}. */
    public static final int MAX_EF_SEARCH = HnswParams.MAX_EF;

    private ItemRetrieval() {}

    /**
     * A request's {@code ef_search}: 0 (not given: the node's {@code plugins.seqrec.index.hnsw.ef_search})
     * or 1..{@value #MAX_EF_SEARCH}.
     *
     * @throws IllegalArgumentException otherwise
     */
    public static void checkEfSearch(int efSearch) {
        if (efSearch < 0 || efSearch > MAX_EF_SEARCH) {
            throw new IllegalArgumentException(
                    "[ef_search] must be between 1 and " + MAX_EF_SEARCH + ", got [" + efSearch + "]");
        }
    }

    /** @throws IllegalArgumentException unless {@code MIN_K <= k <= MAX_K} */
    public static void checkK(int k) {
        if (k < MIN_K || k > MAX_K) {
            throw new IllegalArgumentException("[k] must be between " + MIN_K + " and " + MAX_K + ", got [" + k + "]");
        }
    }

    /**
     * Encodes {@code history} (cached, batched: {@link SeqRecServices#encodePinnedAsync}) and searches
     * the model's index on the {@code seqrec_inference} pool, then answers {@code listener} there.
     * Failures (unknown model: 404, invalid artifact: 400, queue or pool full: 429) go to
     * {@code listener.onFailure}.
     */
    public static void retrieveAsync(
            SeqRecServices services,
            String modelId,
            List<String> history,
            int k,
            boolean excludeHistory,
            ActionListener<List<RecommendedItem>> listener) {
        retrieveAsync(services, modelId, history, k, excludeHistory, 0, listener);
    }

    /**
     * {@link #retrieveAsync(SeqRecServices, String, List, int, boolean, ActionListener)} with this
     * request's efSearch (0: the node's default).
     */
    public static void retrieveAsync(
            SeqRecServices services,
            String modelId,
            List<String> history,
            int k,
            boolean excludeHistory,
            int efSearch,
            ActionListener<List<RecommendedItem>> listener) {
        retrieveAsync(services, modelId, TimedHistory.untimed(history), k, excludeHistory, efSearch, listener);
    }

    /** {@link #retrieveAsync(SeqRecServices, String, List, int, boolean, int, ActionListener)} with event times. */
    public static void retrieveAsync(
            SeqRecServices services,
            String modelId,
            TimedHistory timed,
            int k,
            boolean excludeHistory,
            int efSearch,
            ActionListener<List<RecommendedItem>> listener) {
        List<String> history = timed.items();
        // An answer from a batch comes on the inference pool: search right there. One given while
        // encodePinnedAsync has not returned yet (encoded on the caller's thread, or a cached vector)
        // is on the caller's thread, which can be a network thread: search there only when the model
        // is loaded and its search costs about an encode (LoadedModel#searchesCheaply), else hop to
        // the pool.
        AtomicBoolean calling = new AtomicBoolean(true);
        services.encodePinnedAsync(
                modelId,
                timed,
                ActionListener.wrap(
                        encoded -> {
                            CheckedSupplier<List<RecommendedItem>, Exception> search = () -> services.withModel(
                                    encoded.ref(),
                                    model -> topItems(
                                            model, encoded.userVector(), history, k, excludeHistory, efSearch));
                            if (calling.get() == false) {
                                ActionListener.completeWith(listener, search);
                                return;
                            }
                            List<RecommendedItem> here =
                                    searchHereIfCheap(services, encoded, history, k, excludeHistory, efSearch);
                            if (here != null) {
                                listener.onResponse(here);
                            } else {
                                services.onInferencePool(listener, search);
                            }
                        },
                        listener::onFailure));
        calling.set(false);
    }

    /**
     * The items, searched on this thread, when the encoded version is loaded and cheap to search
     * ({@link LoadedModel#searchesCheaply}); {@code null} otherwise, and when the model closes meanwhile
     * (loading it again may read the store, which a network thread must not wait for). A failure of
     * the search itself (a bad k) is thrown.
     */
    private static List<RecommendedItem> searchHereIfCheap(
            SeqRecServices services,
            EncodedHistory encoded,
            List<String> history,
            int k,
            boolean excludeHistory,
            int efSearch) {
        LoadedModel loaded = services.models().loadedNow(encoded.ref());
        if (loaded == null || loaded.searchesCheaply() == false) {
            return null;
        }
        try {
            return topItems(loaded, encoded.userVector(), history, k, excludeHistory, efSearch);
        } catch (ModelClosedException e) {
            return null;
        }
    }

    /** {@link #retrieveAsync} on the calling thread (blocks: never on a network thread). */
    public static List<RecommendedItem> retrieve(
            SeqRecServices services, String modelId, List<String> history, int k, boolean excludeHistory) {
        return retrieve(services, modelId, history, k, excludeHistory, 0);
    }

    /** {@link #retrieve(SeqRecServices, String, List, int, boolean)} with this request's efSearch (0: the default). */
    public static List<RecommendedItem> retrieve(
            SeqRecServices services,
            String modelId,
            List<String> history,
            int k,
            boolean excludeHistory,
            int efSearch) {
        return retrieve(services, modelId, TimedHistory.untimed(history), k, excludeHistory, efSearch);
    }

    /** {@link #retrieve(SeqRecServices, String, List, int, boolean, int)} with event times. */
    public static List<RecommendedItem> retrieve(
            SeqRecServices services, String modelId, TimedHistory timed, int k, boolean excludeHistory, int efSearch) {
        List<String> history = timed.items();
        EncodedHistory encoded = services.encode(services.models().resolve(modelId), timed);
        return services.withModel(
                encoded.ref(), model -> topItems(model, encoded.userVector(), history, k, excludeHistory, efSearch));
    }

    /**
     * @param model the loaded model (owns the index)
     * @param userVector u, D floats, as {@link LoadedModel#encode} returns it
     * @param history the user's item ids (only used when {@code excludeHistory})
     * @param k how many items, at least 1; fewer come back when the model knows fewer
     * @param excludeHistory whether the items of {@code history} are left out
     * @return up to k items, best first, scored by the raw inner product
     */
    public static List<RecommendedItem> topItems(
            LoadedModel model, float[] userVector, List<String> history, int k, boolean excludeHistory) {
        return topItems(model, userVector, history, k, excludeHistory, 0);
    }

    /**
     * {@link #topItems(LoadedModel, float[], List, int, boolean)} with an efSearch for an HNSW search
     * (0: {@code plugins.seqrec.index.hnsw.ef_search}); the history's rows are left out inside the one
     * search.
     */
    public static List<RecommendedItem> topItems(
            LoadedModel model, float[] userVector, List<String> history, int k, boolean excludeHistory, int efSearch) {
        ItemVocabulary vocabulary = model.vocabulary();
        BitSet excluded = excludeHistory ? historyRows(vocabulary, history) : null;
        List<ScoredItem> hits = model.search(userVector, k, excluded, efSearch);
        List<RecommendedItem> items = new ArrayList<>(hits.size());
        for (ScoredItem hit : hits) {
            items.add(new RecommendedItem(vocabulary.idOf(hit.row()), hit.score()));
        }
        return items;
    }

    /** The rows of the history items the model knows, or {@code null} when there are none. */
    private static BitSet historyRows(ItemVocabulary vocabulary, List<String> history) {
        BitSet rows = new BitSet();
        for (String id : history) {
            int row = vocabulary.rowOf(id);
            if (row > 0) {
                rows.set(row);
            }
        }
        return rows.isEmpty() ? null : rows;
    }
}
