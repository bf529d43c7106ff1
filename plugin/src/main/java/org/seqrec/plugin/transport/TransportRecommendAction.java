package org.seqrec.plugin.transport;

import java.util.concurrent.TimeUnit;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.transport.TransportService;
import org.opensearch.transport.client.Client;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.retrieval.ItemRetrieval;

/**
 * Runs {@link RecommendAction} on the node that received it: looks the user's events up when the
 * request names a {@code user_id} (one search of the events index, as the caller, like the clauses'
 * lookup), then loads the model if needed, encodes the history and searches the model's item index
 * on the {@code seqrec_inference} pool (never on the network thread that called). Unknown model:
 * 404; missing events index: 404; bad values: 400; pool full: 429.
 */
public final class TransportRecommendAction extends HandledTransportAction<RecommendRequest, RecommendResponse> {
    private final SeqRecServices services;
    private final Client client;

    @Inject
    public TransportRecommendAction(
            TransportService transportService, ActionFilters actionFilters, SeqRecServices services, Client client) {
        super(RecommendAction.NAME, transportService, actionFilters, RecommendRequest::new);
        this.services = services;
        this.client = client;
    }

    @Override
    protected void doExecute(Task task, RecommendRequest request, ActionListener<RecommendResponse> listener) {
        long start = System.nanoTime();
        try {
            request.history().checkLength(services.maxHistoryLength());
        } catch (IllegalArgumentException e) {
            listener.onFailure(e);
            return;
        }
        // at once for a given history; a user's events come from a search, in the caller's context
        request.history()
                .fetch(
                        client,
                        ActionListener.wrap(
                                history -> ItemRetrieval.retrieveAsync(
                                        services,
                                        request.modelId(),
                                        history,
                                        request.k(),
                                        request.excludeHistory(),
                                        request.efSearch(),
                                        ActionListener.map(
                                                listener,
                                                items -> new RecommendResponse(
                                                        request.modelId(),
                                                        items,
                                                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)))),
                                listener::onFailure));
    }
}
