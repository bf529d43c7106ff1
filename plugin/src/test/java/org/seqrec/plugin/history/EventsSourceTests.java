package org.seqrec.plugin.history;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.Test;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.common.xcontent.json.JsonXContent;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.DeprecationHandler;
import org.opensearch.core.xcontent.NamedXContentRegistry;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParseException;
import org.opensearch.core.xcontent.XContentParser;

/** Validation, defaults, JSON and wire round trips of the {@code events} object. */
public class EventsSourceTests {

    /** Parses {@code json}, an object, the way a clause hands its {@code events} value over. */
    static EventsSource parse(String json) throws IOException {
        try (XContentParser parser = JsonXContent.jsonXContent.createParser(
                NamedXContentRegistry.EMPTY, DeprecationHandler.THROW_UNSUPPORTED_OPERATION, json)) {
            parser.nextToken();
            return EventsSource.fromXContent(parser);
        }
    }

    @Test
    public void defaults() throws IOException {
        assertEquals(
                new EventsSource("events", "user_id", "item_id", "timestamp", 50), parse("{\"index\": \"events\"}"));
        assertEquals(EventsSource.of("events"), parse("{\"index\": \"events\"}"));
    }

    @Test
    public void everyField() throws IOException {
        assertEquals(
                new EventsSource("clicks-*", "u", "sku", "at", 3),
                parse(
                        "{\"index\": \"clicks-*\", \"user_field\": \"u\", \"item_field\": \"sku\", \"time_field\": \"at\", \"size\": 3}"));
    }

    private static String rejection(Runnable make) {
        return assertThrows(IllegalArgumentException.class, make::run).getMessage();
    }

    @Test
    public void validationNamesTheField() {
        String noIndex = "[events] [index] is required: the index (or alias, or pattern) holding the events";
        assertEquals(noIndex, rejection(() -> new EventsSource(null, "u", "i", "t", 1)));
        assertEquals(noIndex, rejection(() -> new EventsSource(" ", "u", "i", "t", 1)));
        assertEquals(
                "[events] [user_field] must be a non-empty field name",
                rejection(() -> new EventsSource("e", "", "i", "t", 1)));
        assertEquals(
                "[events] [item_field] must be a non-empty field name",
                rejection(() -> new EventsSource("e", "u", null, "t", 1)));
        assertEquals(
                "[events] [time_field] must be a non-empty field name",
                rejection(() -> new EventsSource("e", "u", "i", "", 1)));
        assertEquals(
                "[events] [size] must be between 1 and plugins.seqrec.max_history_length, got [0]",
                rejection(() -> new EventsSource("e", "u", "i", "t", 0)));
    }

    @Test
    public void theUpperBoundIsTheNodesHistoryLimit() {
        EventsSource source = EventsSource.of("e").withSize(200);
        source.checkSize(200);
        assertEquals(
                "[events] [size] must be between 1 and 199 (plugins.seqrec.max_history_length), got [200]",
                rejection(() -> source.checkSize(199)));
    }

    @Test
    public void rejectsUnknownKeysAndWrongTypes() {
        XContentParseException unknown =
                assertThrows(XContentParseException.class, () -> parse("{\"index\": \"e\", \"sort\": \"desc\"}"));
        assertThat(unknown.getMessage(), containsString("[events] unknown field [sort]"));
        XContentParseException size =
                assertThrows(XContentParseException.class, () -> parse("{\"index\": \"e\", \"size\": \"many\"}"));
        assertThat(size.getMessage(), containsString("[events] failed to parse field [size]"));
        IllegalArgumentException noIndex = assertThrows(IllegalArgumentException.class, () -> parse("{\"size\": 5}"));
        assertThat(noIndex.getMessage(), containsString("[events] [index] is required"));
    }

    @Test
    public void jsonAndWireRoundTrips() throws IOException {
        for (EventsSource original : List.of(
                EventsSource.of("events"),
                new EventsSource("a,b-*", "who", "what", "when", 1),
                new EventsSource("ünïcode", "u.id", "item.sku", "@timestamp", 10_000))) {
            XContentBuilder json = XContentFactory.jsonBuilder().startObject();
            original.toXContent(json, ToXContent.EMPTY_PARAMS);
            String written = json.endObject().toString();
            String inner = written.substring("{\"events\":".length(), written.length() - 1);
            assertEquals(original, parse(inner));
            try (BytesStreamOutput out = new BytesStreamOutput()) {
                original.writeTo(out);
                try (StreamInput in = out.bytes().streamInput()) {
                    assertEquals(original, EventsSource.readFrom(in));
                }
            }
        }
    }
}
