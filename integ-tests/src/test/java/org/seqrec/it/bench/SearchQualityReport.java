package org.seqrec.it.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.seqrec.it.bench.SearchCases.Split;
import org.seqrec.it.bench.SearchQualityBenchmark.SplitResult;

/**
 * The search-quality benchmark's results: one markdown table per split (validation, test) with each
 * variant's HR@10 and NDCG@10 and its NDCG@10 over the plain {@code match}'s, the rescore settings
 * picked on validation ({@link #choose}) and their test figures; and the same as JSON. Immutable.
 */
final class SearchQualityReport {
    private final Map<String, Object> facts;
    private final SearchQualityOptions options;
    private final List<SearchVariant> variants;
    private final Map<Split, SplitResult> results;

    SearchQualityReport(
            Map<String, Object> facts,
            SearchQualityOptions options,
            List<SearchVariant> variants,
            Map<Split, SplitResult> results) {
        this.facts = facts;
        this.options = options;
        this.variants = variants;
        this.results = results;
    }

    /**
     * The index of the variant accepted by {@code candidate} with the highest mean NDCG@10 in
     * {@code ranks} (one array of per-case ranks per variant); the first one listed wins a tie. -1 when
     * none is accepted.
     */
    static int choose(List<SearchVariant> variants, List<int[]> ranks, Predicate<SearchVariant> candidate) {
        int best = -1;
        double bestNdcg = Double.NEGATIVE_INFINITY;
        for (int v = 0; v < variants.size(); v++) {
            double ndcg = RankMetrics.Mean.of(ranks.get(v)).ndcg();
            if (candidate.test(variants.get(v)) && ndcg > bestNdcg) {
                best = v;
                bestNdcg = ndcg;
            }
        }
        return best;
    }

    String markdown() {
        StringBuilder b = new StringBuilder();
        facts.forEach((k, v) -> b.append("- ").append(k).append(": ").append(v).append('\n'));
        b.append(String.format(
                Locale.ROOT,
                "- protocol: %d users per split (disjoint, seeded %d); one `match` of one attribute id of the"
                        + " target (drawn uniformly, seeded); the target's rank among the first %d hits; rescore"
                        + " window %d (one shard)%n",
                options.users(),
                options.seed(),
                RankMetrics.K,
                options.window()));
        SplitResult validation = results.get(Split.VALIDATION);
        int chosen = choose(variants, validation.ranks(), this::isClauseCandidate);
        int chosenBool = choose(variants, validation.ranks(), v -> v.kind() == SearchVariant.Kind.BOOL);
        for (Map.Entry<Split, SplitResult> e : results.entrySet()) {
            SplitResult r = e.getValue();
            int cases = r.ranks().getFirst().length;
            long[] matches = r.matches().clone();
            Arrays.sort(matches);
            b.append(String.format(
                    Locale.ROOT,
                    "%n### %s: %,d cases%n%nThe plain `match` has the target among its first 10 / 100 / %d hits in"
                            + " %.1f%% / %.1f%% / %.1f%% of the cases (a rescore of a window cannot reach beyond it);"
                            + " it matches %,d documents (median; quartiles %,d and %,d).%n%n",
                    e.getKey().label(),
                    cases,
                    options.window(),
                    100 * r.plainWithin(10),
                    100 * r.plainWithin(100),
                    100 * r.plainWithin(options.window()),
                    matches.length == 0 ? 0 : matches[matches.length / 2],
                    matches.length == 0 ? 0 : matches[matches.length / 4],
                    matches.length == 0 ? 0 : matches[3 * matches.length / 4]));
            b.append("| search | HR@10 | NDCG@10 | NDCG@10 x plain |\n|---|---:|---:|---:|\n");
            double plain = RankMetrics.Mean.of(r.ranks().getFirst()).ndcg();
            for (int v = 0; v < variants.size(); v++) {
                RankMetrics.Mean m = RankMetrics.Mean.of(r.ranks().get(v));
                String mark = v == chosen ? " **(chosen on validation)**" : v == chosenBool ? " *(best bool)*" : "";
                mark += isTodaysDefaults(variants.get(v)) ? " (today's defaults)" : "";
                b.append(String.format(
                        Locale.ROOT,
                        "| %s%s | %.4f | %.4f | %s |%n",
                        variants.get(v).label(),
                        mark,
                        m.hr(),
                        m.ndcg(),
                        plain == 0 ? "-" : String.format(Locale.ROOT, "%.2fx", m.ndcg() / plain)));
            }
        }
        int defaults = defaultRow();
        if (chosen >= 0 && defaults >= 0) {
            b.append(String.format(
                    Locale.ROOT,
                    "%nChosen on validation (the best NDCG@10 of the rescore rows after the `match` at window %d): %s.%n",
                    options.window(),
                    variants.get(chosen).label()));
            for (Map.Entry<Split, SplitResult> e : results.entrySet()) {
                List<int[]> ranks = e.getValue().ranks();
                RankMetrics.Difference d = RankMetrics.Difference.of(ranks.get(chosen), ranks.get(defaults));
                b.append(String.format(
                        Locale.ROOT,
                        "- %s: NDCG@10 %.4f against %.4f with today's defaults and %.4f plain; paired difference to"
                                + " the defaults %+.4f (standard error %.4f)%n",
                        e.getKey().label(),
                        RankMetrics.Mean.of(ranks.get(chosen)).ndcg(),
                        RankMetrics.Mean.of(ranks.get(defaults)).ndcg(),
                        RankMetrics.Mean.of(ranks.getFirst()).ndcg(),
                        d.mean(),
                        d.standardError()));
            }
        }
        return b.toString();
    }

    /** The row of today's default rescore settings at the run's window after the {@code match}, or -1. */
    private int defaultRow() {
        for (int v = 0; v < variants.size(); v++) {
            if (isTodaysDefaults(variants.get(v))) {
                return v;
            }
        }
        return -1;
    }

    /** The rows that compete for the clause settings: the rescore of the {@code match} at the run's window. */
    private boolean isClauseCandidate(SearchVariant v) {
        return v.kind() == SearchVariant.Kind.RESCORE && v.window() == options.window() && !v.keyword();
    }

    private boolean isTodaysDefaults(SearchVariant v) {
        return v.isDefaultRescore() && v.window() == options.window() && !v.keyword();
    }

    String json() {
        Map<String, Object> doc = new LinkedHashMap<>(facts);
        doc.put("users_per_split", options.users());
        doc.put("window", options.window());
        doc.put("seed", options.seed());
        doc.put("data", options.data().toString());
        doc.put("attributes", options.attributes().toString());
        List<Object> rows = new ArrayList<>();
        for (int v = 0; v < variants.size(); v++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("search", variants.get(v).label());
            for (Map.Entry<Split, SplitResult> e : results.entrySet()) {
                RankMetrics.Mean m = RankMetrics.Mean.of(e.getValue().ranks().get(v));
                row.put(e.getKey().label() + "_cases", m.cases());
                row.put(e.getKey().label() + "_hr@10", m.hr());
                row.put(e.getKey().label() + "_ndcg@10", m.ndcg());
            }
            rows.add(row);
        }
        doc.put("rows", rows);
        int chosen = choose(variants, results.get(Split.VALIDATION).ranks(), this::isClauseCandidate);
        doc.put("chosen_on_validation", chosen < 0 ? null : variants.get(chosen).label());
        return ReportFiles.json(doc);
    }
}
