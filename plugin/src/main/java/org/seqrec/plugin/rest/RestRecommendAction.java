package org.seqrec.plugin.rest;

import java.io.IOException;
import java.util.List;
import org.opensearch.core.ParseField;
import org.opensearch.core.common.ParsingException;
import org.opensearch.core.xcontent.ObjectParser;
import org.opensearch.core.xcontent.XContentParseException;
import org.opensearch.core.xcontent.XContentParser;
import org.opensearch.rest.BaseRestHandler;
import org.opensearch.rest.RestRequest;
import org.opensearch.rest.action.RestToXContentListener;
import org.opensearch.transport.client.node.NodeClient;
import org.seqrec.plugin.parse.ClauseParsing;
import org.seqrec.plugin.transport.RecommendAction;
import org.seqrec.plugin.transport.RecommendRequest;

/**
 * {@code POST /_plugins/_seqrec/models/{model_id}/_recommend} with
 * {@code {"history": [...], "k": 10, "exclude_history": true}}: runs {@link RecommendAction}. A
 * missing or malformed body, an unknown field or a bad value is a 400 naming the field.
 */
public final class RestRecommendAction extends BaseRestHandler {
    static final String PATH = "/_plugins/_seqrec/models/{model_id}/_recommend";
    private static final String NAME = "_recommend";

    private static final ParseField HISTORY = new ParseField("history");
    private static final ParseField K = new ParseField("k");
    private static final ParseField EXCLUDE_HISTORY = new ParseField("exclude_history");

    /** What the body said; null means "not given". */
    private static final class Body {
        List<String> history;
        Integer k;
        Boolean excludeHistory;
    }

    private static final ObjectParser<Body, Void> PARSER = new ObjectParser<>(NAME, Body::new);

    static {
        PARSER.declareField((b, v) -> b.history = v, p -> ClauseParsing.parseHistory(p, NAME), HISTORY,
                ObjectParser.ValueType.VALUE_ARRAY);
        PARSER.declareInt((b, v) -> b.k = v, K);
        PARSER.declareBoolean((b, v) -> b.excludeHistory = v, EXCLUDE_HISTORY);
    }

    @Override
    public String getName() {
        return "seqrec_recommend_action";
    }

    @Override
    public List<Route> routes() {
        return List.of(new Route(RestRequest.Method.POST, PATH));
    }

    @Override
    protected RestChannelConsumer prepareRequest(RestRequest request, NodeClient client) throws IOException {
        String modelId = request.param("model_id");
        if (request.hasContentOrSourceParam() == false) {
            throw new IllegalArgumentException("[" + NAME + "] needs a body: {\"history\": [item ids, oldest first], \"k\": 10}");
        }
        RecommendRequest recommend;
        try (XContentParser parser = request.contentOrSourceParamParser()) {
            recommend = parse(modelId, parser);
        }
        return channel -> client.execute(RecommendAction.INSTANCE, recommend, new RestToXContentListener<>(channel));
    }

    /**
     * Parses a {@code _recommend} body for {@code modelId}.
     *
     * @throws ParsingException or IllegalArgumentException (400) naming the bad field
     */
    static RecommendRequest parse(String modelId, XContentParser parser) throws IOException {
        Body body;
        try {
            body = PARSER.parse(parser, null);
        } catch (XContentParseException e) {
            String cause = e.getCause() == null ? "" : ": " + e.getCause().getMessage();
            throw new ParsingException(e.getLocation(), "{}{}", e, e.getMessage(), cause);
        }
        if (body.history == null) {
            throw new IllegalArgumentException("[" + NAME + "] requires [history]: the user's recent item ids, oldest first");
        }
        try {
            return new RecommendRequest(modelId, body.history, body.k == null ? RecommendRequest.DEFAULT_K : body.k,
                    body.excludeHistory == null || body.excludeHistory);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("[" + NAME + "] " + e.getMessage(), e);
        }
    }
}
