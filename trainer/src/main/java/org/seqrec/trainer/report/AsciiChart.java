package org.seqrec.trainer.report;

import java.util.Locale;

/**
 * A line chart in plain text, for learning curves in terminal reports: one column per value
 * (values are averaged into at most {@code width} columns), {@code height} rows, the y range
 * labelled on the left. NaN values are left blank. Stateless.
 */
public final class AsciiChart {
    private AsciiChart() {}

    /**
     * @param title printed above the chart
     * @param values y values in x order (e.g. one per epoch)
     * @param width most columns, at least 1
     * @param height rows, at least 2
     * @return the chart, lines ending in {@code \n}; a one-line note if no value is finite
     */
    public static String plot(String title, double[] values, int width, int height) {
        if (width < 1 || height < 2) {
            throw new IllegalArgumentException("width must be >= 1 and height >= 2");
        }
        double[] cols = bucket(values, width);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : cols) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        StringBuilder sb = new StringBuilder(title).append('\n');
        if (min == Double.POSITIVE_INFINITY) {
            return sb.append("  (no values)\n").toString();
        }
        double span = max > min ? max - min : 1.0;
        char[][] grid = new char[height][cols.length];
        for (char[] row : grid) {
            java.util.Arrays.fill(row, ' ');
        }
        for (int x = 0; x < cols.length; x++) {
            if (Double.isFinite(cols[x])) {
                int y = (int) Math.round((cols[x] - min) / span * (height - 1));
                grid[height - 1 - y][x] = '*';
            }
        }
        for (int r = 0; r < height; r++) {
            String label = r == 0 ? format(max) : r == height - 1 ? format(min) : "";
            sb.append(String.format(Locale.ROOT, "%10s |", label))
                    .append(grid[r])
                    .append('\n');
        }
        sb.append(" ".repeat(11)).append('+').append("-".repeat(cols.length)).append('\n');
        // x axis: first and last x (1-based), the last one ending under the last column
        String last = values.length > 1 ? String.valueOf(values.length) : "";
        int pad = Math.max(1, cols.length - 1 - last.length());
        sb.append(" ".repeat(12))
                .append('1')
                .append(last.isEmpty() ? "" : " ".repeat(pad) + last)
                .append('\n');
        return sb.toString();
    }

    private static double[] bucket(double[] values, int width) {
        if (values.length <= width) {
            return values.clone();
        }
        double[] out = new double[width];
        for (int c = 0; c < width; c++) {
            int from = (int) ((long) c * values.length / width);
            int to = (int) ((long) (c + 1) * values.length / width);
            double sum = 0;
            int n = 0;
            for (int i = from; i < to; i++) {
                if (Double.isFinite(values[i])) {
                    sum += values[i];
                    n++;
                }
            }
            out[c] = n == 0 ? Double.NaN : sum / n;
        }
        return out;
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, Math.abs(v) >= 1000 || (Math.abs(v) < 0.001 && v != 0) ? "%.3g" : "%.4f", v);
    }
}
