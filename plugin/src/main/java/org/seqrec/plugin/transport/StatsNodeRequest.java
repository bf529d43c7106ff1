package org.seqrec.plugin.transport;

import java.io.IOException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.transport.TransportRequest;

/** The per-node part of a {@link StatsRequest} (it carries nothing). */
public final class StatsNodeRequest extends TransportRequest {
    public StatsNodeRequest() {}

    public StatsNodeRequest(StreamInput in) throws IOException {
        super(in);
    }
}
