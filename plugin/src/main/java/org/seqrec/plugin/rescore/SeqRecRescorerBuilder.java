package org.seqrec.plugin.rescore;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.index.mapper.MappedFieldType;
import org.opensearch.index.query.QueryRewriteContext;
import org.opensearch.index.query.QueryShardContext;
import org.opensearch.search.rescore.RescoreContext;
import org.opensearch.search.rescore.RescorerBuilder;
import org.seqrec.artifact.FeatureModel;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.clause.ClauseFields;
import org.seqrec.plugin.clause.ClauseRewrite;
import org.seqrec.plugin.clause.ClauseState;
import org.seqrec.plugin.clause.CommonClauseOptions;
import org.seqrec.plugin.clause.ItemField;
import org.seqrec.plugin.history.TimedHistory;
import org.seqrec.plugin.model.EncodedHistory;
import org.seqrec.plugin.model.LoadedModel;
import org.seqrec.plugin.model.ModelRef;

/**
 * The {@code seqrec} rescorer: reranks each shard's top hits by the model's score of their item
 * given the user's history. See docs/rescore.md for the DSL; {@code
 * org.seqrec.plugin.parse.SeqRecRescoreParser} parses it.
 *
 * <p>The history is encoded once per request ({@link ClauseRewrite}): the coordinating node's
 * {@link #rewrite} looks the user's events up when the clause names a {@code user_id}, then loads
 * the model and encodes the history on the {@code seqrec_inference} pool, and the rewritten builder
 * carries the user vector (D floats) and the model version that encoded it to the shards over the
 * wire. A ranking model ({@code din}) is not encoded: the builder carries the history's item rows
 * instead, and each shard scores its window with the history in one batched pass. A node holding
 * shards loads that version during the shard request's own rewrite, if it has not yet. A shard that gets a builder without a vector encodes a given history itself; it cannot
 * look a user up.
 *
 * <p>Builders made by parsing or by the stream constructor hold the node's {@link SeqRecServices};
 * one made in Java code binds itself to the node on its first rewrite.
 */
public final class SeqRecRescorerBuilder extends RescorerBuilder<SeqRecRescorerBuilder> {
    public static final String NAME = ClauseFields.NAME;

    private static final Rewrite REWRITE = new Rewrite();

    private final SeqRecRescoreOptions options;
    /** u (D) and the model version that encoded it, once encoded (they travel over the wire). */
    private final ClauseState<EncodedHistory> state;

    /** A builder made in Java code; it binds to the node's services on its first rewrite. */
    public SeqRecRescorerBuilder(SeqRecRescoreOptions options) {
        this(options, ClauseState.unbound());
    }

    /** A parsed builder, bound to the node's services. */
    public SeqRecRescorerBuilder(SeqRecRescoreOptions options, Supplier<SeqRecServices> services) {
        this(options, ClauseState.bound(services));
    }

    private SeqRecRescorerBuilder(SeqRecRescoreOptions options, ClauseState<EncodedHistory> state) {
        this.options = Objects.requireNonNull(options, "options");
        this.state = state;
    }

    /** Reads what {@link #doWriteTo} writes, in that order. */
    public SeqRecRescorerBuilder(StreamInput in, Supplier<SeqRecServices> services) throws IOException {
        super(in);
        this.options = SeqRecRescoreOptions.readFrom(in);
        this.state = ClauseState.readFrom(in, EncodedHistory::readFrom, services);
    }

    @Override
    protected void doWriteTo(StreamOutput out) throws IOException {
        options.writeTo(out);
        state.writeTo(out, (o, encoded) -> encoded.writeTo(o));
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
        EncodedHistory encoded = state.done();
        return encoded == null ? null : encoded.userVector().clone();
    }

    /** The model version that encoded the history, once the coordinator encoded it, else {@code null}. */
    public ModelRef modelRef() {
        EncodedHistory encoded = state.done();
        return encoded == null ? null : encoded.ref();
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
        return REWRITE.rewrite(this, ctx);
    }

    @Override
    protected RescoreContext innerBuildContext(int windowSize, QueryShardContext context) throws IOException {
        MappedFieldType field = ItemField.resolve(context, options.itemField(), true);
        SeqRecServices node = REWRITE.services(this, context);
        EncodedHistory encoded = state.done();
        if (encoded == null) {
            // no coordinator's rewrite: encode a given history here, with the current version
            encoded = node.encodeForRescore(
                    node.models().resolve(options.modelId()), options.history().historyWithoutLookup());
        }
        // the version that encoded the history, even if a newer one was published since
        LoadedModel model = node.model(encoded.ref());
        ItemModelScores scores = encoded.isRows()
                ? rankingScores(field, encoded, model, node)
                : vectorScores(context, field, encoded, model, node);
        return new SeqRecRescoreContext(
                windowSize, options.modelId(), options.itemField(), scores, options.combiner(), node.stats());
    }

    /** A retrieval model's scores: each hit's logit against the user vector. */
    private ItemModelScores vectorScores(
            QueryShardContext context,
            MappedFieldType field,
            EncodedHistory encoded,
            LoadedModel model,
            SeqRecServices node) {
        float[] vector = encoded.userVector();
        if (vector.length != model.itemEmbeddings().dim()) {
            throw new IllegalStateException("seqrec model [" + options.modelId() + "] has D="
                    + model.itemEmbeddings().dim() + " on this node but the user vector has " + vector.length
                    + " dimensions: is the model file the same on every node?");
        }
        return new ItemModelScores(
                field.name(),
                encoded.ref(),
                node.segmentRows(),
                model.vocabulary(),
                model.itemEmbeddings(),
                vector,
                featureScores(context, model, vector));
    }

    /**
     * A ranking model's scores: the window's rows in one batched pass with the history (which
     * travelled as item rows), on the node's device ({@link LoadedModel#rank}).
     *
     * @throws IllegalArgumentException (400) for {@code feature_fields}, which a ranking model does not read
     */
    private ItemModelScores rankingScores(
            MappedFieldType field, EncodedHistory encoded, LoadedModel model, SeqRecServices node) {
        if (options.featureFields().isEmpty() == false) {
            throw new IllegalArgumentException("[" + NAME + "] [" + ClauseFields.FEATURE_FIELDS.getPreferredName()
                    + "] needs a retrieval model trained with item features; model [" + options.modelId()
                    + "] is a ranking model (" + model.artifact().manifest().modelType() + ")");
        }
        if (model.isRanking() == false) {
            throw new IllegalStateException("seqrec model [" + options.modelId() + "] version " + encoded.ref()
                    + " is not a ranking model on this node: is the model file the same on every node?");
        }
        model.openRanker();
        int[] history = encoded.historyRows();
        return new ItemModelScores(
                field.name(),
                encoded.ref(),
                node.segmentRows(),
                model.vocabulary(),
                rows -> model.rank(history, rows),
                null);
    }

    /**
     * The scorer of hits the model does not know, from the clause's {@code feature_fields}; null
     * without them.
     *
     * @throws IllegalArgumentException (400) for a field that is not a keyword field with doc values,
     *     a model without item features, or a feature name the model does not have
     */
    private HitFeatureScores featureScores(QueryShardContext context, LoadedModel model, float[] vector) {
        if (options.featureFields().isEmpty()) {
            return null;
        }
        String name = "[" + NAME + "] [" + ClauseFields.FEATURE_FIELDS.getPreferredName() + "]";
        FeatureModel features = model.features()
                .orElseThrow(() -> new IllegalArgumentException(name + " needs a model trained with item features"
                        + " (seqrec-trainer train --item-features); model [" + options.modelId() + "] has none"));
        List<HitFeatureScores.Mapping> mappings = new ArrayList<>();
        for (Map.Entry<String, String> e : options.featureFields().entrySet()) {
            if (features.features().fields().contains(e.getValue()) == false) {
                throw new IllegalArgumentException(name + " [" + e.getKey() + "] names the feature [" + e.getValue()
                        + "], which model [" + options.modelId() + "] does not have; its features are "
                        + features.features().fields());
            }
            MappedFieldType field = ItemField.resolveFeatureField(context, e.getKey());
            mappings.add(new HitFeatureScores.Mapping(field.name(), e.getValue()));
        }
        return new HitFeatureScores(mappings, features, vector);
    }

    /** A copy carrying the encoded history, as the coordinator ships it to the shards. */
    SeqRecRescorerBuilder withEncoded(EncodedHistory history) {
        Objects.requireNonNull(history, "history");
        return REWRITE.withState(
                this,
                state.withDone(new EncodedHistory(
                        history.ref(),
                        history.userVector().clone(),
                        history.isRows() ? history.historyRows().clone() : null)));
    }

    @Override
    public boolean equals(Object obj) {
        if (super.equals(obj) == false) {
            return false;
        }
        SeqRecRescorerBuilder other = (SeqRecRescorerBuilder) obj;
        return options.equals(other.options)
                && Objects.equals(modelRef(), other.modelRef())
                && Arrays.equals(userVectorOrNull(), other.userVectorOrNull())
                && Arrays.equals(historyRowsOrNull(), other.historyRowsOrNull());
    }

    private int[] historyRowsOrNull() {
        EncodedHistory encoded = state.done();
        return encoded == null ? null : encoded.historyRows();
    }

    private float[] userVectorOrNull() {
        EncodedHistory encoded = state.done();
        return encoded == null ? null : encoded.userVector();
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                super.hashCode(),
                options,
                modelRef(),
                Arrays.hashCode(userVectorOrNull()),
                Arrays.hashCode(historyRowsOrNull()));
    }

    /**
     * The rescorer's part of the shared rewrite: encoding is its once-per-request work, the window
     * size has a node limit, and a node holding shards loads the pinned model version first.
     */
    private static final class Rewrite extends ClauseRewrite<SeqRecRescorerBuilder, EncodedHistory> {
        Rewrite() {
            super(RescorerBuilder.class);
        }

        @Override
        protected ClauseState<EncodedHistory> state(SeqRecRescorerBuilder builder) {
            return builder.state;
        }

        @Override
        protected SeqRecRescorerBuilder withState(SeqRecRescorerBuilder builder, ClauseState<EncodedHistory> state) {
            SeqRecRescorerBuilder copy = new SeqRecRescorerBuilder(builder.options, state);
            if (builder.windowSize() != null) {
                copy.windowSize(builder.windowSize());
            }
            return copy;
        }

        @Override
        protected CommonClauseOptions options(SeqRecRescorerBuilder builder) {
            return builder.options.common();
        }

        @Override
        protected void checkLimits(SeqRecRescorerBuilder builder, SeqRecServices node) {
            super.checkLimits(builder, node);
            Integer windowSize = builder.windowSize();
            int max = node.maxWindowSize();
            if (windowSize != null && windowSize > max) {
                throw new IllegalArgumentException("[rescore] [window_size] of a [" + NAME + "] rescorer must be <= "
                        + max + " (plugins.seqrec.max_window_size), got [" + windowSize + "]");
            }
        }

        @Override
        protected void computeAsync(
                SeqRecRescorerBuilder builder,
                SeqRecServices node,
                TimedHistory history,
                ActionListener<EncodedHistory> listener) {
            node.encodeForRescoreAsync(builder.options.modelId(), history, listener);
        }

        /**
         * On a node that holds shards but has not loaded the pinned model version yet, loads it on the
         * inference pool during the shard request's own (async-capable) rewrite, so that
         * innerBuildContext finds it loaded and never blocks a search thread reading the store.
         */
        @Override
        protected void prepareNode(
                SeqRecRescorerBuilder builder, EncodedHistory encoded, SeqRecServices node, QueryRewriteContext ctx) {
            if (node.models().isLoaded(encoded.ref()) == false) {
                ctx.registerAsyncAction((client, listener) -> node.loadAsync(
                        encoded.ref(), ActionListener.wrap(v -> listener.onResponse(null), listener::onFailure)));
            }
        }
    }
}
