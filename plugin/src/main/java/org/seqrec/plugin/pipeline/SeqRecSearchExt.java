package org.seqrec.plugin.pipeline;

import java.io.IOException;
import java.util.Objects;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.opensearch.core.xcontent.XContentBuilder;
import org.opensearch.search.SearchExtBuilder;
import org.seqrec.plugin.clause.ClauseFields;

/**
 * The search request's {@code "ext": {"seqrec": {"user_id": "u-42"}}}: names the user the
 * {@code seqrec_personalize} search pipeline processor personalises for. Parsed by {@code
 * org.seqrec.plugin.parse.SeqRecSearchExtParser}; it travels with the search source to every shard
 * (a named writeable, registered by the plugin), where nothing reads it.
 *
 * <p>Immutable.
 */
public final class SeqRecSearchExt extends SearchExtBuilder {
    public static final String NAME = ClauseFields.NAME;

    private final String userId;

    /** @param userId the user, not blank */
    public SeqRecSearchExt(String userId) {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException(
                    "[" + ClauseFields.USER_ID.getPreferredName() + "] must be a non-empty string");
        }
        this.userId = userId;
    }

    /** Reads what {@link #writeTo} writes. */
    public SeqRecSearchExt(StreamInput in) throws IOException {
        this(in.readString());
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeString(userId);
    }

    @Override
    public String getWriteableName() {
        return NAME;
    }

    public String userId() {
        return userId;
    }

    @Override
    public XContentBuilder toXContent(XContentBuilder builder, Params params) throws IOException {
        builder.startObject(NAME);
        builder.field(ClauseFields.USER_ID.getPreferredName(), userId);
        return builder.endObject();
    }

    @Override
    public boolean equals(Object obj) {
        return obj instanceof SeqRecSearchExt other && userId.equals(other.userId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(NAME, userId);
    }
}
