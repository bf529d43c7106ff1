package org.seqrec.plugin.query;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.ConstantScoreQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.clause.ClauseRewrite;
import org.seqrec.plugin.clause.ClauseState;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.clause.ItemField;
import org.seqrec.plugin.history.TimedHistory;
import org.seqrec.plugin.retrieval.ItemRetrieval;
import org.seqrec.plugin.retrieval.RecommendedItem;

/**
 * The {@code seqrec} query: matches the documents of the k items nearest to the user's encoded
 * history in the model's item index (maximum inner product), each scored by that similarity. See
 * docs/query.md for the DSL; {@code org.seqrec.plugin.parse.SeqRecQueryParser} parses it.
 *
 * <p>Retrieval runs once per request ({@link ClauseRewrite}): the coordinating node's
 * {@link #doRewrite} looks the user's events up when the query names a {@code user_id}, then loads
 * the model, encodes the history and searches the index on the {@code seqrec_inference} pool, and
 * the rewritten builder carries the k items and their inner products to the shards over the wire. A
 * shard that gets a builder without items retrieves them itself from a given history; it cannot
 * look a user up. On the shard, {@link #doToQuery} checks that {@code item_field} is a mapped
 * keyword field and builds one {@link ItemScoresQuery} (once per request and mapping: the request's
 * other shards on the node and its fetch phase reuse it): each retrieved id's term is sought once per
 * segment and its documents scored by {@link InnerProductScores#toLuceneScore} of its inner
 * product; a document holding several retrieved ids gets the best one's score. The query's
 * {@code boost} multiplies all of it.
 *
 * <p>Builders made by parsing or by the stream constructor hold the node's {@link SeqRecServices};
 * one made in Java code binds itself to the node on its first rewrite.
 */
public final class SeqRecQueryBuilder extends AbstractQueryBuilder<SeqRecQueryBuilder> {
    public static final String NAME = ClauseFields.NAME;

    private static final Rewrite REWRITE = new Rewrite();

    private final SeqRecQueryOptions options;
    /** The retrieved items, best first, once retrieved (they travel over the wire). */
    private final ClauseState<List<RecommendedItem>> state;
    /**
     * The Lucene query last built from the retrieved items, with the field it was built for: a
     * request's shards on this node and its fetch phase share this builder, so they build it once.
     * Not serialized; a copy starts without one.
     */
    private volatile ShardQuery lastShardQuery;

    private record ShardQuery(MappedFieldType field, Query query) {}

    /** A builder made in Java code; it binds to the node's services on its first rewrite. */
    public SeqRecQueryBuilder(SeqRecQueryOptions options) {
        this(options, ClauseState.unbound());
    }

    /** A parsed builder, bound to the node's services. */
    public SeqRecQueryBuilder(SeqRecQueryOptions options, Supplier<SeqRecServices> services) {
        this(options, ClauseState.bound(services));
    }

    private SeqRecQueryBuilder(SeqRecQueryOptions options, ClauseState<List<RecommendedItem>> state) {
        this.options = Objects.requireNonNull(options, "options");
        this.state = state;
    }

    /** Reads what {@link #doWriteTo} writes, in that order. */
    public SeqRecQueryBuilder(StreamInput in, Supplier<SeqRecServices> services) throws IOException {
        super(in);
        this.options = SeqRecQueryOptions.readFrom(in);
        this.state = ClauseState.readFrom(in, i -> List.copyOf(i.readList(RecommendedItem::readFrom)), services);
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        options.writeTo(out);
        state.writeTo(out, StreamOutput::writeList);
    }

    @Override
    public String getWriteableName() {
        return NAME;
    }

    public SeqRecQueryOptions options() {
        return options;
    }

    /** The retrieved items, best first, once the coordinator retrieved them, else {@code null}. */
    public List<RecommendedItem> items() {
        return state.done();
    }

    @Override
    protected void doXContent(XContentBuilder builder, Params params) throws IOException {
        // The retrieved items are internal (coordinator to shards) and are not part of the DSL.
        builder.startObject(NAME);
        options.toXContentFields(builder);
        printBoostAndQueryName(builder);
        builder.endObject();
    }

    @Override
    protected QueryBuilder doRewrite(QueryRewriteContext ctx) throws IOException {
        return REWRITE.rewrite(this, ctx);
    }

    @Override
    protected Query doToQuery(QueryShardContext context) throws IOException {
        MappedFieldType field = ItemField.resolve(context, options.itemField(), false);
        List<RecommendedItem> found = state.done();
        ShardQuery last = lastShardQuery;
        if (found != null && last != null && last.field() == field) {
            return last.query(); // the same mapping (one index's field type) makes the same query
        }
        if (found == null) {
            SeqRecServices node = REWRITE.services(this, context);
            options.checkHistoryLength(node.maxHistoryLength());
            found = ItemRetrieval.retrieve(
                    node,
                    options.modelId(),
                    options.history().historyWithoutLookup(),
                    options.k(),
                    options.excludeHistory(),
                    options.efSearch());
        }
        if (found.isEmpty()) {
            return new MatchNoDocsQuery("[" + NAME + "] retrieved no items");
        }
        Query query = itemsQuery(field, found, context);
        if (state.done() != null) {
            lastShardQuery = new ShardQuery(field, query);
        }
        return query;
    }

    /**
     * One {@link ItemScoresQuery} over the retrieved items' terms, each term as the field's own
     * {@code term} query makes it (so its normalizer applies). Where the field's term query is not
     * a plain term (a field without an index, searched through doc values), {@code dis_max} over
     * one boosted {@code constant_score} {@code term} query per item scores the same.
     */
    static Query itemsQuery(MappedFieldType field, List<RecommendedItem> found, QueryShardContext context) {
        BytesRef[] terms = new BytesRef[found.size()];
        float[] scores = new float[found.size()];
        boolean plainTerms = true;
        for (int i = 0; i < terms.length && plainTerms; i++) {
            Query term = field.termQuery(found.get(i).itemId(), context);
            if (term instanceof ConstantScoreQuery constant) {
                term = constant.getQuery();
            }
            if (term instanceof TermQuery plain && plain.getTerm().field().equals(field.name())) {
                terms[i] = plain.getTerm().bytes();
                scores[i] = InnerProductScores.toLuceneScore(found.get(i).score());
            } else {
                plainTerms = false;
            }
        }
        if (plainTerms) {
            return new ItemScoresQuery(field.name(), terms, scores);
        }
        List<Query> clauses = new ArrayList<>(found.size());
        for (RecommendedItem item : found) {
            Query term = new ConstantScoreQuery(field.termQuery(item.itemId(), context));
            clauses.add(new BoostQuery(term, InnerProductScores.toLuceneScore(item.score())));
        }
        // tie breaker 0: a document holding several retrieved ids scores as its best one
        return new DisjunctionMaxQuery(clauses, 0f);
    }

    /** A copy carrying {@code found}, as the coordinator ships it to the shards. */
    SeqRecQueryBuilder withItems(List<RecommendedItem> found) {
        return REWRITE.withState(this, state.withDone(List.copyOf(found)));
    }

    @Override
    protected boolean doEquals(SeqRecQueryBuilder other) {
        return options.equals(other.options) && Objects.equals(items(), other.items());
    }

    @Override
    protected int doHashCode() {
        return Objects.hash(options, items());
    }

    /** The query's part of the shared rewrite: retrieval is its once-per-request work. */
    private static final class Rewrite extends ClauseRewrite<SeqRecQueryBuilder, List<RecommendedItem>> {
        Rewrite() {
            super(QueryBuilder.class);
        }

        @Override
        protected ClauseState<List<RecommendedItem>> state(SeqRecQueryBuilder builder) {
            return builder.state;
        }

        @Override
        protected SeqRecQueryBuilder withState(SeqRecQueryBuilder builder, ClauseState<List<RecommendedItem>> state) {
            SeqRecQueryBuilder copy = new SeqRecQueryBuilder(builder.options, state);
            copy.boost(builder.boost());
            copy.queryName(builder.queryName());
            return copy;
        }

        @Override
        protected CommonClauseOptions options(SeqRecQueryBuilder builder) {
            return builder.options.common();
        }

        @Override
        protected void computeAsync(
                SeqRecQueryBuilder builder,
                SeqRecServices node,
                TimedHistory history,
                ActionListener<List<RecommendedItem>> listener) {
            SeqRecQueryOptions o = builder.options;
            ItemRetrieval.retrieveAsync(
                    node,
                    o.modelId(),
                    history,
                    o.k(),
                    o.excludeHistory(),
                    o.efSearch(),
                    ActionListener.map(listener, items -> List.copyOf(items)));
        }
    }
}
