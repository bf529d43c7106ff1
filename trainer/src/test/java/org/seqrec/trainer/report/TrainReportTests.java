package org.seqrec.trainer.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqrec.trainer.eval.EvaluationResult;
import org.seqrec.trainer.eval.RankingMetrics;

class TrainReportTests {
    private static TrainReport report() {
        List<LearningCurve.Epoch> epochs = List.of(
                new LearningCurve.Epoch(1, 3.0, Map.of("val_full.ndcg@10", 0.1), 1.0),
                new LearningCurve.Epoch(2, 2.0, Map.of("val_full.ndcg@10", 0.2), 1.0));
        EvaluationResult test =
                new EvaluationResult(Map.of("full", new RankingMetrics(10, 0.1, 0.2, 0.3, 0.05, 0.1, 0.15, 0.12)));
        return new TrainReport(
                "log.txt",
                "pairs",
                Map.of("model", "sasrec"),
                Map.of("users", 10, "items", 5, "interactions", 40),
                10,
                epochs,
                2,
                "val_full.ndcg@10",
                test,
                "cpu",
                Map.of("read", 0.1, "train", 2.0, "evaluate", 0.2),
                "/tmp/m.seqrec",
                1234);
    }

    @Test
    void jsonHasTheDocumentedFields() {
        Map<String, Object> json = report().toJson();
        assertEquals(
                List.of(
                        "command",
                        "input",
                        "format",
                        "config",
                        "data",
                        "evaluated_users",
                        "best_epoch",
                        "selection_metric",
                        "learning_curve",
                        "test",
                        "protocols",
                        "test_device",
                        "seconds",
                        "artifact",
                        "artifact_bytes"),
                List.copyOf(json.keySet()));
        List<?> curve = (List<?>) json.get("learning_curve");
        assertEquals(Map.of("epoch", 2, "loss", 2.0, "seconds", 1.0, "val_full.ndcg@10", 0.2), curve.get(1));
        assertEquals(0.2, ((Map<?, ?>) ((Map<?, ?>) json.get("test")).get("full")).get("hr@10"));
        assertTrue(JsonOutput.toJson(json).contains("\"artifact_bytes\": 1234"));
        assertEquals(Map.of("full", Map.of("candidates", "all", "seen_items_excluded", false)), json.get("protocols"));
    }

    @Test
    void textHasCurvesAndTheMetricsTable() {
        String text = report().toText();
        assertTrue(text.contains("training loss per epoch"), text);
        assertTrue(text.contains("val_full.ndcg@10 per epoch"), text);
        assertTrue(text.contains("best epoch 2 by val_full.ndcg@10"), text);
        assertTrue(
                text.contains("full             target ranked against all 5 items, the user's history included"), text);
        assertTrue(
                text.matches(
                        "(?s).*\\nfull\\s+0.1000\\s+0.2000\\s+0.3000\\s+0.0500\\s+0.1000\\s+0.1500\\s+0.1200\\s+10\\n.*"),
                text);
    }
}
