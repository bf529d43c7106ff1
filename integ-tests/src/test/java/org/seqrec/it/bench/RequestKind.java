package org.seqrec.it.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The requests the serving benchmark compares, each built from one {@link RequestInput} against the
 * indices of {@link BenchIndices}. Every search asks for the top {@value #SIZE} hits of the
 * catalogue; rescorers use a window of {@value #WINDOW} hits per shard, the {@code seqrec} query
 * retrieves {@value #QUERY_K} items, {@code _recommend} returns {@value #RECOMMEND_K}. The
 * {@code user_id} kind reads the user's latest {@value #EVENTS_SIZE} events.
 */
public enum RequestKind {
    MATCH("match", "plain `match`"),
    MATCH_QUERY_RESCORE("match-query-rescore", "`match` + built-in `query` rescorer, window 100"),
    MATCH_SEQREC_RESCORE("match-seqrec-rescore", "`match` + `seqrec` rescore (`history`), window 100"),
    MATCH_SEQREC_RESCORE_USER(
            "match-seqrec-rescore-user", "`match` + `seqrec` rescore (`user_id` + `events`), window 100"),
    SEQREC_QUERY("seqrec-query", "`seqrec` query (`history`), k 100"),
    SEQREC_QUERY_RESCORE("seqrec-query-rescore", "`seqrec` query k 100 + `seqrec` rescore, window 100"),
    RECOMMEND("recommend", "`_recommend`, k 10");

    static final int SIZE = 10;
    static final int WINDOW = 100;
    static final int QUERY_K = 100;
    static final int RECOMMEND_K = 10;
    static final int EVENTS_SIZE = 50;

    private final String cliName;
    private final String label;

    RequestKind(String cliName, String label) {
        this.cliName = cliName;
        this.label = label;
    }

    /** The name {@code --kinds} takes. */
    public String cliName() {
        return cliName;
    }

    /** The table's description of the request. */
    public String label() {
        return label;
    }

    /** Whether the request carries a history or a user id (and so encodes one); the plain searches do not. */
    boolean usesHistory() {
        return this != MATCH && this != MATCH_QUERY_RESCORE;
    }

    /**
     * Whether the request is a {@code match} rescored by {@code seqrec}: the rows issue 10's target
     * compares with {@link #MATCH_QUERY_RESCORE}, the same search with the built-in rescorer.
     */
    boolean isSeqRecRescoreOfMatch() {
        return this == MATCH_SEQREC_RESCORE || this == MATCH_SEQREC_RESCORE_USER;
    }

    /** @throws IllegalArgumentException naming the allowed kinds */
    public static RequestKind parse(String name) {
        return Arrays.stream(values())
                .filter(k -> k.cliName.equals(name))
                .findFirst()
                .orElseThrow(() ->
                        new IllegalArgumentException("--kinds: unknown kind '" + name + "', allowed: " + names()));
    }

    static String names() {
        return Arrays.stream(values()).map(RequestKind::cliName).collect(Collectors.joining(", "));
    }

    /** The HTTP request (always a POST with a JSON body) for one input. */
    BenchRequest request(String modelId, RequestInput in) {
        String match = "\"query\": {\"match\": {\"title\": " + quote(in.query()) + "}}";
        String history = "\"history\": " + array(in.history());
        String seqrec = "\"model_id\": " + quote(modelId) + ", \"item_field\": \"item_id\"";
        String search = "/" + BenchIndices.CATALOGUE + "/_search";
        return switch (this) {
            case MATCH -> new BenchRequest(search, "{\"size\": " + SIZE + ", " + match + "}");
            case MATCH_QUERY_RESCORE ->
                new BenchRequest(
                        search,
                        "{\"size\": " + SIZE + ", " + match
                                + ", \"rescore\": {\"window_size\": " + WINDOW + ", \"query\": {\"rescore_query\": "
                                + "{\"match\": {\"title\": " + quote(in.rescoreWord()) + "}}}}}");
            case MATCH_SEQREC_RESCORE ->
                new BenchRequest(
                        search,
                        "{\"size\": " + SIZE + ", " + match + ", " + seqrecRescore(seqrec + ", " + history) + "}");
            case MATCH_SEQREC_RESCORE_USER ->
                new BenchRequest(
                        search,
                        "{\"size\": " + SIZE + ", " + match
                                + ", "
                                + seqrecRescore(
                                        seqrec + ", \"user_id\": " + quote(in.userId()) + ", \"events\": {\"index\": \""
                                                + BenchIndices.EVENTS
                                                + "\", \"user_field\": \"user_id\", \"item_field\": \"item_id\", "
                                                + "\"time_field\": \"timestamp\", \"size\": " + EVENTS_SIZE + "}")
                                + "}");
            case SEQREC_QUERY ->
                new BenchRequest(search, "{\"size\": " + SIZE + ", " + seqrecQuery(seqrec, history) + "}");
            case SEQREC_QUERY_RESCORE ->
                new BenchRequest(
                        search,
                        "{\"size\": " + SIZE + ", " + seqrecQuery(seqrec, history) + ", "
                                + seqrecRescore(seqrec + ", " + history) + "}");
            case RECOMMEND ->
                new BenchRequest(
                        "/_plugins/_seqrec/models/" + modelId + "/_recommend",
                        "{" + history + ", \"k\": " + RECOMMEND_K + "}");
        };
    }

    /**
     * Whether a 200 answer is a whole one: a search with no failed shard (a failed shard still
     * answers 200), a recommendation with its items.
     */
    boolean accepts(String body) {
        return this == RECOMMEND
                ? body.contains("\"items\":[{")
                : body.contains("\"failed\":0") && body.contains("\"hits\":[{");
    }

    private static String seqrecRescore(String clause) {
        return "\"rescore\": {\"window_size\": " + WINDOW + ", \"seqrec\": {" + clause + "}}";
    }

    private static String seqrecQuery(String seqrec, String history) {
        return "\"query\": {\"seqrec\": {" + seqrec + ", " + history + ", \"k\": " + QUERY_K + "}}";
    }

    private static String array(List<String> values) {
        return values.stream().map(RequestKind::quote).collect(Collectors.joining(", ", "[", "]"));
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** One request: a path of the node and a JSON body. */
    record BenchRequest(String path, String body) {}
}
