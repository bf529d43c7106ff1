package org.seqrec.it.demo;

import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Prints two rankings next to each other, one row per rank: rank, title, category and score on
 * each side. Rows whose product matches {@code marked} get a {@code *} before the title.
 * Stateless.
 */
final class SideBySide {
    private static final String CELL = "%4s  %-28s %-14s %7s";
    private static final String GAP = "  |  ";

    private SideBySide() {}

    /**
     * @param leftTitle heading over the left ranking
     * @param rightTitle heading over the right ranking
     * @param marked which hits get a {@code *}
     * @return the table, lines ending in a newline
     */
    static String format(
            String leftTitle,
            List<RankedHit> left,
            String rightTitle,
            List<RankedHit> right,
            Predicate<RankedHit> marked) {
        int width = String.format(Locale.ROOT, CELL, "", "", "", "").length();
        StringBuilder out = new StringBuilder();
        out.append(pad(leftTitle, width)).append(GAP).append(rightTitle).append('\n');
        String header = String.format(Locale.ROOT, CELL, "rank", "  title", "category", "score");
        out.append(header).append(GAP).append(header).append('\n');
        out.append("-".repeat(width)).append(GAP).append("-".repeat(width)).append('\n');
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            out.append(cell(i < left.size() ? left.get(i) : null, marked))
                    .append(GAP)
                    .append(cell(i < right.size() ? right.get(i) : null, marked).stripTrailing())
                    .append('\n');
        }
        return out.toString();
    }

    private static String cell(RankedHit hit, Predicate<RankedHit> marked) {
        if (hit == null) {
            return String.format(Locale.ROOT, CELL, "", "", "", "");
        }
        String title = (marked.test(hit) ? "* " : "  ") + hit.title();
        return String.format(
                Locale.ROOT, CELL, hit.rank(), title, hit.category(), String.format(Locale.ROOT, "%.3f", hit.score()));
    }

    private static String pad(String text, int width) {
        return text.length() >= width ? text : text + " ".repeat(width - text.length());
    }
}
