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
import org.apache.lucene.util.SetOnce;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.query.AbstractQueryBuilder;
import org.opensearch.index.query.QueryBuilder;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.parse.NodeBinding;
import org.seqrec.plugin.retrieval.ItemRetrieval;
import org.seqrec.plugin.retrieval.RecommendedItem;

/**
 * The {@code seqrec} query: matches the documents of the k items nearest to the user's encoded
 * history in the model's item index (maximum inner product), each scored by that similarity. See
 * docs/query.md for the DSL.
 *
 * <p>Retrieval runs once per request: the coordinating node's {@link #doRewrite} looks the user's
 * events up when the query names a {@code user_id} (a search with the request's own thread
 * context), then loads the model, encodes the history and searches the index on the {@code
 * seqrec_inference} pool (one async rewrite action, so network threads never block), and the
 * rewritten builder carries the k items and their inner products to the shards over the wire. A
 * shard that gets a builder without items retrieves them itself from a given history; it cannot
 * look a user up. On the shard, {@link #doToQuery} checks that {@code item_field} is a
 * mapped keyword field and builds {@code dis_max} over one {@code constant_score} {@code term}
 * clause per item, boosted by {@link InnerProductScores#toLuceneScore} of its inner product; a
 * document holding several retrieved ids gets the best one's score. The query's {@code boost}
 * multiplies all of it.
 *
 * <p>Builders made by parsing or by the stream constructor hold the node's {@link SeqRecServices};
 * one made in Java code binds itself to the node on its first rewrite (see {@link #boundTo}).
 */
public final class SeqRecQueryBuilder extends AbstractQueryBuilder<SeqRecQueryBuilder> {
    public static final String NAME = "seqrec";

    private final SeqRecQueryOptions options;
    /** The retrieved items, best first, once retrieved; travel over the wire. */
    private final List<RecommendedItem> items;
    /** Set by the coordinator's async retrieval; never on the wire. */
    private final Supplier<List<RecommendedItem>> pendingItems;
    /** The node's services; null for a builder made in Java code until it is bound. */
    private final Supplier<SeqRecServices> services;

    /** A builder made in Java code; it binds to the node's services on its first rewrite. */
    public SeqRecQueryBuilder(SeqRecQueryOptions options) {
        this(options, null, null, null);
    }

    /** A parsed builder, bound to the node's services. */
    SeqRecQueryBuilder(SeqRecQueryOptions options, Supplier<SeqRecServices> services) {
        this(options, null, null, Objects.requireNonNull(services, "services"));
    }

    private SeqRecQueryBuilder(SeqRecQueryOptions options, List<RecommendedItem> items, Supplier<List<RecommendedItem>> pendingItems,
                               Supplier<SeqRecServices> services) {
        this.options = Objects.requireNonNull(options, "options");
        this.items = items == null ? null : List.copyOf(items);
        this.pendingItems = pendingItems;
        this.services = services;
    }

    /** Reads what {@link #doWriteTo} writes, in that order. */
    public SeqRecQueryBuilder(StreamInput in, Supplier<SeqRecServices> services) throws IOException {
        super(in);
        this.options = SeqRecQueryOptions.readFrom(in);
        this.items = in.readBoolean() ? List.copyOf(in.readList(RecommendedItem::readFrom)) : null;
        this.pendingItems = null;
        this.services = Objects.requireNonNull(services, "services");
    }

    /** Parses the body of a {@code "seqrec": {...}} query; see {@link SeqRecQueryParser}. */
    public static SeqRecQueryBuilder fromXContent(XContentParser parser, Supplier<SeqRecServices> services) throws IOException {
        return SeqRecQueryParser.parse(parser, services);
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        options.writeTo(out);
        out.writeBoolean(items != null);
        if (items != null) {
            out.writeList(items);
        }
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
        return items;
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
        if (items != null) {
            return this;
        }
        if (pendingItems != null) {
            List<RecommendedItem> found = pendingItems.get();
            return found == null ? this : withItems(found);
        }
        if (ctx.convertToShardContext() != null) {
            // a shard's own rewrite, where async actions are not allowed: doToQuery retrieves
            return this;
        }
        if (services == null) {
            return boundTo(ctx);
        }
        SeqRecServices node = services();
        options.checkHistoryLength(node.maxHistoryLength());
        SetOnce<List<RecommendedItem>> found = new SetOnce<>();
        // the lookup answers at once for a given history; a user's events come from a search
        ctx.registerAsyncAction((client, listener) -> options.history().fetch(client, ActionListener.wrap(
                history -> ItemRetrieval.retrieveAsync(node, options.modelId(), history, options.k(), options.excludeHistory(),
                        ActionListener.wrap(r -> {
                            found.set(r);
                            listener.onResponse(null);
                        }, listener::onFailure)),
                listener::onFailure)));
        return copy(null, found::get);
    }

    @Override
    protected Query doToQuery(QueryShardContext context) throws IOException {
        MappedFieldType field = context.fieldMapper(options.itemField());
        String index = context.index().getName();
        if (field == null) {
            throw new IllegalArgumentException("[" + NAME + "] [item_field] [" + options.itemField() + "] is not mapped in index ["
                    + index + "]");
        }
        if ("keyword".equals(field.typeName()) == false) {
            throw new IllegalArgumentException("[" + NAME + "] [item_field] [" + options.itemField()
                    + "] must be a keyword field, but it is of type [" + field.typeName() + "] in index [" + index + "]");
        }
        List<RecommendedItem> found = items;
        if (found == null) {
            SeqRecServices node = services == null ? boundTo(context).services() : services();
            options.checkHistoryLength(node.maxHistoryLength());
            found = ItemRetrieval.retrieve(node, options.modelId(), options.history().itemsWithoutLookup(), options.k(),
                    options.excludeHistory());
        }
        if (found.isEmpty()) {
            return new MatchNoDocsQuery("[" + NAME + "] retrieved no items");
        }
        List<Query> clauses = new ArrayList<>(found.size());
        for (RecommendedItem item : found) {
            Query term = new ConstantScoreQuery(field.termQuery(item.itemId(), context));
            clauses.add(new BoostQuery(term, InnerProductScores.toLuceneScore(item.score())));
        }
        // tie breaker 0: a document holding several retrieved ids scores as its best one
        return new DisjunctionMaxQuery(clauses, 0f);
    }

    private SeqRecServices services() {
        return NodeBinding.services(services);
    }

    /** A copy carrying {@code found}, as the coordinator ships it to the shards. */
    SeqRecQueryBuilder withItems(List<RecommendedItem> found) {
        return copy(Objects.requireNonNull(found, "found"), null);
    }

    private SeqRecQueryBuilder copy(List<RecommendedItem> found, Supplier<List<RecommendedItem>> pending) {
        SeqRecQueryBuilder copy = new SeqRecQueryBuilder(options, found, pending, services);
        copy.boost(boost);
        copy.queryName(queryName);
        return copy;
    }

    /**
     * This builder, bound to the node's services: a copy made by the node's own reader for
     * {@code seqrec} queries, reached through the context's writeable registry. Only builders made
     * in Java code (no services) need it, once per request.
     */
    private SeqRecQueryBuilder boundTo(QueryRewriteContext ctx) throws IOException {
        return NodeBinding.bound(this, QueryBuilder.class, ctx);
    }

    @Override
    protected boolean doEquals(SeqRecQueryBuilder other) {
        return options.equals(other.options) && Objects.equals(items, other.items);
    }

    @Override
    protected int doHashCode() {
        return Objects.hash(options, items);
    }
}
