package org.seqrec.trainer.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seqrec.trainer.report.ProtocolLegend;
import org.seqrec.trainer.train.EpochRecord;
import org.seqrec.trainer.train.Training;

/**
 * The content of {@code results.json}: {@code environment}, {@code dataset}, {@code protocols},
 * {@code configurations} (per configuration: hyper-parameters, learning curve, best epoch, early
 * stop, times, test metrics per variant) and {@code published}. Stateless; write the map with
 * {@link org.seqrec.trainer.report.JsonOutput}.
 */
public final class ResultsJson {
    private ResultsJson() {}

    public static Map<String, Object> toJson(BenchmarkReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", "benchmark");
        m.put("environment", r.environment().asMap());
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("path", r.input());
        dataset.put("format", r.format());
        dataset.putAll(r.data());
        dataset.put("evaluated_users", r.evaluatedUsers());
        m.put("dataset", dataset);
        Map<String, Object> protocols = new LinkedHashMap<>();
        protocols.put(
                "split", "leave-one-out: last item of each user = test target, second-to-last = validation target");
        protocols.put("headline", r.headline().spec());
        protocols.put("headline_variant", r.headlineVariant());
        protocols.put("selection_metric", Training.SELECTION_METRIC);
        protocols.put("seed", r.seed());
        protocols.put("variants", ProtocolLegend.json(r.variants(), r.seed()));
        m.put("protocols", protocols);
        List<Object> configs = new ArrayList<>();
        for (ConfigResult c : r.results()) {
            configs.add(config(c));
        }
        m.put("configurations", configs);
        m.put("published", r.published() == null ? null : published(r.published()));
        return m;
    }

    private static Map<String, Object> config(ConfigResult c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", c.name());
        m.put("status", c.failed() ? "failed" : "ok");
        if (c.failed()) {
            m.put("error", c.error());
        }
        m.put("hyper_parameters", shortestDecimals(c.config().config().asMap()));
        m.put("epochs_run", c.epochs().size());
        m.put("best_epoch", c.bestEpoch());
        m.put("stopped_early", c.stoppedEarly());
        m.put("train_seconds", c.trainSeconds());
        m.put("evaluate_seconds", c.evaluateSeconds());
        List<Object> curve = new ArrayList<>();
        for (EpochRecord e : c.epochs()) {
            Map<String, Object> epoch = new LinkedHashMap<>();
            epoch.put("epoch", e.epoch());
            epoch.put("loss", (double) e.meanLoss());
            epoch.put("seconds", e.seconds());
            epoch.putAll(e.validation());
            curve.add(epoch);
        }
        m.put("learning_curve", curve);
        if (c.test() != null) {
            Map<String, Object> test = new LinkedHashMap<>();
            c.test().variants().forEach((k, v) -> test.put(k, v.asMap()));
            m.put("test", test);
        }
        m.put("artifact", c.artifact());
        return m;
    }

    /**
     * The map with each double that holds a float (TrainingConfig keeps rates as floats) written as
     * the float's shortest decimal: 0.005, not 0.004999999888241291.
     */
    static Map<String, Object> shortestDecimals(Map<String, Object> config) {
        Map<String, Object> m = new LinkedHashMap<>();
        config.forEach((k, v) -> m.put(
                k,
                v instanceof Double d && (double) d.floatValue() == d
                        ? Double.valueOf(Float.toString(d.floatValue()))
                        : v));
        return m;
    }

    private static Map<String, Object> published(PublishedNumbers p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", p.source());
        m.put("protocol", p.protocol().spec());
        List<Object> rows = new ArrayList<>();
        for (PublishedNumbers.Row row : p.rows()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("model", row.model());
            if (row.source() != null) {
                r.put("source", row.source());
            }
            r.putAll(row.metrics());
            rows.add(r);
        }
        m.put("rows", rows);
        return m;
    }
}
