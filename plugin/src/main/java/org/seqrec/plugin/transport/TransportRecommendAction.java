package org.seqrec.plugin.transport;

import java.util.concurrent.TimeUnit;
import org.opensearch.action.support.ActionFilters;
import org.opensearch.action.support.HandledTransportAction;
import org.opensearch.common.inject.Inject;
import org.opensearch.core.action.ActionListener;
import org.opensearch.tasks.Task;
import org.opensearch.transport.TransportService;
import org.seqrec.plugin.SeqRecServices;
import org.seqrec.plugin.history.HistorySpec;
import org.seqrec.plugin.retrieval.ItemRetrieval;

/**
 * Runs {@link RecommendAction} on the node that received it: loads the model if needed, encodes the
 * history and searches the model's item index on the {@code seqrec_inference} pool (never on the
 * network thread that called). Unknown model: 404; bad values: 400; pool full: 429.
 */
public final class TransportRecommendAction extends HandledTransportAction<RecommendRequest, RecommendResponse> {
    private final SeqRecServices services;

    @Inject
    public TransportRecommendAction(
            TransportService transportService, ActionFilters actionFilters, SeqRecServices services) {
        super(RecommendAction.NAME, transportService, actionFilters, RecommendRequest::new);
        this.services = services;
    }

    @Override
    protected void doExecute(Task task, RecommendRequest request, ActionListener<RecommendResponse> listener) {
        long start = System.nanoTime();
        try {
            HistorySpec.checkHistoryLength(request.history(), services.maxHistoryLength());
        } catch (IllegalArgumentException e) {
            listener.onFailure(e);
            return;
        }
        ItemRetrieval.retrieveAsync(
                services,
                request.modelId(),
                request.history(),
                request.k(),
                request.excludeHistory(),
                request.efSearch(),
                ActionListener.map(
                        listener,
                        items -> new RecommendResponse(
                                request.modelId(), items, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start))));
    }
}
