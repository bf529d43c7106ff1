package org.seqrec.trainer.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.seqrec.trainer.train.Training;

/**
 * The benchmark's PNG charts, drawn with XChart without a display ({@code java.awt.headless} is set
 * to true before AWT loads): validation NDCG@10 per epoch, one line per configuration, and a bar
 * per configuration of its wall-clock training time. Configurations without a finished epoch are
 * left out. Needs fonts (any TrueType font fontconfig finds). Stateless.
 */
public final class Charts {
    /** File name of the learning-curve chart. */
    public static final String NDCG_PER_EPOCH = "ndcg_per_epoch.png";
    /** File name of the training-time chart. */
    public static final String TRAIN_TIME = "train_time.png";

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * Writes both charts into {@code dir} (each atomically); a chart with nothing to show is not written.
     *
     * @return the files written
     */
    public static List<Path> write(List<ConfigResult> results, Path dir) throws IOException {
        List<Path> written = new ArrayList<>();
        List<ConfigResult> trained =
                results.stream().filter(r -> !r.epochs().isEmpty()).toList();
        if (trained.isEmpty()) {
            return written;
        }
        XYChart curve = ndcgPerEpoch(trained);
        if (!curve.getSeriesMap().isEmpty()) {
            written.add(png(curve, dir.resolve(NDCG_PER_EPOCH)));
        }
        written.add(png(trainTime(trained), dir.resolve(TRAIN_TIME)));
        return written;
    }

    /** One line per configuration over the epochs that were validated. */
    static XYChart ndcgPerEpoch(List<ConfigResult> results) {
        XYChart chart = new XYChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Validation NDCG@10 per epoch")
                .xAxisTitle("epoch")
                .yAxisTitle(Training.SELECTION_METRIC)
                .build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setMarkerSize(4);
        chart.getStyler().setXAxisDecimalPattern("0");
        chart.getStyler().setYAxisDecimalPattern("0.000");
        for (ConfigResult r : results) {
            double[] ndcg = r.validationNdcg10();
            List<Integer> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (int i = 0; i < ndcg.length; i++) {
                if (!Double.isNaN(ndcg[i])) {
                    x.add(r.epochs().get(i).epoch());
                    y.add(ndcg[i]);
                }
            }
            if (!x.isEmpty()) {
                chart.addSeries(r.name(), x, y);
            }
        }
        return chart;
    }

    /** One bar per configuration: training seconds, or minutes when the longest took 10 minutes or more. */
    static CategoryChart trainTime(List<ConfigResult> results) {
        double longest =
                results.stream().mapToDouble(ConfigResult::trainSeconds).max().orElse(0);
        boolean minutes = longest >= 600;
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title("Wall-clock training time per configuration")
                .xAxisTitle("configuration")
                .yAxisTitle(minutes ? "minutes" : "seconds")
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setXAxisLabelRotation(30);
        chart.getStyler().setYAxisDecimalPattern("0.#");
        List<String> names = results.stream().map(ConfigResult::name).toList();
        List<Double> times = results.stream()
                .map(r -> minutes ? r.trainSeconds() / 60 : r.trainSeconds())
                .toList();
        chart.addSeries("training time", names, times);
        return chart;
    }

    private static Path png(Chart<?, ?> chart, Path file) throws IOException {
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, bytes);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }
}
