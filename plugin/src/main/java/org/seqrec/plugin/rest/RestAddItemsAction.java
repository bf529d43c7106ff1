package org.seqrec.plugin.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.opensearch.OpenSearchStatusException;
import org.opensearch.core.common.unit.ByteSizeValue;
import org.opensearch.core.rest.RestStatus;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;
import org.seqrec.model.NewItems;
import org.seqrec.plugin.transport.AddItemsAction;
import org.seqrec.plugin.transport.AddItemsRequest;

/**
 * {@code POST /_plugins/_seqrec/models/{model_id}/_items}: adds items to a model trained with item
 * features, without retraining. Body: {@code {"items": [{"id": "sku-new", "features": {"brand":
 * "acme", "category": ["gloves", "winter"]}}, ...]}}, at most {@value #MAX_ITEMS} items and
 * {@value #MAX_BODY_BYTES} bytes (413 beyond). Anything malformed is a 400 and nothing changes.
 */
public final class RestAddItemsAction extends BaseRestHandler {
    /** The most items one request may add. */
    public static final int MAX_ITEMS = 10_000;
    /** The largest body accepted. */
    public static final int MAX_BODY_BYTES = 10 * 1024 * 1024;

    static final String PATH = RestGetModelsAction.MODEL_PATH + "/_items";
    private static final String NAME = "[add items]";

    @Override
    public String getName() {
        return "seqrec_add_items_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.POST, PATH));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        String modelId = request.param("model_id");
        if (request.hasContent() == false) {
            throw new IllegalArgumentException(
                    NAME + " needs a body: {\"items\": [{\"id\": ..., \"features\": {...}}]}");
        }
        if (request.content().length() > MAX_BODY_BYTES) {
            throw new OpenSearchStatusException(
                    NAME + " body of {} is larger than the {} allowed; send the items in several requests",
                    RestStatus.REQUEST_ENTITY_TOO_LARGE,
                    new ByteSizeValue(request.content().length()),
                    new ByteSizeValue(MAX_BODY_BYTES));
        }
        List<NewItems.Item> items;
        try (XContentParser parser = request.contentParser()) {
            items = parse(parser.map());
        }
        AddItemsRequest add = new AddItemsRequest(modelId, items);
        return channel -> client.execute(AddItemsAction.INSTANCE, add, new RestToXContentListener<>(channel));
    }

    /** Reads the body; a 400 says what is wrong and where. */
    static List<NewItems.Item> parse(Map<String, Object> body) {
        if (body.size() != 1 || body.get("items") instanceof List<?> == false) {
            throw new IllegalArgumentException(
                    NAME + " body must be {\"items\": [...]}, got the fields " + body.keySet());
        }
        List<?> list = (List<?>) body.get("items");
        if (list.isEmpty() || list.size() > MAX_ITEMS) {
            throw new IllegalArgumentException(
                    NAME + " [items] must hold 1 to " + MAX_ITEMS + " items, got " + list.size());
        }
        List<NewItems.Item> items = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String where = NAME + " [items][" + i + "]";
            if (!(list.get(i) instanceof Map<?, ?> item)) {
                throw new IllegalArgumentException(where + " must be an object {\"id\": ..., \"features\": {...}}");
            }
            for (Object key : item.keySet()) {
                if ("id".equals(key) == false && "features".equals(key) == false) {
                    throw new IllegalArgumentException(where + " has an unknown field [" + key + "]");
                }
            }
            if (!(item.get("id") instanceof String id)) {
                throw new IllegalArgumentException(where + " [id] must be a string");
            }
            if (!(item.get("features") instanceof Map<?, ?> features)) {
                throw new IllegalArgumentException(where + " [features] must be an object from feature name to values");
            }
            Map<String, List<String>> values = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : features.entrySet()) {
                List<String> v = new ArrayList<>();
                Object raw = e.getValue();
                for (Object o : raw instanceof List<?> l ? l : List.of(raw == null ? List.of() : raw)) {
                    if (o instanceof String || o instanceof Number) {
                        v.add(o.toString());
                    } else {
                        throw new IllegalArgumentException(
                                where + " [features] [" + e.getKey() + "] must be a string or a list of strings");
                    }
                }
                values.put((String) e.getKey(), v);
            }
            items.add(new NewItems.Item(id, values));
        }
        return items;
    }
}
