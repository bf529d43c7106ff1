package org.seqrec.plugin.clause;

import java.io.IOException;
import java.util.Objects;
import java.util.function.Supplier;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.seqrec.plugin.SeqRecServices;

/**
 * Where a {@code seqrec} clause builder is in its rewrite ({@link ClauseRewrite} runs the
 * transitions), with the payload of that phase. {@code R} is what the coordinating node computes once
 * per request and ships to the shards: the encoded history for the rescorer, the retrieved items for
 * the query.
 *
 * <p>Immutable. Only the result ({@link Phase#DONE}) travels over the wire; the node's services come
 * from the reader that reads a builder, the pending result stays on the coordinating node.
 *
 * @param <R> the once-per-request result
 */
public final class ClauseState<R> {
    /** The phases, in the order a builder goes through them on the coordinating node. */
    public enum Phase {
        /** Made in Java code, no node services yet: its first rewrite binds it. */
        UNBOUND,
        /** Holds the node's services (parsed, read from the wire, or bound); nothing computed yet. */
        BOUND,
        /** The coordinating node's async work runs; the result is not in yet. */
        PENDING,
        /** The result is in: it travels to the shards and nothing is left to do. */
        DONE
    }

    /** The node's services; null until bound. */
    private final Supplier<SeqRecServices> services;
    /** Answers the result once the coordinator's async work is done, null before; never on the wire. */
    private final Supplier<R> pending;
    /** The result once done, else null; travels over the wire. */
    private final R done;

    private ClauseState(Supplier<SeqRecServices> services, Supplier<R> pending, R done) {
        this.services = services;
        this.pending = pending;
        this.done = done;
    }

    /** The state of a builder made in Java code. */
    public static <R> ClauseState<R> unbound() {
        return new ClauseState<>(null, null, null);
    }

    /** The state of a parsed builder: bound to the node's services, nothing computed. */
    public static <R> ClauseState<R> bound(Supplier<SeqRecServices> services) {
        return new ClauseState<>(Objects.requireNonNull(services, "services"), null, null);
    }

    /** Reads what {@link #writeTo} writes: the result, if there is one; the state is bound to {@code services}. */
    public static <R> ClauseState<R> readFrom(
            StreamInput in, Writeable.Reader<R> result, Supplier<SeqRecServices> services) throws IOException {
        R done = in.readBoolean() ? result.read(in) : null;
        return new ClauseState<>(Objects.requireNonNull(services, "services"), null, done);
    }

    /** Writes whether there is a result, then the result. */
    public void writeTo(StreamOutput out, Writeable.Writer<R> result) throws IOException {
        out.writeBoolean(done != null);
        if (done != null) {
            result.write(out, done);
        }
    }

    public Phase phase() {
        if (done != null) {
            return Phase.DONE;
        }
        if (pending != null) {
            return Phase.PENDING;
        }
        return services == null ? Phase.UNBOUND : Phase.BOUND;
    }

    /** The result once done, else {@code null}. */
    public R done() {
        return done;
    }

    /** This state with {@code result} in (bound or not, as this one). */
    public ClauseState<R> withDone(R result) {
        return new ClauseState<>(services, null, Objects.requireNonNull(result, "result"));
    }

    ClauseState<R> withPending(Supplier<R> result) {
        return new ClauseState<>(services, Objects.requireNonNull(result, "result"), null);
    }

    /** The pending work's result, or {@code null} while it runs (or when not pending). */
    R pendingResult() {
        return pending == null ? null : pending.get();
    }

    boolean isBound() {
        return services != null;
    }

    /** The node's services, or {@code null} when unbound or before the plugin created them. */
    SeqRecServices servicesOrNull() {
        return services == null ? null : services.get();
    }

    /**
     * The node's services.
     *
     * @throws IllegalStateException when unbound, or before the plugin created them
     */
    public SeqRecServices services() {
        SeqRecServices node = servicesOrNull();
        if (node == null) {
            throw new IllegalStateException("the seqrec plugin is not initialised on this node yet");
        }
        return node;
    }
}
