package org.seqrec.plugin.transport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.action.ActionRequest;
import org.opensearch.action.ActionRequestValidationException;
import org.opensearch.core.common.io.stream.StreamInput;
import org.opensearch.core.common.io.stream.StreamOutput;
import org.seqrec.model.NewItems;
import org.seqrec.plugin.model.ModelIds;

/** A model id and the items to add to it, each with its feature values by feature name. */
public final class AddItemsRequest extends ActionRequest {
    private final String modelId;
    private final List<NewItems.Item> items;

    /** @throws IllegalArgumentException (400) for an invalid model id */
    public AddItemsRequest(String modelId, List<NewItems.Item> items) {
        this.modelId = ModelIds.validate(modelId);
        this.items = List.copyOf(items);
    }

    public AddItemsRequest(StreamInput in) throws IOException {
        super(in);
        this.modelId = in.readString();
        int n = in.readVInt();
        List<NewItems.Item> read = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = in.readString();
            int fields = in.readVInt();
            Map<String, List<String>> features = new LinkedHashMap<>();
            for (int f = 0; f < fields; f++) {
                features.put(in.readString(), in.readStringList());
            }
            read.add(new NewItems.Item(id, features));
        }
        this.items = List.copyOf(read);
    }

    @Override
    public void writeTo(StreamOutput out) throws IOException {
        super.writeTo(out);
        out.writeString(modelId);
        out.writeVInt(items.size());
        for (NewItems.Item item : items) {
            out.writeString(item.id());
            out.writeVInt(item.features().size());
            for (Map.Entry<String, List<String>> e : item.features().entrySet()) {
                out.writeString(e.getKey());
                out.writeStringCollection(e.getValue());
            }
        }
    }

    public String modelId() {
        return modelId;
    }

    public List<NewItems.Item> items() {
        return items;
    }

    @Override
    public ActionRequestValidationException validate() {
        return null;
    }
}
