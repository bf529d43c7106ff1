package org.seqrec.plugin.history;

import java.util.ArrayList;
import java.util.List;
import org.opensearch.action.search.SearchRequest;
import org.opensearch.common.document.DocumentField;
import org.opensearch.core.action.ActionListener;
import org.opensearch.core.common.Strings;
import org.opensearch.index.query.QueryBuilders;
import org.opensearch.search.SearchHit;
import org.opensearch.search.SearchHits;
import org.opensearch.search.builder.SearchSourceBuilder;
import org.opensearch.search.fetch.StoredFieldsContext;
import org.opensearch.search.sort.SortBuilders;
import org.opensearch.search.sort.SortOrder;
import org.opensearch.transport.client.Client;

/**
 * Looks a user's history up in an events index: one search for the user's latest events, newest
 * first, turned into their item ids, oldest first (the order the model reads).
 *
 * <p>The search is an ordinary search request sent with the client the caller hands in, in the
 * caller's thread context: on the coordinating node of a {@code seqrec} clause, that is the search
 * request's own user, so index permissions apply to the events index as to any index the user
 * searches. Stateless and thread-safe.
 */
public final class UserHistoryLookup {
    private UserHistoryLookup() {}

    /**
     * Searches {@code events} for {@code userId}'s latest events and answers their item ids, oldest
     * first. Never blocks: {@code listener} is answered on the thread that receives the search
     * response. Failures of the search (missing index: 404, a time field that cannot be sorted on:
     * 400, a shard failure) go to {@code listener.onFailure} as they are.
     */
    public static void fetch(Client client, String userId, EventsSource events, ActionListener<List<String>> listener) {
        client.search(
                request(userId, events),
                ActionListener.map(listener, response -> history(response.getHits(), events.itemField())));
    }

    /**
     * {@link #fetch} with the events' times ({@code events.timeField()} doc values: a {@code date}
     * field's formatted value, or a number of epoch seconds; see {@link HistoryTimes#parse}), answered
     * as a {@link TimedHistory} scored at {@code now}. When an event has no time the history has no
     * times (a time-blind model does not need them; a time-reading one refuses such a history). A
     * time that is no time, or after {@code now} beyond the tolerance, fails with a 400 naming the field.
     */
    public static void fetchTimed(
            Client client, String userId, EventsSource events, double now, ActionListener<TimedHistory> listener) {
        client.search(
                request(userId, events),
                ActionListener.map(listener, response -> timedHistory(response.getHits(), events, now)));
    }

    /** The items and, when every event has one, the times of {@code hits} (newest first), oldest first. */
    public static TimedHistory timedHistory(SearchHits hits, EventsSource events, double now) {
        SearchHit[] newestFirst = hits.getHits();
        List<String> items = new ArrayList<>(newestFirst.length);
        List<Double> times = new ArrayList<>(newestFirst.length);
        boolean allTimed = true;
        String field = "[events] [time_field] [" + events.timeField() + "]";
        for (int i = newestFirst.length - 1; i >= 0; i--) {
            DocumentField item = newestFirst[i].field(events.itemField());
            if (item == null) {
                continue;
            }
            DocumentField time = newestFirst[i].field(events.timeField());
            Double t = null;
            if (time == null || time.getValue() == null) {
                allTimed = false;
            } else {
                String which = field + " of " + event(newestFirst, i);
                t = HistoryTimes.parse(time.getValue(), which);
                HistoryTimes.checkNotFuture(t, now, which);
            }
            for (Object value : item.getValues()) {
                if (value != null) {
                    items.add(value.toString());
                    times.add(t);
                }
            }
        }
        if (!allTimed) {
            return new TimedHistory(items, null, now);
        }
        double[] t = new double[times.size()];
        for (int i = 0; i < t.length; i++) {
            // sorted newest first by the search; equal times keep their order
            t[i] = i > 0 ? Math.max(times.get(i), t[i - 1]) : times.get(i);
        }
        return new TimedHistory(items, t, now);
    }

    /** Names hit i in a message: by its id where the hit has one ({@link #request} loads none), else by its rank. */
    private static String event(SearchHit[] newestFirst, int i) {
        String id = newestFirst[i].getId();
        return id != null ? "event [" + id + "]" : "the user's event " + (i + 1) + " (newest first)";
    }

    /**
     * The search for {@code userId}'s latest {@code events.size()} events: a {@code term} query on
     * the user field, sorted by the time field, newest first; only the item and time fields' doc values
     * are fetched (no stored field at all, not even {@code _id}: reading stored fields decompresses a
     * block of documents per hit), total hits are not counted, and a failed shard fails the search (a
     * partial history would silently change the user's scores).
     */
    public static SearchRequest request(String userId, EventsSource events) {
        SearchSourceBuilder source = new SearchSourceBuilder()
                .query(QueryBuilders.termQuery(events.userField(), userId))
                .sort(SortBuilders.fieldSort(events.timeField()).order(SortOrder.DESC))
                .size(events.size())
                .fetchSource(false)
                .storedField(StoredFieldsContext._NONE_)
                .docValueField(events.itemField())
                .docValueField(events.timeField())
                .trackTotalHits(false);
        SearchRequest request = new SearchRequest(Strings.splitStringByCommaToArray(events.index())).source(source);
        request.allowPartialSearchResults(false);
        return request;
    }

    /**
     * The item ids of {@code hits} (newest first, as {@link #request} sorts them), oldest first. A
     * hit without {@code itemField} is skipped; a hit with several ids adds them all, in the order
     * its doc values hold them. Numbers are taken as their text.
     */
    public static List<String> history(SearchHits hits, String itemField) {
        SearchHit[] newestFirst = hits.getHits();
        List<String> history = new ArrayList<>(newestFirst.length);
        for (int i = newestFirst.length - 1; i >= 0; i--) {
            DocumentField field = newestFirst[i].field(itemField);
            if (field == null) {
                continue;
            }
            for (Object value : field.getValues()) {
                if (value != null) {
                    history.add(value.toString());
                }
            }
        }
        return history;
    }
}
