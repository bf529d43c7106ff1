package org.seqrec.plugin.history;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.search.TotalHits;
import org.junit.Test;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.common.document.DocumentField;
import org.opensearch.index.query.TermQueryBuilder;
import org.opensearch.search.SearchHit;
import org.opensearch.search.SearchHits;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.fetch.subphase.FieldAndFormat;
import org.opensearch.search.sort.FieldSortBuilder;
import org.opensearch.search.sort.SortOrder;

/** The events search a lookup sends, and how its hits become a history, oldest first. */
public class UserHistoryLookupTests {

    @Test
    public void testRequestAsksForTheLatestEventsOfTheUserOnly() {
        EventsSource events = new EventsSource("events", "user", "sku", "at", 7);
        SearchRequest request = UserHistoryLookup.request("u-42", events);
        assertArrayEquals(new String[] {"events"}, request.indices());
        assertEquals(Boolean.FALSE, request.allowPartialSearchResults());
        SearchSourceBuilder source = request.source();
        assertEquals(new TermQueryBuilder("user", "u-42"), source.query());
        assertEquals(1, source.sorts().size());
        FieldSortBuilder sort = (FieldSortBuilder) source.sorts().get(0);
        assertEquals("at", sort.getFieldName());
        assertEquals(SortOrder.DESC, sort.order());
        assertEquals(7, source.size());
        assertFalse(source.fetchSource().fetchSource());
        assertEquals(List.of(new FieldAndFormat("sku", null), new FieldAndFormat("at", null)), source.docValueFields());
        assertEquals(-1, source.trackTotalHitsUpTo().intValue()); // track_total_hits: false
        assertNull(request.validate());
    }

    @Test
    public void testSeveralIndicesAreCommaSeparated() {
        assertArrayEquals(
                new String[] {"clicks", "orders-*"},
                UserHistoryLookup.request("u", EventsSource.of("clicks,orders-*"))
                        .indices());
    }

    private static SearchHit hit(int doc, String field, Object... values) {
        Map<String, DocumentField> fields =
                values.length == 0 ? Map.of() : Map.of(field, new DocumentField(field, List.of(values)));
        return new SearchHit(doc, "e" + doc, fields, Map.of());
    }

    private static SearchHits hits(SearchHit... newestFirst) {
        return new SearchHits(newestFirst, null, Float.NaN);
    }

    @Test
    public void testHitsNewestFirstBecomeAHistoryOldestFirst() {
        SearchHits newestFirst = hits(hit(5, "sku", "sku-3"), hit(2, "sku", "sku-8"), hit(9, "sku", "sku-1"));
        assertEquals(List.of("sku-1", "sku-8", "sku-3"), UserHistoryLookup.history(newestFirst, "sku"));
    }

    @Test
    public void testHitsWithoutTheFieldAreSkippedAndSeveralIdsAllCount() {
        SearchHits newestFirst = hits(
                hit(1, "sku", "a"), hit(2, "sku"), hit(3, "other", "x"), hit(4, "sku", "b", "c"), hit(5, "sku", 17L));
        assertEquals(List.of("17", "b", "c", "a"), UserHistoryLookup.history(newestFirst, "sku"));
    }

    @Test
    public void testNoEventsIsAnEmptyHistory() {
        assertEquals(
                List.of(),
                UserHistoryLookup.history(
                        new SearchHits(new SearchHit[0], new TotalHits(0, TotalHits.Relation.EQUAL_TO), 0f), "sku"));
    }

    @Test
    public void testLongHistoriesKeepTheirOrder() {
        int n = 200;
        SearchHit[] newestFirst = new SearchHit[n];
        List<String> oldestFirst = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            newestFirst[i] = hit(i, "item_id", "sku-" + (n - i));
            oldestFirst.add("sku-" + (i + 1));
        }
        assertEquals(oldestFirst, UserHistoryLookup.history(hits(newestFirst), "item_id"));
    }

    private static SearchHit timedHit(int doc, String item, Object time) {
        Map<String, DocumentField> fields = new java.util.HashMap<>();
        fields.put("item_id", new DocumentField("item_id", List.of(item)));
        if (time != null) {
            fields.put("timestamp", new DocumentField("timestamp", List.of(time)));
        }
        return new SearchHit(doc, "e" + doc, fields, Map.of());
    }

    @Test
    public void testEventTimesComeWithTheItemsAndAMissingOneLeavesTheHistoryWithoutTimes() {
        EventsSource events = EventsSource.of("events");
        double now = 1_764_500_000;
        TimedHistory h = UserHistoryLookup.timedHistory(
                hits(timedHit(2, "sku-2", "2025-11-30T10:01:00.000Z"), timedHit(1, "sku-1", 1_764_496_800L)),
                events,
                now);
        assertEquals(new TimedHistory(List.of("sku-1", "sku-2"), new double[] {1_764_496_800, 1_764_496_860}, now), h);
        TimedHistory partly = UserHistoryLookup.timedHistory(
                hits(timedHit(2, "sku-2", null), timedHit(1, "sku-1", 1_764_496_800L)), events, now);
        assertFalse(partly.hasTimes());
        assertEquals(List.of("sku-1", "sku-2"), partly.items());

        IllegalArgumentException e = org.junit.Assert.assertThrows(
                IllegalArgumentException.class,
                () -> UserHistoryLookup.timedHistory(hits(timedHit(1, "sku-1", "tomorrow")), events, now));
        assertEquals(
                "[events] [time_field] [timestamp] of event [e1] [tomorrow] is not a time: use ISO-8601"
                        + " (e.g. 2026-11-30T10:00:00Z) or epoch seconds",
                e.getMessage());
        e = org.junit.Assert.assertThrows(
                IllegalArgumentException.class,
                () -> UserHistoryLookup.timedHistory(hits(timedHit(1, "sku-1", now + 3_600)), events, now));
        assertTrue(e.getMessage(), e.getMessage().contains("of event [e1] [2025-11-30T11:53:20Z] is in the future"));
    }
}
