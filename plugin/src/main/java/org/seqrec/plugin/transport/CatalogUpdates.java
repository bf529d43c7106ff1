package org.seqrec.plugin.transport;

import org.opensearch.common.unit.TimeValue;
import org.opensearch.common.util.concurrent.ThreadContext;
import org.opensearch.threadpool.ThreadPool;
import org.opensearch.transport.client.Client;

/** Sends {@link UpdateCatalogAction} from the put and delete actions and waits for it. */
final class CatalogUpdates {
    private static final TimeValue TIMEOUT = TimeValue.timeValueMinutes(2);

    private CatalogUpdates() {}

    /** Blocks: call it on the generic pool. */
    static UpdateCatalogResponse run(Client client, ThreadPool threadPool, UpdateCatalogRequest request) {
        // The catalogue is the plugin's own state: the caller's permission to put or delete models is what counts.
        try (ThreadContext.StoredContext ignored = threadPool.getThreadContext().stashContext()) {
            return client.execute(UpdateCatalogAction.INSTANCE, request).actionGet(TIMEOUT);
        }
    }
}
