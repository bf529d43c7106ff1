package org.seqrec.plugin.transport;

import java.io.IOException;
import org.opensearch.action.support.nodes.BaseNodesRequest;
import org.opensearch.core.common.io.stream.StreamInput;

/** Stats of the given nodes (all when none are named). */
public final class StatsRequest extends BaseNodesRequest<StatsRequest> {
    public StatsRequest(String... nodeIds) {
        super(nodeIds);
    }

    public StatsRequest(StreamInput in) throws IOException {
        super(in);
    }
}
