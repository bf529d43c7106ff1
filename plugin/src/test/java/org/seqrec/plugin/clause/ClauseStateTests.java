package org.seqrec.plugin.clause;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.Test;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.core.common.io.stream.StreamInput;
import org.seqrec.plugin.SeqRecServices;

/** The phases of a clause's rewrite state and what of it travels over the wire. */
public class ClauseStateTests {
    /** The node's services before the plugin created them. */
    private static final Supplier<SeqRecServices> NOT_YET = () -> null;

    @Test
    public void goesThroughThePhasesInOrder() {
        ClauseState<String> unbound = ClauseState.unbound();
        assertEquals(ClauseState.Phase.UNBOUND, unbound.phase());
        ClauseState<String> bound = ClauseState.bound(NOT_YET);
        assertEquals(ClauseState.Phase.BOUND, bound.phase());

        AtomicReference<String> work = new AtomicReference<>();
        ClauseState<String> pending = bound.withPending(work::get);
        assertEquals(ClauseState.Phase.PENDING, pending.phase());
        assertNull("the work has not answered", pending.pendingResult());
        work.set("u");
        assertEquals("u", pending.pendingResult());

        ClauseState<String> done = pending.withDone("u");
        assertEquals(ClauseState.Phase.DONE, done.phase());
        assertEquals("u", done.done());
        assertEquals(ClauseState.Phase.DONE, unbound.withDone("u").phase());
    }

    @Test
    public void servicesFailUntilThePluginMadeThem() {
        for (ClauseState<String> state : List.of(ClauseState.<String>unbound(), ClauseState.<String>bound(NOT_YET))) {
            IllegalStateException e = assertThrows(IllegalStateException.class, state::services);
            assertEquals("the seqrec plugin is not initialised on this node yet", e.getMessage());
        }
    }

    private static ClauseState<String> overTheWire(ClauseState<String> state) throws IOException {
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            state.writeTo(out, (o, v) -> o.writeString(v));
            try (StreamInput in = out.bytes().streamInput()) {
                ClauseState<String> read = ClauseState.readFrom(in, StreamInput::readString, NOT_YET);
                assertEquals("everything was read", 0, in.available());
                return read;
            }
        }
    }

    @Test
    public void onlyTheResultTravelsAndTheReaderBinds() throws IOException {
        assertEquals(
                "u", overTheWire(ClauseState.<String>unbound().withDone("u")).done());
        assertEquals(
                ClauseState.Phase.DONE,
                overTheWire(ClauseState.<String>unbound().withDone("u")).phase());
        assertEquals(ClauseState.Phase.BOUND, overTheWire(ClauseState.unbound()).phase());
        // the coordinator's pending work stays on the coordinator
        ClauseState<String> pending = ClauseState.<String>bound(NOT_YET).withPending(() -> "u");
        assertEquals(ClauseState.Phase.BOUND, overTheWire(pending).phase());
        assertNull(overTheWire(pending).done());
    }
}
