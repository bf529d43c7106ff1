package org.seqrec.trainer.report;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.seqrec.trainer.eval.EvaluationResult;

/**
 * What a {@code train} run did and how well the model does: written as {@code <out>.report.json}
 * ({@link #toJson()}) and printed as text with learning-curve plots ({@link #toText()}).
 *
 * @param input the interaction log read
 * @param format its format
 * @param config the training configuration ({@code TrainingConfig.asMap()})
 * @param data the data summary ({@code InteractionData.summary()})
 * @param evaluatedUsers users with validation and test cases
 * @param epochs the learning curve
 * @param bestEpoch the epoch whose parameters were kept
 * @param selectionMetric the validation metric that chose it
 * @param test test metrics of the written artifact
 * @param device where the test evaluation ran, e.g. {@code cpu}
 * @param seconds wall time per phase: {@code read}, {@code train}, {@code evaluate}
 * @param artifact path of the written model
 * @param artifactBytes its size
 */
public record TrainReport(
        String input,
        String format,
        Map<String, Object> config,
        Map<String, Object> data,
        int evaluatedUsers,
        List<LearningCurve.Epoch> epochs,
        int bestEpoch,
        String selectionMetric,
        EvaluationResult test,
        String device,
        Map<String, Double> seconds,
        String artifact,
        long artifactBytes) {
    private static final int CHART_WIDTH = 60;
    private static final int CHART_HEIGHT = 8;

    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "train");
        m.put("input", input);
        m.put("format", format);
        m.put("config", config);
        m.put("data", data);
        m.put("evaluated_users", evaluatedUsers);
        m.put("best_epoch", bestEpoch);
        m.put("selection_metric", selectionMetric);
        m.put("learning_curve", epochs.stream().map(TrainReport::epochMap).toList());
        Map<String, Object> test = new LinkedHashMap<>();
        this.test.variants().forEach((k, v) -> test.put(k, v.asMap()));
        m.put("test", test);
        m.put("protocols", ProtocolLegend.json(this.test.variants().keySet(), config.get("seed")));
        m.put("test_device", device);
        m.put("seconds", seconds);
        m.put("artifact", artifact);
        m.put("artifact_bytes", artifactBytes);
        return m;
    }

    private static Map<String, Object> epochMap(LearningCurve.Epoch e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", e.epoch());
        m.put("loss", e.meanLoss());
        m.put("seconds", e.seconds());
        m.putAll(e.validation());
        return m;
    }

    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(
                Locale.ROOT, "seqrec-trainer train: %s on %s (%s)%n", config.get("model"), input, format));
        sb.append(String.format(
                Locale.ROOT,
                "data:     %s users, %s items, %s interactions, %d users evaluated%n",
                data.get("users"),
                data.get("items"),
                data.get("interactions"),
                evaluatedUsers));
        sb.append(String.format(
                Locale.ROOT,
                "training: %d epochs in %s, best epoch %d by %s%n",
                epochs.size(),
                Durations.format(seconds.getOrDefault("train", 0.0)),
                bestEpoch,
                selectionMetric));
        double[] losses =
                epochs.stream().mapToDouble(LearningCurve.Epoch::meanLoss).toArray();
        double[] metric = epochs.stream()
                .mapToDouble(e -> e.validation().getOrDefault(selectionMetric, Double.NaN))
                .toArray();
        sb.append('\n').append(AsciiChart.plot("training loss per epoch", losses, CHART_WIDTH, CHART_HEIGHT));
        sb.append('\n').append(AsciiChart.plot(selectionMetric + " per epoch", metric, CHART_WIDTH, CHART_HEIGHT));
        sb.append(String.format(
                Locale.ROOT,
                "%ntest (leave-one-out, last item of each user; evaluated on %s in %s):%n",
                device,
                Durations.format(seconds.getOrDefault("evaluate", 0.0))));
        sb.append(MetricsTable.format(test));
        sb.append(ProtocolLegend.text(test.variants().keySet(), data.get("items"), config.get("seed")));
        sb.append(String.format(
                Locale.ROOT,
                "  (validation, which picked the epoch: %s of the second-to-last item)%n",
                selectionMetric.startsWith("val_sampled_")
                        ? "the sampled protocol (" + selectionMetric + ")"
                        : "full ranking"));
        sb.append(String.format(
                Locale.ROOT, "%nmodel:  %s (%,d bytes)%nreport: %s.report.json%n", artifact, artifactBytes, artifact));
        return sb.toString();
    }
}
