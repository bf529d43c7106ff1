package org.seqrec.it.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One way the search-quality benchmark searches for a case's attribute: the plain first pass
 * ({@code match} of the attribute id on the text field {@value #TEXT_FIELD}, or {@code term} on the
 * keyword field {@value #KEYWORD_FIELD}), that first pass with the {@code seqrec} rescorer (one
 * {@code score_mode}, {@code normalize}, pair of weights and {@code window_size}), or a {@code bool}
 * of the {@code match} ({@code must}) with the {@code seqrec} query ({@code should}, {@code k},
 * {@code boost}). Every request asks for {@link RankMetrics#K} hits without {@code _source}; document
 * ids are item ids. Immutable.
 *
 * @param label the row's name in the tables
 * @param keyword first pass on {@value #KEYWORD_FIELD} ({@code term}) rather than {@value #TEXT_FIELD}
 */
record SearchVariant(
        String label,
        Kind kind,
        boolean keyword,
        String scoreMode,
        String normalize,
        double queryWeight,
        double rescoreWeight,
        int window,
        int k,
        double boost) {

    static final String TEXT_FIELD = "attributes_text";
    static final String KEYWORD_FIELD = "attributes";
    static final String ITEM_FIELD = "item_id";
    static final List<String> SCORE_MODES = List.of("total", "multiply", "avg", "max", "min", "replace");
    static final List<String> NORMALIZERS = List.of("none", "sigmoid", "minmax");

    enum Kind {
        PLAIN,
        RESCORE,
        BOOL
    }

    static SearchVariant plain(boolean keyword) {
        return new SearchVariant(
                keyword ? "plain `term` (keyword field)" : "plain `match` (text field)",
                Kind.PLAIN,
                keyword,
                null,
                null,
                0,
                0,
                0,
                0,
                0);
    }

    static SearchVariant rescore(
            boolean keyword, String scoreMode, String normalize, double queryWeight, double rescoreWeight, int window) {
        String label = String.format(
                Locale.ROOT,
                "rescore %s / %s, weights %s / %s, window %d%s",
                scoreMode,
                normalize,
                number(queryWeight),
                number(rescoreWeight),
                window,
                keyword ? " (`term` first pass)" : "");
        return new SearchVariant(
                label, Kind.RESCORE, keyword, scoreMode, normalize, queryWeight, rescoreWeight, window, 0, 0);
    }

    static SearchVariant bool(int k, double boost) {
        String label = String.format(
                Locale.ROOT, "bool: `match` must + `seqrec` query should, k %d, boost %s", k, number(boost));
        return new SearchVariant(label, Kind.BOOL, false, null, null, 0, 0, 0, k, boost);
    }

    /**
     * The benchmark's rows: both plain searches; the rescore of the {@code match} with every
     * {@code score_mode} x {@code normalize} at weights 1 / 1; {@code total} with every
     * {@code normalize} at model weights 0.1, 0.3, 3 and 10; the defaults at window 100, at window 10 (the rescore's own default) and after the
     * {@code term} first pass; the {@code bool} at k 1000 (boost 0.1, 1) and k 100 (boost 1).
     */
    static List<SearchVariant> all(int window) {
        List<SearchVariant> all = new ArrayList<>();
        all.add(plain(false));
        all.add(plain(true));
        for (String mode : SCORE_MODES) {
            for (String normalize : NORMALIZERS) {
                all.add(rescore(false, mode, normalize, 1, 1, window));
            }
        }
        for (String normalize : NORMALIZERS) {
            for (double w : new double[] {0.1, 0.3, 3, 10}) {
                all.add(rescore(false, "total", normalize, 1, w, window));
            }
        }
        for (int small : new int[] {100, 10}) {
            if (window != small) {
                all.add(rescore(false, "total", "none", 1, 1, small));
            }
        }
        all.add(rescore(true, "total", "none", 1, 1, window));
        all.add(bool(1000, 0.1));
        all.add(bool(1000, 1));
        all.add(bool(100, 1));
        return List.copyOf(all);
    }

    /** Whether this row uses today's default clause settings (total, none, 1 / 1). */
    boolean isDefaultRescore() {
        return kind == Kind.RESCORE
                && "total".equals(scoreMode)
                && "none".equals(normalize)
                && queryWeight == 1
                && rescoreWeight == 1;
    }

    /** The {@code _search} body for {@code c} against model {@code modelId}, asking for {@code size} hits. */
    String body(SearchCases.Case c, String modelId, int size) {
        String attribute = RequestKind.quote(c.attribute());
        String firstPass = keyword
                ? "{\"term\": {\"" + KEYWORD_FIELD + "\": " + attribute + "}}"
                : "{\"match\": {\"" + TEXT_FIELD + "\": " + attribute + "}}";
        String history = c.history().stream().map(RequestKind::quote).collect(Collectors.joining(", ", "[", "]"));
        String common = "\"model_id\": " + RequestKind.quote(modelId) + ", \"item_field\": \"" + ITEM_FIELD
                + "\", \"history\": " + history;
        String head = "{\"size\": " + size + ", \"_source\": false, ";
        return switch (kind) {
            case PLAIN -> head + "\"track_total_hits\": true, \"query\": " + firstPass + "}";
            case RESCORE ->
                head + "\"query\": " + firstPass + ", \"rescore\": {\"window_size\": " + window + ", \"seqrec\": {"
                        + common + ", \"score_mode\": \"" + scoreMode + "\", \"normalize\": \"" + normalize
                        + "\", \"query_weight\": " + queryWeight + ", \"rescore_query_weight\": " + rescoreWeight
                        + "}}}";
            case BOOL ->
                head + "\"query\": {\"bool\": {\"must\": " + firstPass + ", \"should\": {\"seqrec\": {" + common
                        + ", \"k\": " + k + ", \"boost\": " + boost + "}}}}}";
        };
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
