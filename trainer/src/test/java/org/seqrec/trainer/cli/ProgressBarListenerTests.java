package org.seqrec.trainer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.seqrec.trainer.report.LearningCurve;

class ProgressBarListenerTests {
    @Test
    void withoutATerminalPrintsOneLinePerEpochAndForwardsEverything() {
        StringWriter text = new StringWriter();
        LearningCurve curve = new LearningCurve();
        try (ProgressBarListener l =
                new ProgressBarListener(curve, 2, "val_full.ndcg@10", new PrintWriter(text), false)) {
            l.epochStarted(1, 2);
            l.batchDone(2f);
            l.batchDone(1f);
            l.epochDone(1, 1.5f, Map.of("val_full.ndcg@10", 0.25));
            l.epochStarted(2, 2);
            l.epochDone(2, 1.25f, Map.of());
        }
        String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length, text.toString());
        assertTrue(lines[0].startsWith("epoch 1/2  loss 1.5000  val_full.ndcg@10 0.2500  elapsed "), lines[0]);
        assertTrue(lines[0].contains("  eta "), lines[0]);
        assertTrue(lines[1].startsWith("epoch 2/2  loss 1.2500  elapsed "), lines[1]);
        assertEquals(2, curve.epochs().size());
        assertEquals(0.25, curve.validation("val_full.ndcg@10")[0]);
        assertTrue(Double.isNaN(curve.validation("val_full.ndcg@10")[1]));
        assertEquals(1.25, curve.losses()[1]);
    }
}
