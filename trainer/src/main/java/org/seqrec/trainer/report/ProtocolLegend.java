package org.seqrec.trainer.report;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Says what each evaluation variant of a report measured, so that no number is read without its
 * protocol: full ranking with or without the user's seen items, or N uniform sampled negatives
 * with the seed that drew them.
 */
public final class ProtocolLegend {
    private static final String SAMPLED = "sampled_";

    private ProtocolLegend() {}

    /** One line per variant, for the text report. */
    public static String text(Iterable<String> variants, Object numItems, Object seed) {
        StringBuilder sb = new StringBuilder();
        for (String v : variants) {
            String what;
            if (v.equals("full")) {
                what = "target ranked against all " + numItems + " items, the user's history included";
            } else if (v.equals("full_excl_seen")) {
                what = "target ranked against all items except those of the user's history";
            } else if (v.startsWith(SAMPLED)) {
                what = "target ranked against " + v.substring(SAMPLED.length())
                        + " items drawn uniformly from those the user never interacted with, seed " + seed;
            } else {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "  %-16s %s%n", v, what));
        }
        return sb.toString();
    }

    /** Per variant: candidates ({@code all} or {@code sampled}), seen-item exclusion, negatives and seed. */
    public static Map<String, Object> json(Iterable<String> variants, Object seed) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String v : variants) {
            Map<String, Object> p = new LinkedHashMap<>();
            if (v.startsWith(SAMPLED)) {
                p.put("candidates", "sampled");
                p.put("negatives", Integer.parseInt(v.substring(SAMPLED.length())));
                p.put("sampler", "uniform over the items the user never interacted with");
                p.put("seed", seed);
            } else {
                p.put("candidates", "all");
                p.put("seen_items_excluded", v.equals("full_excl_seen"));
            }
            out.put(v, p);
        }
        return out;
    }
}
