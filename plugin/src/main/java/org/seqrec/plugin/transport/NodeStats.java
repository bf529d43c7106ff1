package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.List;
import org.opensearch.action.support.nodes.BaseNodeResponse;
import org.opensearch.cluster.node.DiscoveryNode;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;
import org.seqrec.plugin.inference.UserVectorCache;
import org.seqrec.plugin.stats.LatencyReservoir;
import org.seqrec.plugin.stats.LoadedModelStats;
import org.seqrec.plugin.stats.SeqRecStats;

/** One node's part of {@code GET /_plugins/_seqrec/stats}. */
public final class NodeStats extends BaseNodeResponse implements ToXContentFragment {
    private final String deviceSetting;
    private final List<LoadedModelStats> models;
    private final SeqRecStats.Counters counters;
    private final UserVectorCache.Stats userVectors;

    public NodeStats(
            DiscoveryNode node,
            String deviceSetting,
            List<LoadedModelStats> models,
            SeqRecStats.Counters counters,
            UserVectorCache.Stats userVectors) {
        super(node);
        this.deviceSetting = deviceSetting;
        this.models = List.copyOf(models);
        this.counters = counters;
        this.userVectors = userVectors;
    }

    public NodeStats(StreamInput in) throws IOException {
        super(in);
        this.deviceSetting = in.readString();
        this.models = in.readList(LoadedModelStats::readFrom);
        this.counters = SeqRecStats.Counters.readFrom(in);
        this.userVectors = UserVectorCache.Stats.readFrom(in);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(deviceSetting);
        out.writeList(models);
        counters.writeTo(out);
        userVectors.writeTo(out);
    }

    public List<LoadedModelStats> models() {
        return models;
    }

    public SeqRecStats.Counters counters() {
        return counters;
    }

    public UserVectorCache.Stats userVectors() {
        return userVectors;
    }

    /** The device the node's encoders run on: that of a loaded encoder, else what the setting asks for. */
    String device() {
        return models.stream()
                .map(LoadedModelStats::device)
                .filter(d -> d != null)
                .findFirst()
                .orElse(null);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(getNode().getId());
        builder.field("name", getNode().getName());
        builder.field("device", device());
        builder.field("device_setting", deviceSetting);
        builder.field(
                "loaded_models_memory_bytes",
                models.stream().mapToLong(LoadedModelStats::memoryBytes).sum());
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
        percentiles(builder, "encode_latency_ms", counters.encodeLatency());
        SeqRecStats.Batching batching = counters.batching();
        builder.startObject("batching")
                .field("batches", batching.batches())
                .field("histories", batching.histories())
                .field("mean_size", Math.round(batching.meanSize() * 100) / 100.0)
                .field("largest", batching.largest());
        percentiles(builder, "queue_wait_ms", batching.queueWait());
        builder.field("calling_thread", batching.callingThread());
        builder.endObject();
        builder.startObject("user_vector_cache")
                .field("enabled", userVectors.enabled())
                .field("hits", userVectors.hits())
                .field("misses", userVectors.misses())
                .field("evictions", userVectors.evictions())
                .field("count", userVectors.count())
                .field("memory_bytes", userVectors.memoryBytes())
                .endObject();
        return builder.endObject();
    }

    private static void percentiles(XContentBuilder builder, String name, LatencyReservoir.Percentiles p)
            throws IOException {
        builder.startObject(name)
                .field("count", p.count())
                .field("p50", p.p50Millis())
                .field("p90", p.p90Millis())
                .field("p99", p.p99Millis())
                .field("max", p.maxMillis())
                .endObject();
    }
}
