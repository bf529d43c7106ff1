package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.List;
import org.opensearch.action.support.nodes.BaseNodeResponse;
import org.opensearch.cluster.node.DiscoveryNode;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.stats.LatencyReservoir;
import org.seqrec.plugin.stats.LoadedModelStats;
import org.seqrec.plugin.stats.SeqRecStats;

/** One node's part of {@code GET /_plugins/_seqrec/stats}. */
public final class NodeStats extends BaseNodeResponse implements ToXContentFragment {
    private final String deviceSetting;
    private final List<LoadedModelStats> models;
    private final SeqRecStats.Counters counters;

    public NodeStats(DiscoveryNode node, String deviceSetting, List<LoadedModelStats> models, SeqRecStats.Counters counters) {
        super(node);
        this.deviceSetting = deviceSetting;
        this.models = List.copyOf(models);
        this.counters = counters;
    }

    public NodeStats(StreamInput in) throws IOException {
        super(in);
        this.deviceSetting = in.readString();
        this.models = in.readList(LoadedModelStats::readFrom);
        this.counters = SeqRecStats.Counters.readFrom(in);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(deviceSetting);
        out.writeList(models);
        counters.writeTo(out);
    }

    public List<LoadedModelStats> models() {
        return models;
    }

    public SeqRecStats.Counters counters() {
        return counters;
    }

    /** The device the node's encoders run on: that of a loaded encoder, else what the setting asks for. */
    String device() {
        return models.stream().map(LoadedModelStats::device).filter(d -> d != null).findFirst().orElse(null);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(getNode().getId());
        builder.field("name", getNode().getName());
        builder.field("device", device());
        builder.field("device_setting", deviceSetting);
        builder.field("loaded_models_memory_bytes", models.stream().mapToLong(LoadedModelStats::memoryBytes).sum());
        builder.startArray("loaded_models");
        for (LoadedModelStats m : models) {
            m.toXContent(builder, params);
        }
        builder.endArray();
        builder.field("encodes", counters.encodes());
        builder.field("encode_errors", counters.encodeErrors());
        builder.field("rescored_hits", counters.rescoredHits());
        builder.field("model_cache_hits", counters.cacheHits());
        builder.field("model_cache_misses", counters.cacheMisses());
        builder.field("model_load_errors", counters.loadErrors());
        LatencyReservoir.Percentiles p = counters.encodeLatency();
        builder.startObject("encode_latency_ms")
                .field("count", p.count())
                .field("p50", p.p50Millis())
                .field("p90", p.p90Millis())
                .field("p99", p.p99Millis())
                .field("max", p.maxMillis())
                .endObject();
        return builder.endObject();
    }
}
