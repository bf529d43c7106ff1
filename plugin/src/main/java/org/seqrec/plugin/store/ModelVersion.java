package org.seqrec.plugin.store;

import java.io.IOException;
import java.util.Objects;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.common.io.stream.Writeable;
import org.opensearch.core.xcontent.ToXContentFragment;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.core.xcontent.XContentParser;

/**
 * One uploaded artifact of a model, as the cluster state records it: where its bytes are in the
 * store ({@code uploadId}, {@code chunkCount}) and what they must hash to.
 *
 * @param uploadId a fresh UUID per upload; it names the artifact's chunk documents and is the
 *     version token that searches pin (see {@link org.seqrec.plugin.model.ModelRef})
 * @param generation 1 for a model's first upload, then +1 for each replacement
 * @param sizeBytes the artifact's length
 * @param sha256 hex SHA-256 of the whole artifact, checked after the chunks are read back
 * @param chunkCount how many chunk documents hold it
 * @param uploadedAtMillis when the upload was published (epoch millis)
 */
public record ModelVersion(
        String uploadId, long generation, long sizeBytes, String sha256, int chunkCount, long uploadedAtMillis)
        implements Writeable, ToXContentFragment {

    public ModelVersion {
        Objects.requireNonNull(uploadId, "uploadId");
        Objects.requireNonNull(sha256, "sha256");
        if (generation < 1 || sizeBytes < 0 || chunkCount < 0) {
            throw new IllegalArgumentException("generation, size and chunk count must be positive");
        }
    }

    /** This upload as generation {@code g}. */
    public ModelVersion withGeneration(long g) {
        return new ModelVersion(uploadId, g, sizeBytes, sha256, chunkCount, uploadedAtMillis);
    }

    public static ModelVersion readFrom(StreamInput in) throws IOException {
        return new ModelVersion(
                in.readString(), in.readVLong(), in.readVLong(), in.readString(), in.readVInt(), in.readVLong());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(uploadId);
        out.writeVLong(generation);
        out.writeVLong(sizeBytes);
        out.writeString(sha256);
        out.writeVInt(chunkCount);
        out.writeVLong(uploadedAtMillis);
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        return builder.field("upload_id", uploadId)
                .field("generation", generation)
                .field("size_bytes", sizeBytes)
                .field("sha256", sha256)
                .field("chunk_count", chunkCount)
                .field("uploaded_at_millis", uploadedAtMillis);
    }

    /** Reads the fields {@link #toXContent} writes, from the object the parser is in. */
    public static ModelVersion fromXContent(XContentParser parser) throws IOException {
        String uploadId = null;
        String sha = null;
        long generation = 0;
        long size = 0;
        long uploadedAt = 0;
        int chunks = 0;
        XContentParser.Token token;
        while ((token = parser.nextToken()) != XContentParser.Token.END_OBJECT) {
            if (token != XContentParser.Token.FIELD_NAME) {
                throw new IOException("expected a field in a seqrec model version, got " + token);
            }
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case "upload_id" -> uploadId = parser.text();
                case "generation" -> generation = parser.longValue();
                case "size_bytes" -> size = parser.longValue();
                case "sha256" -> sha = parser.text();
                case "chunk_count" -> chunks = parser.intValue();
                case "uploaded_at_millis" -> uploadedAt = parser.longValue();
                default -> parser.skipChildren();
            }
        }
        return new ModelVersion(uploadId, generation, size, sha, chunks, uploadedAt);
    }
}
