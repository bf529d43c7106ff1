package org.seqrec.trainer.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.seqrec.trainer.split.EvalCase;

class EvaluatorTests {
    private static final double EPS = 1e-12;
    /** Same scores for every history: index = item row, row 0 ignored. */
    private static final float[] FIXED = {99f, 0.1f, 0.5f, 0.9f, 0.3f, 0.7f, 0.2f};

    private static BatchScorer constant(float[] scores) {
        return histories -> {
            float[][] out = new float[histories.length][];
            Arrays.setAll(out, i -> scores.clone());
            return out;
        };
    }

    private static EvalCase evalCase(int user, int[] history, int target) {
        int[] all = Arrays.copyOf(history, history.length + 1);
        all[history.length] = target;
        return new EvalCase(user, history, target, all);
    }

    @Test
    void fullRankingReportsBothVariantsFromHandComputedRanks() {
        // target 2 (0.5): above it 3 (0.9) and 5 (0.7) -> rank 2; both are in the history -> rank 0 when excluded
        // target 6 (0.2): above it 2, 3, 4, 5 -> rank 4 either way (history item 1 scores 0.1)
        List<EvalCase> cases = List.of(evalCase(0, new int[] {3, 5}, 2), evalCase(1, new int[] {1}, 6));
        EvaluationResult r = new Evaluator(constant(FIXED), 6, 512).evaluate(cases, new EvaluationProtocol.Full(), 1);
        assertEquals(List.of("full", "full_excl_seen"), List.copyOf(r.variants().keySet()));

        RankingMetrics full = r.get("full");
        assertEquals(2, full.cases());
        assertEquals(1.0, full.hr5(), EPS);
        assertEquals((0.5 + 1 / log2(6)) / 2, full.ndcg5(), EPS);
        assertEquals((1.0 / 3 + 1.0 / 5) / 2, full.mrr(), EPS);

        RankingMetrics excl = r.get("full_excl_seen");
        assertEquals((1 + 1 / log2(6)) / 2, excl.ndcg5(), EPS);
        assertEquals((1 + 0.2) / 2, excl.mrr(), EPS);
    }

    @Test
    void tiesRankTheTargetInTheMiddleAndNaNTargetsRankLast() {
        float[] ties = new float[7];
        Arrays.fill(ties, 1f);
        EvaluationResult tied = new Evaluator(constant(ties), 6, 4)
                .evaluate(List.of(evalCase(0, new int[] {1}, 2)), new EvaluationProtocol.Full(), 1);
        // 5 other items tie with the target: rank 0 + 5 / 2 = 2
        assertEquals(1.0 / 3, tied.get("full").mrr(), EPS);
        ties[4] = 2f; // one above, 4 tied: rank 1 + 2 = 3
        EvaluationResult above = new Evaluator(constant(ties), 6, 4)
                .evaluate(List.of(evalCase(0, new int[] {1}, 2)), new EvaluationProtocol.Full(), 1);
        assertEquals(1.0 / 4, above.get("full").mrr(), EPS);

        float[] nan = FIXED.clone();
        nan[2] = Float.NaN;
        EvaluationResult r = new Evaluator(constant(nan), 6, 4)
                .evaluate(List.of(evalCase(0, new int[] {1}, 2)), new EvaluationProtocol.Full(), 1);
        assertEquals(1.0 / 6, r.get("full").mrr(), EPS); // rank 5 = numItems - 1
    }

    @Test
    void sampledUsesOnlyItemsTheUserNeverTouched() {
        // the user touched 1..9 and target 10; those score far above the target, everything else below
        int numItems = 50;
        float[] scores = new float[numItems + 1];
        for (int r = 1; r <= 9; r++) {
            scores[r] = 100f;
        }
        scores[10] = 1f;
        int[] history = {1, 2, 3, 4, 5, 6, 7, 8, 9};
        EvaluationResult r = new Evaluator(constant(scores), numItems, 512)
                .evaluate(
                        List.of(evalCase(0, history, 10)),
                        List.of(new EvaluationProtocol.Full(), new EvaluationProtocol.Sampled(20)),
                        7);
        assertEquals(
                List.of("full", "full_excl_seen", "sampled_20"),
                List.copyOf(r.variants().keySet()));
        assertEquals(1.0 / 10, r.get("full").mrr(), EPS);
        assertEquals(1.0, r.get("full_excl_seen").mrr(), EPS);
        assertEquals(1.0, r.get("sampled_20").mrr(), EPS);
    }

    @Test
    void sampledTakesAllFreeItemsWhenFewerThanNExist() {
        // items 4, 5, 6 are free; 5 (0.7) beats target 2 (0.5) -> rank 1
        EvaluationResult r = new Evaluator(constant(FIXED), 6, 512)
                .evaluate(
                        List.of(new EvalCase(0, new int[] {1, 3}, 2, new int[] {1, 3, 2})),
                        new EvaluationProtocol.Sampled(100),
                        3);
        assertEquals(0.5, r.get("sampled_100").mrr(), EPS);
    }

    @Test
    void sampledIsReproducibleBySeedAndIndependentOfBatchSize() {
        int numItems = 300;
        float[] scores = new float[numItems + 1];
        Random random = new Random(5);
        for (int r = 1; r <= numItems; r++) {
            scores[r] = random.nextFloat();
        }
        List<EvalCase> cases = new ArrayList<>();
        for (int u = 0; u < 200; u++) {
            int target = 1 + random.nextInt(numItems);
            cases.add(evalCase(u, new int[] {1 + random.nextInt(numItems), 1 + random.nextInt(numItems)}, target));
        }
        EvaluationProtocol p = new EvaluationProtocol.Sampled(50);
        RankingMetrics a = new Evaluator(constant(scores), numItems, 512)
                .evaluate(cases, p, 11)
                .get("sampled_50");
        RankingMetrics b = new Evaluator(constant(scores), numItems, 7)
                .evaluate(cases, p, 11)
                .get("sampled_50");
        RankingMetrics c = new Evaluator(constant(scores), numItems, 512)
                .evaluate(cases, p, 12)
                .get("sampled_50");
        assertEquals(a, b);
        assertNotEquals(a, c);
        assertEquals(200, a.cases());
    }

    @Test
    void batchesCoverEveryCaseOnce() {
        List<int[]> seen = new ArrayList<>();
        BatchScorer recording = histories -> {
            assertTrue(histories.length <= 3);
            seen.addAll(Arrays.asList(histories));
            return constant(FIXED).score(histories);
        };
        List<EvalCase> cases = new ArrayList<>();
        for (int u = 0; u < 8; u++) {
            cases.add(evalCase(u, new int[] {1 + u % 6}, 2));
        }
        new Evaluator(recording, 6, 3).evaluate(cases, new EvaluationProtocol.Full(), 1);
        assertEquals(8, seen.size());
        for (int u = 0; u < 8; u++) {
            assertEquals(cases.get(u).history(), seen.get(u));
        }
    }

    @Test
    void badScorerOutputAndTargetsAreReported() {
        BatchScorer tooShort = histories -> new float[histories.length][3];
        IllegalStateException e = assertThrows(
                IllegalStateException.class,
                () -> new Evaluator(tooShort, 6, 2)
                        .evaluate(List.of(evalCase(0, new int[] {1}, 2)), new EvaluationProtocol.Full(), 1));
        assertTrue(e.getMessage().contains("expected numItems + 1 = 7"), e.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () -> new Evaluator(constant(FIXED), 6, 2)
                        .evaluate(List.of(evalCase(0, new int[] {1}, 7)), new EvaluationProtocol.Full(), 1));
        assertThrows(IllegalArgumentException.class, () -> new Evaluator(constant(FIXED), 6, 0));
    }

    @Test
    void flattenNamesSplitVariantAndMetric() {
        EvaluationResult r = new Evaluator(constant(FIXED), 6, 2)
                .evaluate(List.of(evalCase(0, new int[] {3, 5}, 2)), new EvaluationProtocol.Full(), 1);
        assertEquals(1.0 / 3, r.flatten("test").get("test_full.mrr"), EPS);
        assertEquals(1.0, r.flatten("test").get("test_full_excl_seen.ndcg@10"), EPS);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
