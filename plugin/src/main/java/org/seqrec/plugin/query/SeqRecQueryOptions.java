package org.seqrec.plugin.query;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.clause.ClauseOptions;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.retrieval.ItemRetrieval;

/**
 * The options of one {@code seqrec} query, validated on construction (messages name the field and
 * what it allows), so everything past the parser holds valid values. {@code boost} and
 * {@code _name} are the query builder's, as for every OpenSearch query.
 *
 * @param common the model, the keyword field holding each document's item id, and the history
 * @param k how many items to retrieve, {@value ItemRetrieval#MIN_K}..{@value ItemRetrieval#MAX_K},
 *     default {@value #DEFAULT_K}
 * @param excludeHistory whether the history's own items (given or looked up) are left out, default true
 * @param efSearch the HNSW candidate list of this query's search, 1..{@value ItemRetrieval#MAX_EF_SEARCH},
 *     or 0 (not given) for the node's {@code plugins.seqrec.index.hnsw.ef_search}; exact searches ignore it
 */
public record SeqRecQueryOptions(CommonClauseOptions common, int k, boolean excludeHistory, int efSearch)
        implements ClauseOptions {
    public static final int DEFAULT_K = 100;
    public static final boolean DEFAULT_EXCLUDE_HISTORY = true;

    public SeqRecQueryOptions {
        Objects.requireNonNull(common, "common");
        ItemRetrieval.checkK(k);
        ItemRetrieval.checkEfSearch(efSearch);
    }

    /** Options without an {@code ef_search}. */
    public SeqRecQueryOptions(CommonClauseOptions common, int k, boolean excludeHistory) {
        this(common, k, excludeHistory, 0);
    }

    /** See {@link CommonClauseOptions} for the first three. */
    public SeqRecQueryOptions(String modelId, String itemField, HistorySpec history, int k, boolean excludeHistory) {
        this(new CommonClauseOptions(modelId, itemField, history), k, excludeHistory);
    }

    /** Options with the given history and every optional field at its default. */
    public static SeqRecQueryOptions of(String modelId, String itemField, List<String> history) {
        return of(modelId, itemField, HistorySpec.given(history));
    }

    /** Options with every optional field at its default. */
    public static SeqRecQueryOptions of(String modelId, String itemField, HistorySpec history) {
        return new SeqRecQueryOptions(modelId, itemField, history, DEFAULT_K, DEFAULT_EXCLUDE_HISTORY);
    }

    public SeqRecQueryOptions withHistory(HistorySpec history) {
        return new SeqRecQueryOptions(common.withHistory(history), k, excludeHistory, efSearch);
    }

    public SeqRecQueryOptions withK(int newK) {
        return new SeqRecQueryOptions(common, newK, excludeHistory, efSearch);
    }

    public SeqRecQueryOptions withExcludeHistory(boolean exclude) {
        return new SeqRecQueryOptions(common, k, exclude, efSearch);
    }

    /** @param ef 1..{@value ItemRetrieval#MAX_EF_SEARCH}, or 0 for the node's default */
    public SeqRecQueryOptions withEfSearch(int ef) {
        return new SeqRecQueryOptions(common, k, excludeHistory, ef);
    }

    static SeqRecQueryOptions readFrom(StreamInput in) throws IOException {
        return new SeqRecQueryOptions(CommonClauseOptions.readFrom(in), in.readVInt(), in.readBoolean(), in.readVInt());
    }

    void writeTo(StreamOutput out) throws IOException {
        common.writeTo(out);
        out.writeVInt(k);
        out.writeBoolean(excludeHistory);
        out.writeVInt(efSearch);
    }

    /** Writes the fields (not the enclosing object) in DSL form. */
    void toXContentFields(XContentBuilder builder) throws IOException {
        common.toXContentFields(builder);
        builder.field(ClauseFields.K.getPreferredName(), k);
        builder.field(ClauseFields.EXCLUDE_HISTORY.getPreferredName(), excludeHistory);
        if (efSearch != 0) {
            builder.field(ClauseFields.EF_SEARCH.getPreferredName(), efSearch);
        }
    }
}
