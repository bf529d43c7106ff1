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
     * The search for {@code userId}'s latest {@code events.size()} events: a {@code term} query on
     * the user field, sorted by the time field, newest first; only the item field's doc values are
     * fetched, total hits are not counted, and a failed shard fails the search (a partial history
     * would silently change the user's scores).
     */
    public static SearchRequest request(String userId, EventsSource events) {
        SearchSourceBuilder source = new SearchSourceBuilder()
                .query(QueryBuilders.termQuery(events.userField(), userId))
                .sort(SortBuilders.fieldSort(events.timeField()).order(SortOrder.DESC))
                .size(events.size())
                .fetchSource(false)
                .docValueField(events.itemField())
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
