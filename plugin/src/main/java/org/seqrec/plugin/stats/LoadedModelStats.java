package org.seqrec.plugin.stats;

import java.io.IOException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentObject;
import org.opensearch.core.xcontent.XContentBuilder;

/**
 * One model version loaded on a node.
 *
 * @param version the store's upload id, or {@code config-file}
 * @param memoryBytes its estimated memory, as the model cache bound counts it (HNSW graph included)
 * @param device where its encoder runs ({@code cpu}, {@code gpu(0)}), or {@code null} when this
 *     node only scores hits with it and never opened the encoder
 * @param itemIndex which index answers its searches: {@code exact}, {@code building} (exact while
 *     the HNSW graph is built) or {@code hnsw}
 * @param itemIndexNativeBytes the HNSW graph's estimated native memory (building or built), else 0
 */
public record LoadedModelStats(
        String modelId, String version, long memoryBytes, String device, String itemIndex, long itemIndexNativeBytes)
        implements Writeable, ToXContentObject {

    public static LoadedModelStats readFrom(StreamInput in) throws IOException {
        return new LoadedModelStats(
                in.readString(),
                in.readString(),
                in.readVLong(),
                in.readOptionalString(),
                in.readString(),
                in.readVLong());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(modelId);
        out.writeString(version);
        out.writeVLong(memoryBytes);
        out.writeOptionalString(device);
        out.writeString(itemIndex);
        out.writeVLong(itemIndexNativeBytes);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.startObject()
                .field("model_id", modelId)
                .field("version", version)
                .field("memory_bytes", memoryBytes)
                .field("encoder_device", device)
                .field("item_index", itemIndex)
                .field("item_index_native_bytes", itemIndexNativeBytes)
                .endObject();
    }
}
