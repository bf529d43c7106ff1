package org.seqrec.plugin.clause;

import java.io.IOException;
import org.apache.lucene.util.SetOnce;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.NamedWriteable;
import org.opensearch.core.common.io.stream.NamedWriteableAwareStreamInput;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.index.query.QueryRewriteContext;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.history.TimedHistory;

/**
 * The rewrite state machine both {@code seqrec} clause builders run, the query's
 * {@code doRewrite} and the rescorer's {@code rewrite}, and how a builder reaches the node's
 * {@link SeqRecServices}. Each builder class holds one stateless subclass that says how to copy the
 * builder with a new {@link ClauseState} and what its once-per-request work is; the builders keep
 * extending OpenSearch's {@code AbstractQueryBuilder} and {@code RescorerBuilder}.
 *
 * <p>A rewrite, by {@link ClauseState.Phase}:
 * <ul>
 *   <li>{@code UNBOUND} (made in Java code): a copy bound to the node's services, made by the node's
 *       own reader for the builder's category through the context's writeable registry; once per
 *       request.
 *   <li>{@code BOUND} on the coordinating node: checks the node's limits, registers one async action
 *       that gets the history (at once when given; a search of the events index for a
 *       {@code user_id}, with the request's own thread context) and then runs the clause's work
 *       ({@link #computeAsync}, on the {@code seqrec_inference} pool, so network threads never
 *       block), and returns a {@code PENDING} copy.
 *   <li>{@code PENDING}: itself until the work answered, then a {@code DONE} copy with its result.
 *   <li>{@code DONE}: itself; the result travels to the shards. On a node that gets it, the
 *       shard request's own (async-capable) rewrite may prepare the node ({@link #prepareNode}).
 * </ul>
 * A shard's own rewrite (a shard context, where async actions are not allowed) leaves a builder that
 * is not {@code DONE} as it is: the shard then computes the result itself from a given history,
 * with {@link #services} (it cannot look a user up).
 *
 * @param <B> the builder
 * @param <R> the once-per-request result the builder carries to the shards
 */
public abstract class ClauseRewrite<B extends NamedWriteable, R> {
    private final Class<? extends NamedWriteable> category;

    /** @param category the builder's named-writeable category ({@code QueryBuilder} or {@code RescorerBuilder}) */
    protected ClauseRewrite(Class<? extends NamedWriteable> category) {
        this.category = category;
    }

    protected abstract ClauseState<R> state(B builder);

    /** A copy of {@code builder} with {@code state}, all else kept (boost and name, or window size). */
    protected abstract B withState(B builder, ClauseState<R> state);

    protected abstract CommonClauseOptions options(B builder);

    /**
     * Checks the node's limits before any work on the coordinating node: by default the history
     * length ({@code plugins.seqrec.max_history_length}).
     *
     * @throws IllegalArgumentException (400) naming the limit
     */
    protected void checkLimits(B builder, SeqRecServices node) {
        options(builder).checkHistoryLength(node.maxHistoryLength());
    }

    /**
     * The clause's once-per-request work for {@code history} (items, with times and "now" when the
     * request has them); answers {@code listener} off the calling thread.
     */
    protected abstract void computeAsync(
            B builder, SeqRecServices node, TimedHistory history, ActionListener<R> listener);

    /**
     * Called by the rewrite of a {@code DONE} builder bound to a node whose services exist, in a
     * context that allows async actions: may register one to prepare this node for the shards' work.
     * Does nothing by default.
     */
    protected void prepareNode(B builder, R result, SeqRecServices node, QueryRewriteContext ctx) {}

    /** One rewrite step of {@code builder}: {@code builder} itself when nothing changed. */
    public final B rewrite(B builder, QueryRewriteContext ctx) throws IOException {
        ClauseState<R> state = state(builder);
        switch (state.phase()) {
            case DONE -> {
                SeqRecServices node = state.servicesOrNull();
                if (node != null && ctx.convertToShardContext() == null) {
                    prepareNode(builder, state.done(), node, ctx);
                }
                return builder;
            }
            case PENDING -> {
                R result = state.pendingResult();
                return result == null ? builder : withState(builder, state.withDone(result));
            }
            default -> {
                if (ctx.convertToShardContext() != null) {
                    // a shard's own rewrite, where async actions are not allowed: the shard computes
                    return builder;
                }
                if (state.phase() == ClauseState.Phase.UNBOUND) {
                    return bound(builder, ctx);
                }
                return start(builder, state, ctx);
            }
        }
    }

    private B start(B builder, ClauseState<R> state, QueryRewriteContext ctx) {
        SeqRecServices node = state.services();
        checkLimits(builder, node);
        HistorySpec history = options(builder).history();
        SetOnce<R> result = new SetOnce<>();
        // the lookup answers at once for a given history; a user's events come from a search
        ctx.registerAsyncAction((client, listener) -> history.fetch(
                client,
                ActionListener.wrap(
                        items -> computeAsync(
                                builder,
                                node,
                                items,
                                ActionListener.wrap(
                                        r -> {
                                            result.set(r);
                                            listener.onResponse(null);
                                        },
                                        listener::onFailure)),
                        listener::onFailure)));
        return withState(builder, state.withPending(result::get));
    }

    /**
     * The node's services for work on a shard: the builder's own, or those of a copy bound to the
     * node (a builder made in Java code that reached the shard without a coordinator's rewrite).
     *
     * @throws IllegalStateException before the plugin created them
     */
    public final SeqRecServices services(B builder, QueryRewriteContext ctx) throws IOException {
        ClauseState<R> state = state(builder);
        return state.isBound() ? state.services() : state(bound(builder, ctx)).services();
    }

    /**
     * A copy of {@code builder} made by the node's own reader for its category, so bound to the
     * node's services: the reader for {@code seqrec} clauses hands them in. Once per request, for
     * builders made in Java code only.
     */
    private B bound(B builder, QueryRewriteContext ctx) throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            out.writeNamedWriteable(builder);
            try (StreamInput in =
                    new NamedWriteableAwareStreamInput(out.bytes().streamInput(), ctx.getWriteableRegistry())) {
                @SuppressWarnings("unchecked")
                B copy = (B) in.readNamedWriteable(category);
                return copy;
            }
        }
    }
}
