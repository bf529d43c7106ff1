package org.seqrec.plugin.history;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.Test;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;

/** How a clause's history fields combine, the length limit, the wire format and the JSON fields. */
public class HistorySpecTests {
    private static final EventsSource EVENTS = EventsSource.of("events");

    @Test
    public void testExactlyOneSource() {
        assertEquals(new HistorySpec.Given(List.of("a")), HistorySpec.of(List.of("a"), null, null));
        assertEquals(new HistorySpec.ByUser("u", EVENTS), HistorySpec.of(null, "u", EVENTS));
        assertEquals(
                "takes exactly one of [history] or [user_id], not both",
                assertThrows(IllegalArgumentException.class, () -> HistorySpec.of(List.of(), "u", EVENTS))
                        .getMessage());
        assertEquals(
                "requires exactly one of [history] (item ids, oldest first) or [user_id] (with [events])",
                assertThrows(IllegalArgumentException.class, () -> HistorySpec.of(null, null, null))
                        .getMessage());
        assertEquals(
                "requires exactly one of [history] (item ids, oldest first) or [user_id] (with [events])",
                assertThrows(IllegalArgumentException.class, () -> HistorySpec.of(null, null, EVENTS))
                        .getMessage());
        assertEquals(
                "[events] is only allowed with [user_id], not with [history]",
                assertThrows(IllegalArgumentException.class, () -> HistorySpec.of(List.of(), null, EVENTS))
                        .getMessage());
        assertEquals(
                "[user_id] requires [events]: where the user's events are",
                assertThrows(IllegalArgumentException.class, () -> HistorySpec.of(null, "u", null))
                        .getMessage());
        assertEquals(
                "[user_id] must be a non-empty string",
                assertThrows(IllegalArgumentException.class, () -> HistorySpec.of(null, "", EVENTS))
                        .getMessage());
    }

    @Test
    public void testGivenHistoryIsCopiedAndHasNoNulls() {
        List<String> items = new ArrayList<>(List.of("a", "b"));
        HistorySpec.Given given = new HistorySpec.Given(items);
        items.add("c");
        assertEquals(List.of("a", "b"), given.items());
        assertEquals(
                "[history] must hold item ids, but position 1 is null",
                assertThrows(IllegalArgumentException.class, () -> new HistorySpec.Given(Arrays.asList("a", null)))
                        .getMessage());
    }

    @Test
    public void testLengthLimitAppliesToGivenItemsAndToEventsRead() {
        HistorySpec.given(List.of("a", "b")).checkLength(2);
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> HistorySpec.given(List.of("a", "b")).checkLength(1))
                        .getMessage(),
                containsString(
                        "[history] holds 2 item ids, more than the 1 allowed (plugins.seqrec.max_history_length)"));
        HistorySpec.byUser("u", EVENTS.withSize(10)).checkLength(10);
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> HistorySpec.byUser("u", EVENTS.withSize(10))
                                        .checkLength(9))
                        .getMessage(),
                containsString("[events] [size] must be between 1 and 9"));
    }

    @Test
    public void testOnlyAGivenHistoryIsAvailableWithoutALookup() {
        assertEquals(List.of("a"), HistorySpec.given(List.of("a")).itemsWithoutLookup());
        assertThat(
                assertThrows(
                                IllegalArgumentException.class,
                                () -> HistorySpec.byUser("u", EVENTS).itemsWithoutLookup())
                        .getMessage(),
                containsString("[user_id] is looked up by the coordinating node"));
    }

    @Test
    public void testAGivenHistoryIsFetchedWithoutAClient() {
        AtomicReference<TimedHistory> got = new AtomicReference<>();
        HistorySpec.given(List.of("x", "y")).fetch(null, ActionListener.wrap(got::set, e -> {
            throw new AssertionError(e);
        }));
        assertEquals(List.of("x", "y"), got.get().items());
        assertFalse(got.get().hasTimes());
    }

    @Test
    public void testWireRoundTrip() throws IOException {
        for (HistorySpec original : List.of(
                HistorySpec.given(List.of()),
                HistorySpec.given(List.of("a", "b", "17")),
                HistorySpec.byUser("u-42", EVENTS),
                HistorySpec.byUser("7", new EventsSource("e-*", "uid", "sku", "ts", 3)))) {
            try (BytesStreamOutput out = new BytesStreamOutput()) {
                original.writeTo(out);
                try (StreamInput in = out.bytes().streamInput()) {
                    assertEquals(original, HistorySpec.readFrom(in));
                    assertEquals(0, in.available());
                }
            }
        }
    }

    @Test
    public void testJsonFields() throws IOException {
        XContentBuilder given = XContentFactory.jsonBuilder().startObject();
        HistorySpec.given(List.of("a", "b")).toXContentFields(given, ToXContent.EMPTY_PARAMS);
        assertEquals("{\"history\":[\"a\",\"b\"]}", given.endObject().toString());
        XContentBuilder byUser = XContentFactory.jsonBuilder().startObject();
        HistorySpec.byUser("u-1", new EventsSource("ev", "uf", "if", "tf", 9))
                .toXContentFields(byUser, ToXContent.EMPTY_PARAMS);
        assertEquals(
                "{\"user_id\":\"u-1\",\"events\":{\"index\":\"ev\",\"user_field\":\"uf\",\"item_field\":\"if\",\"time_field\":\"tf\","
                        + "\"size\":9}}",
                byUser.endObject().toString());
    }

    @Test
    public void testTimesRoundTripAndTimesInTheFutureAre400sNamingTheItem() throws IOException {
        HistorySpec timed = new HistorySpec.Given(List.of("a", "b"), List.of(100.0, 200.0), 1_000.0);
        BytesStreamOutput out = new BytesStreamOutput();
        timed.writeTo(out);
        assertEquals(timed, HistorySpec.readFrom(out.bytes().streamInput()));
        HistorySpec user = new HistorySpec.ByUser("u", EventsSource.of("events"), 5.0);
        out = new BytesStreamOutput();
        user.writeTo(out);
        assertEquals(user, HistorySpec.readFrom(out.bytes().streamInput()));

        AtomicReference<TimedHistory> got = new AtomicReference<>();
        timed.fetch(null, ActionListener.wrap(got::set, e -> {
            throw new AssertionError(e);
        }));
        assertEquals(new TimedHistory(List.of("a", "b"), new double[] {100, 200}, 1_000), got.get());

        // within the tolerance a later time is clock skew, read as now; beyond it a 400
        HistorySpec skew =
                new HistorySpec.Given(List.of("a"), List.of(1_000.0 + HistoryTimes.FUTURE_TOLERANCE_SECONDS), 1_000.0);
        skew.fetch(null, ActionListener.wrap(got::set, e -> {
            throw new AssertionError(e);
        }));
        assertEquals(1_000, got.get().times()[0], 0);
        HistorySpec future = new HistorySpec.Given(List.of("a", "sku-9"), List.of(1.0, 2_000.0), 1_000.0);
        AtomicReference<Exception> failed = new AtomicReference<>();
        future.fetch(null, ActionListener.wrap(h -> fail("future time accepted"), failed::set));
        assertThat(
                failed.get().getMessage(),
                containsString("[history] time of item 1 [sku-9] [1970-01-01T00:33:20Z] is in the future"));
    }
}
