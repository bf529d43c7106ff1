package org.seqrec.trainer.cli;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.seqrec.trainer.report.Durations;
import org.seqrec.trainer.train.EpochRecord;
import org.seqrec.trainer.train.TrainingListener;

/**
 * Shows training progress on the terminal and forwards every call to a delegate (e.g. a
 * {@link org.seqrec.trainer.report.LearningCurve}). On an interactive terminal: one progress bar
 * over all batches of all epochs, with speed, the ETA of the whole run and the running loss.
 * Otherwise (output redirected, CI logs): one line per epoch with loss, the validation metric,
 * epoch time and ETA. Used on the training thread only; {@link #close()} ends the bar.
 */
final class ProgressBarListener implements TrainingListener, AutoCloseable {
    private final TrainingListener delegate;
    private final int totalEpochs;
    private final String shownMetric;
    private final PrintWriter lines;
    private final boolean bar;
    private ProgressBar progress;
    private int epoch;
    private long batchesSeen;
    private double runningLoss = Double.NaN;
    private final long startNanos = System.nanoTime();
    private int restoredEpochs;

    /**
     * @param shownMetric validation metric shown after each epoch, e.g. {@code val_full.ndcg@10}
     * @param lines where epoch lines go when no bar is drawn
     * @param bar draw a bar (see {@link #interactiveTerminal()})
     */
    ProgressBarListener(
            TrainingListener delegate, int totalEpochs, String shownMetric, PrintWriter lines, boolean bar) {
        this.delegate = delegate;
        this.totalEpochs = totalEpochs;
        this.shownMetric = shownMetric;
        this.lines = lines;
        this.bar = bar;
    }

    @Override
    public void epochStarted(int epochNumber, int batches) {
        delegate.epochStarted(epochNumber, batches);
        epoch = epochNumber;
        if (!bar) {
            return;
        }
        long total = batchesSeen + (long) batches * (totalEpochs - epochNumber + 1);
        if (progress == null) {
            progress = new ProgressBarBuilder()
                    .setTaskName("train")
                    .setInitialMax(total)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(500)
                    .setMaxRenderedLength(120)
                    .showSpeed()
                    .build();
        } else {
            progress.maxHint(total);
        }
    }

    @Override
    public void batchDone(float loss) {
        delegate.batchDone(loss);
        batchesSeen++;
        // exponential moving average: a readable loss that still follows the trend
        runningLoss = Double.isNaN(runningLoss) ? loss : 0.98 * runningLoss + 0.02 * loss;
        if (progress != null) {
            progress.step();
            progress.setExtraMessage(
                    String.format(Locale.ROOT, " epoch %d/%d loss %.4f", epoch, totalEpochs, runningLoss));
        }
    }

    @Override
    public void epochDone(int epochNumber, float meanLoss, Map<String, Double> validationMetrics) {
        delegate.epochDone(epochNumber, meanLoss, validationMetrics);
        Double metric = validationMetrics.get(shownMetric);
        String metricText = metric == null ? "" : String.format(Locale.ROOT, "  %s %.4f", shownMetric, metric);
        if (progress != null) {
            progress.setExtraMessage(String.format(
                    Locale.ROOT, " epoch %d/%d loss %.4f%s", epochNumber, totalEpochs, meanLoss, metricText));
            return;
        }
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double eta = elapsed / Math.max(1, epochNumber - restoredEpochs) * (totalEpochs - epochNumber);
        lines.printf(
                Locale.ROOT,
                "epoch %d/%d  loss %.4f%s  elapsed %s  eta %s%n",
                epochNumber,
                totalEpochs,
                meanLoss,
                metricText,
                Durations.format(elapsed),
                Durations.format(eta));
        lines.flush();
    }

    @Override
    public void epochRestored(EpochRecord restored) {
        delegate.epochRestored(restored);
        restoredEpochs++;
        Double metric = restored.validation().get(shownMetric);
        lines.printf(
                Locale.ROOT,
                "epoch %d/%d  loss %.4f%s  (from checkpoint)%n",
                restored.epoch(),
                totalEpochs,
                restored.meanLoss(),
                metric == null ? "" : String.format(Locale.ROOT, "  %s %.4f", shownMetric, metric));
        lines.flush();
    }

    @Override
    public void close() {
        if (progress != null) {
            progress.close();
            progress = null;
        }
    }

    /**
     * Whether the JVM talks to an interactive terminal. {@code System.console()} alone is not
     * enough on JDK 22+, where it exists even when output is redirected; there
     * {@code Console.isTerminal()} (looked up reflectively, since we compile for 21) decides.
     */
    static boolean interactiveTerminal() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            Method isTerminal = java.io.Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only for a terminal
        }
    }
}
