package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.List;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.model.ModelIds;
import org.seqrec.plugin.retrieval.ItemRetrieval;

/**
 * A {@code _recommend} request: the k items a model ranks highest after a history, given
 * ({@code history}) or looked up by user ({@code user_id} + {@code events}, see {@link HistorySpec}).
 * Its values are checked on construction (400 naming the field); the history length limit (and the
 * events' {@code size}) is a node setting, checked by the transport action.
 *
 * <p>Immutable.
 */
public final class RecommendRequest extends ActionRequest {
    public static final int DEFAULT_K = 10;

    private final String modelId;
    private final HistorySpec history;
    private final int k;
    private final boolean excludeHistory;
    /** 0: the node's default. */
    private final int efSearch;

    /**
     * @param modelId {@code [a-z0-9][a-z0-9_.-]{0,99}}
     * @param history item ids, oldest first (may be empty)
     * @param k 1..{@value ItemRetrieval#MAX_K}
     * @param excludeHistory whether the history's own items are left out
     * @throws IllegalArgumentException naming the bad field
     */
    public RecommendRequest(String modelId, List<String> history, int k, boolean excludeHistory) {
        this(modelId, new HistorySpec.Given(history), k, excludeHistory, 0);
    }

    /**
     * @param efSearch the HNSW candidate list of this search, 1..{@value ItemRetrieval#MAX_EF_SEARCH},
     *     or 0 for the node's {@code plugins.seqrec.index.hnsw.ef_search}
     * @see #RecommendRequest(String, List, int, boolean)
     */
    public RecommendRequest(String modelId, List<String> history, int k, boolean excludeHistory, int efSearch) {
        this(modelId, new HistorySpec.Given(history), k, excludeHistory, efSearch);
    }

    /** {@link #RecommendRequest(String, HistorySpec, int, boolean, int)} with the node's ef_search. */
    public RecommendRequest(String modelId, HistorySpec history, int k, boolean excludeHistory) {
        this(modelId, history, k, excludeHistory, 0);
    }

    /**
     * @param history given item ids, or a user whose events are looked up by the transport action
     * @param efSearch as in {@link #RecommendRequest(String, List, int, boolean, int)}
     * @see #RecommendRequest(String, List, int, boolean)
     */
    public RecommendRequest(String modelId, HistorySpec history, int k, boolean excludeHistory, int efSearch) {
        ModelIds.validate(modelId);
        ItemRetrieval.checkK(k);
        ItemRetrieval.checkEfSearch(efSearch);
        if (history == null) {
            throw new IllegalArgumentException(
                    "[history] is required: the user's recent item ids, oldest first, or [user_id] with [events]");
        }
        this.modelId = modelId;
        this.history = history;
        this.k = k;
        this.excludeHistory = excludeHistory;
        this.efSearch = efSearch;
    }

    /** Reads what {@link #writeTo} writes, in that order, checking the values again. */
    public RecommendRequest(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readString();
        this.history = HistorySpec.readFrom(in);
        this.k = in.readVInt();
        this.excludeHistory = in.readBoolean();
        this.efSearch = in.readVInt();
        ModelIds.validate(modelId);
        ItemRetrieval.checkK(k);
        ItemRetrieval.checkEfSearch(efSearch);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(modelId);
        history.writeTo(out);
        out.writeVInt(k);
        out.writeBoolean(excludeHistory);
        out.writeVInt(efSearch);
    }

    /** Always valid: the constructor rejects bad values. */
    @Override
    public ActionRequestValidationException validate() {
        return null;
    }

    public String modelId() {
        return modelId;
    }

    /** Where the history comes from: given, or the user's events. */
    public HistorySpec history() {
        return history;
    }

    public int k() {
        return k;
    }

    public boolean excludeHistory() {
        return excludeHistory;
    }

    /** This request's efSearch, or 0 for the node's default. */
    public int efSearch() {
        return efSearch;
    }
}
