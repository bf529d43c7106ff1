package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.apache.lucene.util.SetOnce;
import org.opensearch.core.ParseField;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentLocation;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.search.rescore.RescoreContext;
import org.opensearch.search.rescore.RescorerBuilder;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.parse.ClauseParsing;
import org.seqrec.plugin.parse.NodeBinding;
import org.seqrec.plugin.model.EncodedHistory;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.model.ModelRef;
import org.seqrec.plugin.scoring.Normalizer;
import org.seqrec.plugin.scoring.ScoreMode;

/**
 * The {@code seqrec} rescorer: reranks each shard's top hits by the model's score of their item
 * given the user's history. See docs/rescore.md for the DSL.
 *
 * <p>The history is encoded once per request: the coordinating node's {@link #rewrite} looks the
 * user's events up when the clause names a {@code user_id} (a search with the request's own thread
 * context), then loads the model and encodes the history on the {@code seqrec_inference} pool (one
 * async rewrite action, so network threads never block) and the rewritten builder carries the user
 * vector (D floats) to the shards over the wire. A shard that gets a builder without a vector
 * encodes a given history itself; it cannot look a user up.
 *
 * <p>Builders made by parsing or by the stream constructor hold the node's {@link SeqRecServices};
 * one made in Java code binds itself to the node on its first rewrite (see {@link #boundTo}).
 */
public final class SeqRecRescorerBuilder extends RescorerBuilder<SeqRecRescorerBuilder> {
    public static final String NAME = "seqrec";

    static final ParseField MODEL_ID = new ParseField("model_id");
    static final ParseField ITEM_FIELD = new ParseField("item_field");
    static final ParseField QUERY_WEIGHT = new ParseField("query_weight");
    static final ParseField RESCORE_QUERY_WEIGHT = new ParseField("rescore_query_weight");
    static final ParseField SCORE_MODE = new ParseField("score_mode");
    static final ParseField NORMALIZE = new ParseField("normalize");

    /** What the JSON said, before validation; null means "not given". */
    private static final class Parsed {
        String modelId;
        String itemField;
        List<String> history;
        String userId;
        EventsSource events;
        Float queryWeight;
        Float rescoreQueryWeight;
        String scoreMode;
        String normalize;
    }

    private static final ObjectParser<Parsed, Void> PARSER = new ObjectParser<>(NAME, Parsed::new);

    static {
        PARSER.declareString((p, v) -> p.modelId = v, MODEL_ID);
        PARSER.declareString((p, v) -> p.itemField = v, ITEM_FIELD);
        ClauseParsing.declareHistorySpec(PARSER, NAME, (p, v) -> p.history = v, (p, v) -> p.userId = v, (p, v) -> p.events = v);
        PARSER.declareFloat((p, v) -> p.queryWeight = v, QUERY_WEIGHT);
        PARSER.declareFloat((p, v) -> p.rescoreQueryWeight = v, RESCORE_QUERY_WEIGHT);
        PARSER.declareString((p, v) -> p.scoreMode = v, SCORE_MODE);
        PARSER.declareString((p, v) -> p.normalize = v, NORMALIZE);
    }

    private final SeqRecRescoreOptions options;
    /** u (D) and the model version that encoded it, once encoded; travels over the wire. */
    private final EncodedHistory encoded;
    /** Set by the coordinator's async encoding; never on the wire. */
    private final Supplier<EncodedHistory> pending;
    /** The node's services; null for a builder made in Java code until it is bound. */
    private final Supplier<SeqRecServices> services;

    /** A builder made in Java code; it binds to the node's services on its first rewrite. */
    public SeqRecRescorerBuilder(SeqRecRescoreOptions options) {
        this(options, null, null, null);
    }

    private SeqRecRescorerBuilder(SeqRecRescoreOptions options, EncodedHistory encoded, Supplier<EncodedHistory> pending,
                                  Supplier<SeqRecServices> services) {
        this.options = Objects.requireNonNull(options, "options");
        this.encoded = encoded;
        this.pending = pending;
        this.services = services;
    }

    /** Reads what {@link #doWriteTo} writes, in that order. */
    public SeqRecRescorerBuilder(StreamInput in, Supplier<SeqRecServices> services) throws IOException {
        super(in);
        this.options = SeqRecRescoreOptions.readFrom(in);
        this.encoded = in.readBoolean() ? new EncodedHistory(ModelRef.readFrom(in), in.readFloatArray()) : null;
        this.pending = null;
        this.services = Objects.requireNonNull(services, "services");
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        options.writeTo(out);
        out.writeBoolean(encoded != null);
        if (encoded != null) {
            encoded.ref().writeTo(out);
            out.writeFloatArray(encoded.userVector());
        }
    }

    @Override
    public String getWriteableName() {
        return NAME;
    }

    /**
     * @throws IllegalArgumentException (400) unless {@code windowSize >= 1}; the upper bound is the
     *     index's {@code index.max_rescore_window}, checked by OpenSearch
     */
    @Override
    public SeqRecRescorerBuilder windowSize(int windowSize) {
        if (windowSize < 1) {
            throw new IllegalArgumentException("[rescore] [window_size] must be >= 1, got [" + windowSize + "]");
        }
        return super.windowSize(windowSize);
    }

    public SeqRecRescoreOptions options() {
        return options;
    }

    /** The encoded history (D floats) once the coordinator encoded it, else {@code null}. */
    public float[] userVector() {
        return encoded == null ? null : encoded.userVector().clone();
    }

    /** The model version that encoded the history, once the coordinator encoded it, else {@code null}. */
    public ModelRef modelRef() {
        return encoded == null ? null : encoded.ref();
    }

    /**
     * Parses the body of a {@code "seqrec": {...}} rescore clause.
     *
     * @param services the node's services (for the history length limit); may supply {@code null}
     *     before the node is up, in which case the setting's default applies
     * @throws ParsingException (400) naming the bad field and what it allows
     */
    public static SeqRecRescorerBuilder fromXContent(XContentParser parser, Supplier<SeqRecServices> services) throws IOException {
        XContentLocation start = parser.getTokenLocation();
        Parsed p = ClauseParsing.parse(PARSER, parser);
        ClauseParsing.require(p.modelId, NAME, MODEL_ID.getPreferredName(), start);
        ClauseParsing.require(p.itemField, NAME, ITEM_FIELD.getPreferredName(), start);
        int maxHistory = ClauseParsing.maxHistoryLength(services);
        try {
            HistorySpec history = HistorySpec.of(p.history, p.userId, p.events);
            SeqRecRescoreOptions options = new SeqRecRescoreOptions(p.modelId, p.itemField, history,
                    p.queryWeight == null ? SeqRecRescoreOptions.DEFAULT_QUERY_WEIGHT : p.queryWeight,
                    p.rescoreQueryWeight == null ? SeqRecRescoreOptions.DEFAULT_RESCORE_QUERY_WEIGHT : p.rescoreQueryWeight,
                    p.scoreMode == null ? SeqRecRescoreOptions.DEFAULT_SCORE_MODE : ScoreMode.parse(p.scoreMode),
                    p.normalize == null ? SeqRecRescoreOptions.DEFAULT_NORMALIZER : Normalizer.parse(p.normalize));
            options.checkHistoryLength(maxHistory);
            return new SeqRecRescorerBuilder(options, null, null, services);
        } catch (IllegalArgumentException e) {
            throw new ParsingException(start, "[{}] {}", e, NAME, e.getMessage());
        }
    }


    @Override
    protected void doXContent(XContentBuilder builder, Params params) throws IOException {
        // The user vector is internal (coordinator to shards) and is not part of the DSL.
        builder.startObject(NAME);
        options.toXContentFields(builder);
        builder.endObject();
    }

    @Override
    public RescorerBuilder<SeqRecRescorerBuilder> rewrite(QueryRewriteContext ctx) throws IOException {
        if (encoded != null) {
            preloadOnThisNode(ctx);
            return this;
        }
        if (pending != null) {
            EncodedHistory done = pending.get();
            return done == null ? this : withEncoded(done);
        }
        if (ctx.convertToShardContext() != null) {
            // a shard's own rewrite, where async actions are not allowed: innerBuildContext encodes
            return this;
        }
        if (services == null) {
            return boundTo(ctx);
        }
        SeqRecServices node = services();
        options.checkHistoryLength(node.maxHistoryLength());
        checkWindowSize(node.maxWindowSize());
        SetOnce<EncodedHistory> result = new SetOnce<>();
        // the lookup answers at once for a given history; a user's events come from a search
        ctx.registerAsyncAction((client, listener) -> options.history().fetch(client, ActionListener.wrap(
                history -> node.encodePinnedAsync(options.modelId(), history, ActionListener.wrap(e -> {
                    result.set(e);
                    listener.onResponse(null);
                }, listener::onFailure)),
                listener::onFailure)));
        return copy(null, result::get);
    }

    /**
     * On a node that holds shards but has not loaded the pinned model version yet, loads it on the
     * inference pool during the shard request's own (async-capable) rewrite, so that
     * innerBuildContext finds it loaded and never blocks a search thread reading the store.
     */
    private void preloadOnThisNode(QueryRewriteContext ctx) {
        if (services == null || ctx.convertToShardContext() != null) {
            return;
        }
        SeqRecServices node = services.get();
        if (node == null || node.models().isLoaded(encoded.ref())) {
            return;
        }
        ctx.registerAsyncAction((client, listener) -> node.loadAsync(encoded.ref(), ActionListener.wrap(v -> listener.onResponse(null), listener::onFailure)));
    }

    private void checkWindowSize(int max) {
        if (windowSize != null && windowSize > max) {
            throw new IllegalArgumentException("[rescore] [window_size] of a [" + NAME + "] rescorer must be <= " + max
                    + " (plugins.seqrec.max_window_size), got [" + windowSize + "]");
        }
    }

    @Override
    protected RescoreContext innerBuildContext(int windowSize, QueryShardContext context) throws IOException {
        MappedFieldType field = context.fieldMapper(options.itemField());
        String index = context.index().getName();
        if (field == null) {
            throw new IllegalArgumentException("[" + NAME + "] [item_field] [" + options.itemField() + "] is not mapped in index [" + index + "]");
        }
        if ("keyword".equals(field.typeName()) == false) {
            throw new IllegalArgumentException("[" + NAME + "] [item_field] [" + options.itemField() + "] must be a keyword field, but it is of type ["
                    + field.typeName() + "] in index [" + index + "]");
        }
        if (field.hasDocValues() == false) {
            throw new IllegalArgumentException("[" + NAME + "] [item_field] [" + options.itemField() + "] must have doc_values enabled in index ["
                    + index + "]");
        }
        SeqRecServices node = services == null ? boundTo(context).services() : services();
        LoadedModel model;
        float[] vector;
        if (encoded != null) {
            // the version that encoded the history, even if a newer one was published since
            model = node.model(encoded.ref());
            vector = encoded.userVector();
        } else {
            ModelRef ref = node.models().resolve(options.modelId());
            model = node.model(ref);
            vector = node.encode(ref, options.history().itemsWithoutLookup()).userVector();
        }
        if (vector.length != model.itemEmbeddings().dim()) {
            throw new IllegalStateException("seqrec model [" + options.modelId() + "] has D=" + model.itemEmbeddings().dim()
                    + " on this node but the user vector has " + vector.length + " dimensions: is the model file the same on every node?");
        }
        ItemModelScores scores = new ItemModelScores(field.name(), model.vocabulary(), model.itemEmbeddings(), vector);
        return new SeqRecRescoreContext(windowSize, options.modelId(), options.itemField(), scores, options.combiner(), node.stats());
    }

    private SeqRecServices services() {
        return NodeBinding.services(services);
    }

    /** A copy carrying the encoded history, as the coordinator ships it to the shards. */
    SeqRecRescorerBuilder withEncoded(EncodedHistory history) {
        Objects.requireNonNull(history, "history");
        return copy(new EncodedHistory(history.ref(), history.userVector().clone()), null);
    }

    private SeqRecRescorerBuilder copy(EncodedHistory history, Supplier<EncodedHistory> pendingHistory) {
        SeqRecRescorerBuilder copy = new SeqRecRescorerBuilder(options, history, pendingHistory, services);
        if (windowSize != null) {
            copy.windowSize(windowSize);
        }
        return copy;
    }

    /**
     * This builder, bound to the node's services: a copy made by the node's own reader for
     * {@code seqrec} rescorers, reached through the context's writeable registry. Only builders
     * made in Java code (no services) need it, once per request.
     */
    private SeqRecRescorerBuilder boundTo(QueryRewriteContext ctx) throws IOException {
        return NodeBinding.bound(this, RescorerBuilder.class, ctx);
    }

    @Override
    public boolean equals(Object obj) {
        if (super.equals(obj) == false) {
            return false;
        }
        SeqRecRescorerBuilder other = (SeqRecRescorerBuilder) obj;
        return options.equals(other.options) && Objects.equals(modelRef(), other.modelRef())
                && Arrays.equals(userVectorOrNull(), other.userVectorOrNull());
    }

    private float[] userVectorOrNull() {
        return encoded == null ? null : encoded.userVector();
    }

    @Override
    public int hashCode() {
        return Objects.hash(super.hashCode(), options, modelRef(), Arrays.hashCode(userVectorOrNull()));
    }
}
