package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.List;
import org.opensearch.action.FailedNodeException;
import org.opensearch.action.support.nodes.BaseNodesResponse;
import org.opensearch.cluster.ClusterName;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

/** {@code {"_nodes": {...}, "cluster_name", "nodes": {"<node id>": {...}}}}, like OpenSearch's node stats. */
public final class StatsResponse extends BaseNodesResponse<NodeStats> implements ToXContentObject {

    public StatsResponse(ClusterName clusterName, List<NodeStats> nodes, List<FailedNodeException> failures) {
        super(clusterName, nodes, failures);
    }

    public StatsResponse(StreamInput in) throws IOException {
        super(in);
    }

    @Override
    protected List<NodeStats> readNodesFrom(StreamInput in) throws IOException {
        return in.readList(NodeStats::new);
    }

    @Override
    protected void writeNodesTo(StreamOutput out, List<NodeStats> nodes) throws IOException {
        out.writeList(nodes);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject();
        builder.startObject("_nodes")
                .field("total", getNodes().size() + failures().size())
                .field("successful", getNodes().size())
                .field("failed", failures().size())
                .endObject();
        builder.field("cluster_name", getClusterName().value());
        builder.startObject("nodes");
        for (NodeStats node : getNodes()) {
            node.toXContent(builder, params);
        }
        builder.endObject();
        return builder.endObject();
    }
}
