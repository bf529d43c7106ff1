package org.seqrec.plugin.transport;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.Test;
import org.opensearch.common.io.stream.BytesStreamOutput;
import org.opensearch.common.xcontent.XContentFactory;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.xcontent.ToXContent;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.history.EventsSource;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.retrieval.RecommendedItem;

public class RecommendRequestTests {

    @Test
    public void requestsSurviveTheWire() throws IOException {
        RecommendRequest original = new RecommendRequest("shop", List.of("sku-1", "sku-2"), 7, false);
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            original.writeTo(out);
            try (StreamInput in = out.bytes().streamInput()) {
                RecommendRequest copy = new RecommendRequest(in);
                assertEquals("shop", copy.modelId());
                assertEquals(new HistorySpec.Given(List.of("sku-1", "sku-2")), copy.history());
                assertEquals(7, copy.k());
                assertEquals(false, copy.excludeHistory());
            }
        }
    }

    @Test
    public void requestsByUserSurviveTheWire() throws IOException {
        HistorySpec byUser =
                HistorySpec.byUser("u-42", EventsSource.of("events").withSize(20));
        RecommendRequest original = new RecommendRequest("shop", byUser, 3, true);
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            original.writeTo(out);
            try (StreamInput in = out.bytes().streamInput()) {
                RecommendRequest copy = new RecommendRequest(in);
                assertEquals(byUser, copy.history());
                assertEquals(3, copy.k());
                assertEquals(true, copy.excludeHistory());
            }
        }
    }

    @Test
    public void rejectsBadValuesNamingTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new RecommendRequest("shop", List.of(), 0, true))
                .getMessage()
                .contains("[k] must be between 1 and 1000, got [0]"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> new RecommendRequest("shop", List.of(), 1001, true))
                        .getMessage()
                        .contains("[k] must be between 1 and 1000, got [1001]"));
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> new RecommendRequest("Bad/Id", List.of(), 5, true))
                        .getMessage()
                        .contains("[model_id] must match"));
        assertTrue(assertThrows(
                        IllegalArgumentException.class,
                        () -> new RecommendRequest("shop", (List<String>) null, 5, true))
                .getMessage()
                .contains("[history] is required"));
    }

    @Test
    public void responsesSurviveTheWireAndRenderTheDocumentedJson() throws IOException {
        RecommendResponse original = new RecommendResponse(
                "shop", List.of(new RecommendedItem("sku-4", 2.5f), new RecommendedItem("sku-9", -0.25f)), 3);
        try (BytesStreamOutput out = new BytesStreamOutput()) {
            original.writeTo(out);
            try (StreamInput in = out.bytes().streamInput()) {
                RecommendResponse copy = new RecommendResponse(in);
                assertEquals(original.modelId(), copy.modelId());
                assertEquals(original.items(), copy.items());
                assertEquals(original.tookMs(), copy.tookMs());
            }
        }
        XContentBuilder json = XContentFactory.jsonBuilder();
        original.toXContent(json, ToXContent.EMPTY_PARAMS);
        assertEquals(
                "{\"model_id\":\"shop\",\"items\":[{\"item_id\":\"sku-4\",\"score\":2.5},{\"item_id\":\"sku-9\",\"score\":-0.25}],"
                        + "\"took_ms\":3}",
                json.toString());
    }
}
