package org.seqrec.plugin.transport;

import java.io.IOException;
import org.opensearch.core.action.ActionResponse;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.seqrec.plugin.store.CatalogEntry;

/**
 * The model's catalogue entry before and after the change ({@code null} where it did not exist),
 * and whether every node acknowledged the new cluster state in time.
 */
public final class UpdateCatalogResponse extends ActionResponse {
    private final boolean acknowledged;
    private final CatalogEntry before;
    private final CatalogEntry after;

    public UpdateCatalogResponse(boolean acknowledged, CatalogEntry before, CatalogEntry after) {
        this.acknowledged = acknowledged;
        this.before = before;
        this.after = after;
    }

    public UpdateCatalogResponse(StreamInput in) throws IOException {
        super(in);
        this.acknowledged = in.readBoolean();
        this.before = in.readOptionalWriteable(CatalogEntry::readFrom);
        this.after = in.readOptionalWriteable(CatalogEntry::readFrom);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        out.writeBoolean(acknowledged);
        out.writeOptionalWriteable(before);
        out.writeOptionalWriteable(after);
    }

    public boolean acknowledged() {
        return acknowledged;
    }

    public CatalogEntry before() {
        return before;
    }

    public CatalogEntry after() {
        return after;
    }
}
